/**
 * How a record of rendered pods (`rendered-pods.ts`) is made from a chart's rendering: the workloads of
 * a `helm template` output, each reduced to the fields Pod Security admission reads. `npm run
 * pod-records` applies it to a fresh rendering and compares the result with the add-on's record.
 */
import { PodSecurityFields, RenderedPod } from './rendered-pods';

type Json = Record<string, unknown>;

/** Kinds whose pod template a chart renders, and where the template lives. */
const TEMPLATE_PATHS: Readonly<Record<string, readonly string[]>> = {
  Deployment: ['spec', 'template'],
  DaemonSet: ['spec', 'template'],
  StatefulSet: ['spec', 'template'],
  Job: ['spec', 'template'],
};

/** Helm hooks that only `helm test` creates; Berth never runs it, so their pods never exist. */
const TEST_HOOKS = ['test', 'test-success', 'test-failure'];

/** A workload of a rendering, reduced: what a `RenderedPod` records besides its template and values keys. */
export type ReducedPod = Omit<RenderedPod, 'template' | 'valuesKeys' | 'namespace'> & {
  readonly namespace?: string;
};

/**
 * A pod spec reduced to what Pod Security reads: host namespaces, the pod's security context, each
 * container's name, security context and host ports, and each volume's name and type (the source only
 * for `hostPath`).
 */
export function podSecurityFields(spec: Json): PodSecurityFields {
  const out: Json = {};
  for (const field of ['hostNetwork', 'hostPID', 'hostIPC'] as const) {
    if (spec[field] !== undefined) out[field] = spec[field];
  }
  if (isObject(spec.securityContext) && Object.keys(spec.securityContext).length > 0) {
    out.securityContext = spec.securityContext;
  }
  for (const group of ['initContainers', 'containers'] as const) {
    if (!Array.isArray(spec[group])) continue;
    out[group] = (spec[group] as Json[]).map((container) => {
      const reduced: Json = { name: container.name };
      if (container.securityContext !== undefined) reduced.securityContext = container.securityContext;
      const hostPorts = (Array.isArray(container.ports) ? (container.ports as Json[]) : [])
        .filter((port) => port.hostPort !== undefined && port.hostPort !== 0)
        .map((port) => ({ containerPort: port.containerPort, hostPort: port.hostPort }));
      if (hostPorts.length > 0) reduced.ports = hostPorts;
      return reduced;
    });
  }
  if (Array.isArray(spec.volumes)) {
    out.volumes = (spec.volumes as Json[]).map((volume) => {
      const type = Object.keys(volume).find((key) => key !== 'name') ?? 'emptyDir';
      return { name: volume.name, [type]: type === 'hostPath' ? volume.hostPath : {} };
    });
  }
  return out;
}

/** Every workload of a rendering (`helm template` documents), reduced; `helm test` hooks left out. */
export function reduceRendering(documents: readonly unknown[]): ReducedPod[] {
  const out: ReducedPod[] = [];
  for (const doc of documents) {
    if (!isObject(doc) || typeof doc.kind !== 'string') continue;
    const metadata = isObject(doc.metadata) ? doc.metadata : {};
    const hook = isObject(metadata.annotations) ? metadata.annotations['helm.sh/hook'] : undefined;
    if (typeof hook === 'string' && hook.split(',').every((h) => TEST_HOOKS.includes(h.trim()))) continue;
    let template: unknown;
    if (doc.kind === 'Pod') template = { metadata: {}, spec: doc.spec };
    else if (TEMPLATE_PATHS[doc.kind]) {
      template = TEMPLATE_PATHS[doc.kind].reduce<unknown>(
        (n, step) => (isObject(n) ? n[step] : undefined),
        doc,
      );
    } else continue;
    const podTemplate = isObject(template) ? template : {};
    const templateMeta = isObject(podTemplate.metadata) ? podTemplate.metadata : {};
    const annotations = Object.fromEntries(
      Object.entries(isObject(templateMeta.annotations) ? templateMeta.annotations : {}).filter(([key]) =>
        key.startsWith('container.apparmor.security.beta.kubernetes.io/'),
      ),
    ) as Record<string, string>;
    out.push({
      kind: doc.kind as RenderedPod['kind'],
      name: String(metadata.name),
      ...(typeof metadata.namespace === 'string' ? { namespace: metadata.namespace } : {}),
      ...(typeof hook === 'string' ? { hook } : {}),
      ...(Object.keys(annotations).length > 0 ? { annotations } : {}),
      spec: podSecurityFields(isObject(podTemplate.spec) ? podTemplate.spec : {}),
    });
  }
  return out;
}

/**
 * Differences between a record's pods and a rendering's, one line per pod that was added, removed or
 * renders other security fields (`kind/name: ...`); empty when the record is current.
 */
export function recordDrift(recorded: readonly RenderedPod[], rendered: readonly ReducedPod[]): string[] {
  const key = (p: { kind: string; name: string }) => `${p.kind}/${p.name}`;
  const out: string[] = [];
  for (const pod of rendered) {
    const old = recorded.find((r) => key(r) === key(pod));
    if (!old) out.push(`${key(pod)}: rendered but not recorded`);
    else if (canonical(old.spec) !== canonical(pod.spec)) {
      out.push(`${key(pod)}: recorded ${canonical(old.spec)}, rendered ${canonical(pod.spec)}`);
    } else if (canonical(old.annotations ?? {}) !== canonical(pod.annotations ?? {})) {
      out.push(`${key(pod)}: AppArmor annotations differ`);
    }
  }
  for (const pod of recorded.filter((p) => p.operator === undefined)) {
    if (!rendered.some((r) => key(r) === key(pod))) out.push(`${key(pod)}: recorded but not rendered`);
  }
  return out;
}

function canonical(value: unknown): string {
  return JSON.stringify(value, (_, v: unknown) =>
    isObject(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b))) : v,
  );
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
