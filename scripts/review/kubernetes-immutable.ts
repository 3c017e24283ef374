/**
 * Changes the Kubernetes API refuses to apply to an existing object (its validation of updates): the
 * object has to be deleted and created again, which a plain apply does not do. From Kubernetes' update
 * validation (pkg/apis/apps/validation, pkg/apis/batch/validation, pkg/apis/core/validation):
 *
 * - StatefulSet: only `replicas`, `ordinals`, `template`, `updateStrategy`, `revisionHistoryLimit`,
 *   `persistentVolumeClaimRetentionPolicy` and `minReadySeconds` may change ("updates to statefulset spec
 *   for fields other than ... are forbidden"): `selector`, `volumeClaimTemplates`, `serviceName`, ...
 * - Deployment, ReplicaSet, DaemonSet: `spec.selector` ("field is immutable").
 * - Job: `spec.selector`, `spec.template`, `spec.completionMode` (and `completions` outside indexed scaling).
 * - Service: `spec.clusterIP(s)` once set, `spec.ipFamilies` primary.
 * - PersistentVolumeClaim: its spec except growing `resources.requests.storage` (shrinking is refused too).
 * - ConfigMap and Secret marked `immutable: true`: their data; RoleBinding/ClusterRoleBinding: `roleRef`.
 */
import { Json } from './synth-output';

type Spec = Record<string, unknown>;

const STATEFULSET_MUTABLE = new Set([
  'replicas',
  'ordinals',
  'template',
  'updateStrategy',
  'revisionHistoryLimit',
  'persistentVolumeClaimRetentionPolicy',
  'minReadySeconds',
]);

/** Fields of `before` → `after` (same kind and name) that Kubernetes refuses to update; empty when none. */
export function immutableChanges(before: Json, after: Json): string[] {
  const kind = String(after.kind);
  const a = (before.spec ?? {}) as Spec;
  const b = (after.spec ?? {}) as Spec;
  const changed = (key: string) => JSON.stringify(a[key]) !== JSON.stringify(b[key]);
  const fields = (keys: readonly string[]) => keys.filter(changed).map((k) => `spec.${k}`);
  switch (kind) {
    case 'StatefulSet':
      return [...new Set([...Object.keys(a), ...Object.keys(b)])]
        .filter((k) => !STATEFULSET_MUTABLE.has(k) && changed(k))
        .sort()
        .map((k) => `spec.${k}`);
    case 'Deployment':
    case 'ReplicaSet':
    case 'DaemonSet':
      return fields(['selector']);
    case 'Job':
      return fields(['selector', 'template', 'completionMode', 'completions']);
    case 'Service':
      return fields(['clusterIP', 'clusterIPs']);
    case 'PersistentVolumeClaim': {
      const grown = (spec: Spec) => ({ ...spec, resources: undefined });
      const out = JSON.stringify(grown(a)) !== JSON.stringify(grown(b)) ? ['spec'] : [];
      const size = (spec: Spec) =>
        String((((spec.resources ?? {}) as Spec).requests as Spec | undefined)?.storage ?? '');
      if (size(a) !== size(b) && parseGi(size(b)) < parseGi(size(a)))
        out.push('spec.resources.requests.storage (shrunk)');
      return out;
    }
    case 'ConfigMap':
    case 'Secret':
      if (
        before.immutable === true &&
        (JSON.stringify(before.data) !== JSON.stringify(after.data) ||
          JSON.stringify(before.stringData) !== JSON.stringify(after.stringData))
      )
        return ['data (immutable: true)'];
      return [];
    case 'RoleBinding':
    case 'ClusterRoleBinding':
      return JSON.stringify(before.roleRef) !== JSON.stringify(after.roleRef) ? ['roleRef'] : [];
    default:
      return [];
  }
}

function parseGi(quantity: string): number {
  const m = /^(\d+(?:\.\d+)?)(Ki|Mi|Gi|Ti)?$/.exec(quantity);
  if (!m) return NaN;
  const scale: Record<string, number> = { Ki: 1 / 1024 / 1024, Mi: 1 / 1024, Gi: 1, Ti: 1024 };
  return Number(m[1]) * (m[2] ? scale[m[2]] : 1 / 1024 ** 3);
}
