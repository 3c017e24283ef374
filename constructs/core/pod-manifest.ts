/**
 * Reading workload manifests as untyped JSON, for the Pod Security Standards' checks: where each kind
 * keeps its pod spec and pod annotations, every container of a pod, and the fields the checks share.
 */

export type Json = Record<string, unknown>;

/** Records one broken rule at a path inside the object. */
export type Report = (path: string, message: string) => void;

const CONTAINER_GROUPS = ['initContainers', 'containers', 'ephemeralContainers'] as const;

/** Where the pod spec of each workload kind lives. */
const POD_SPEC_PATHS: Readonly<Record<string, readonly string[]>> = {
  Pod: ['spec'],
  Deployment: ['spec', 'template', 'spec'],
  StatefulSet: ['spec', 'template', 'spec'],
  DaemonSet: ['spec', 'template', 'spec'],
  ReplicaSet: ['spec', 'template', 'spec'],
  ReplicationController: ['spec', 'template', 'spec'],
  Job: ['spec', 'template', 'spec'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
};

/** True for the kinds that run pods. */
export function isWorkload(manifest: Json): boolean {
  return typeof manifest.kind === 'string' && manifest.kind in POD_SPEC_PATHS;
}

/** The pod spec of a workload manifest and its path, or undefined for other kinds. */
export function podSpecOf(manifest: Json): { readonly spec: Json; readonly path: string } | undefined {
  const steps = POD_SPEC_PATHS[String(manifest.kind)];
  if (!steps) return undefined;
  let node: unknown = manifest;
  for (const step of steps) {
    node = isObject(node) ? node[step] : undefined;
  }
  return isObject(node) ? { spec: node, path: steps.join('.') } : { spec: {}, path: steps.join('.') };
}

/** The pod template's annotations (where AppArmor's legacy annotations live), with their path. */
export function podAnnotationsOf(
  manifest: Json,
  specPath: string,
): { readonly annotations: Json; readonly path: string } {
  const steps = specPath.split('.').slice(0, -1).concat('metadata');
  let node: unknown = manifest;
  for (const step of steps) node = isObject(node) ? node[step] : undefined;
  const annotations = isObject(node) && isObject(node.annotations) ? node.annotations : {};
  return { annotations, path: `${steps.join('.')}.annotations` };
}

/** Runs `check` on every init, app and ephemeral container of a pod spec, with its path. */
export function forEachContainer(
  spec: Json,
  path: string,
  check: (container: Json, at: string) => void,
): void {
  for (const group of CONTAINER_GROUPS) {
    asArray(spec[group]).forEach((container, i) => {
      if (isObject(container)) check(container, `${path}.${group}[${i}]`);
    });
  }
}

/** The seccomp profile type a security context names, if any. */
export function seccompType(context: Json): string | undefined {
  return isObject(context.seccompProfile) && typeof context.seccompProfile.type === 'string'
    ? context.seccompProfile.type
    : undefined;
}

/** `<Kind>/<name>` of a manifest, as violations name it. */
export function objectName(manifest: Json): string {
  const metadata = isObject(manifest.metadata) ? manifest.metadata : {};
  return `${String(manifest.kind)}/${String(metadata.name)}`;
}

export function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function asArray(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}
