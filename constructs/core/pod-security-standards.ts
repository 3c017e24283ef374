/**
 * The Kubernetes Pod Security Standards, "baseline" and "restricted", as policy functions over pod
 * manifests: what the built-in Pod Security admission controller enforces for a namespace labelled
 * `pod-security.kubernetes.io/enforce: <level>`.
 *
 * Rules follow https://kubernetes.io/docs/concepts/security/pod-security-standards/ and the checks of
 * kubernetes/pod-security-admission (`policy/check_*.go`), policy version "latest" at Kubernetes 1.35.
 * Windows pods (`spec.os.name: windows`) are not modelled: the platform runs Linux nodes only.
 */

/** Pod Security Standard levels, enforced per namespace by the built-in admission controller. */
export enum PodSecurityLevel {
  /** Host networking, host paths, privileged containers: CNI, node agents. */
  PRIVILEGED = 'privileged',
  /** No known privilege escalation; some capabilities allowed, no host namespaces, paths or ports. */
  BASELINE = 'baseline',
  /** Hardened: non-root, no capabilities, seccomp RuntimeDefault. */
  RESTRICTED = 'restricted',
}

/** The levels from the most to the least strict. */
export const POD_SECURITY_LEVELS_STRICTEST_FIRST: readonly PodSecurityLevel[] = [
  PodSecurityLevel.RESTRICTED,
  PodSecurityLevel.BASELINE,
  PodSecurityLevel.PRIVILEGED,
];

/** One broken rule, with the JSON path of the offending field inside the object. */
export interface PodSecurityViolation {
  /** `<Kind>/<name>`. */
  readonly object: string;
  /** Path inside the object, e.g. `spec.template.spec.containers[0].securityContext.runAsNonRoot`. */
  readonly path: string;
  readonly message: string;
}

/** Volume types the restricted profile allows. */
export const RESTRICTED_VOLUME_TYPES: readonly string[] = [
  'configMap',
  'csi',
  'downwardAPI',
  'emptyDir',
  'ephemeral',
  'persistentVolumeClaim',
  'projected',
  'secret',
];

/** Capabilities the baseline profile allows a container to add (the container runtimes' default set). */
export const BASELINE_CAPABILITIES: readonly string[] = [
  'AUDIT_WRITE',
  'CHOWN',
  'DAC_OVERRIDE',
  'FOWNER',
  'FSETID',
  'KILL',
  'MKNOD',
  'NET_BIND_SERVICE',
  'SETFCAP',
  'SETGID',
  'SETPCAP',
  'SETUID',
  'SYS_CHROOT',
];

/** Capabilities the restricted profile allows a container to add back after dropping ALL. */
const RESTRICTED_CAPABILITIES: readonly string[] = ['NET_BIND_SERVICE'];

/** Sysctls the baseline profile allows. */
const SAFE_SYSCTLS: readonly string[] = [
  'kernel.shm_rmid_forced',
  'net.ipv4.ip_local_port_range',
  'net.ipv4.ip_unprivileged_port_start',
  'net.ipv4.tcp_syncookies',
  'net.ipv4.ping_group_range',
  'net.ipv4.ip_local_reserved_ports',
  'net.ipv4.tcp_keepalive_time',
  'net.ipv4.tcp_fin_timeout',
  'net.ipv4.tcp_keepalive_intvl',
  'net.ipv4.tcp_keepalive_probes',
];

/** SELinux types the baseline profile allows (besides unset and empty). */
const SELINUX_TYPES: readonly string[] = [
  'container_t',
  'container_init_t',
  'container_kvm_t',
  'container_engine_t',
];

const SECCOMP_ALLOWED = ['RuntimeDefault', 'Localhost'];
const APPARMOR_TYPES = ['RuntimeDefault', 'Localhost'];
const APPARMOR_ANNOTATION = 'container.apparmor.security.beta.kubernetes.io/';
const CONTAINER_GROUPS = ['initContainers', 'containers', 'ephemeralContainers'] as const;

type Json = Record<string, unknown>;

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
function podAnnotationsOf(
  manifest: Json,
  specPath: string,
): { readonly annotations: Json; readonly path: string } {
  const steps = specPath.split('.').slice(0, -1).concat('metadata');
  let node: unknown = manifest;
  for (const step of steps) node = isObject(node) ? node[step] : undefined;
  const annotations = isObject(node) && isObject(node.annotations) ? node.annotations : {};
  return { annotations, path: `${steps.join('.')}.annotations` };
}

/**
 * Every way a manifest breaks the Pod Security Standard `level`; empty for compliant workloads, for
 * kinds that run no pods and for `privileged`, which allows everything.
 */
export function podSecurityViolations(manifest: Json, level: PodSecurityLevel): PodSecurityViolation[] {
  const pod = podSpecOf(manifest);
  if (!pod || level === PodSecurityLevel.PRIVILEGED) return [];
  const object = objectName(manifest);
  const out: PodSecurityViolation[] = [];
  const seen = new Set<string>();
  const report = (path: string, message: string) => {
    if (seen.has(path)) return;
    seen.add(path);
    out.push({ object, path, message });
  };
  baselineChecks(manifest, pod.spec, pod.path, level, report);
  if (level === PodSecurityLevel.RESTRICTED) restrictedChecks(pod.spec, pod.path, report);
  return out;
}

/** The strictest level that admits every one of the manifests' pods. */
export function leastPodSecurityLevel(manifests: readonly Json[]): PodSecurityLevel {
  return (
    POD_SECURITY_LEVELS_STRICTEST_FIRST.find((level) =>
      manifests.every((m) => podSecurityViolations(m, level).length === 0),
    ) ?? PodSecurityLevel.PRIVILEGED
  );
}

/** Renders violations one per line, for error messages. */
export function formatViolations(violations: readonly PodSecurityViolation[]): string {
  return violations.map((v) => `${v.object} ${v.path}: ${v.message}`).join('\n');
}

type Report = (path: string, message: string) => void;

function baselineChecks(manifest: Json, spec: Json, path: string, level: PodSecurityLevel, report: Report) {
  const podContext = isObject(spec.securityContext) ? spec.securityContext : {};
  const podAt = `${path}.securityContext`;
  for (const field of ['hostNetwork', 'hostPID', 'hostIPC'] as const) {
    if (spec[field] === true) report(`${path}.${field}`, 'host namespaces are not allowed');
  }
  checkContext(podContext, podAt, report);
  asArray(podContext.sysctls).forEach((sysctl, i) => {
    const name = isObject(sysctl) ? sysctl.name : undefined;
    if (typeof name !== 'string' || !SAFE_SYSCTLS.includes(name)) {
      report(`${podAt}.sysctls[${i}]`, `sysctl ${String(name)} is not in the safe set`);
    }
  });
  asArray(spec.volumes).forEach((volume, i) => {
    if (isObject(volume) && volume.hostPath !== undefined) {
      report(`${path}.volumes[${i}].hostPath`, 'host path volumes are not allowed');
    }
  });
  const { annotations, path: annotationsAt } = podAnnotationsOf(manifest, path);
  for (const [key, value] of Object.entries(annotations)) {
    if (!key.startsWith(APPARMOR_ANNOTATION)) continue;
    if (value !== 'runtime/default' && !(typeof value === 'string' && value.startsWith('localhost/'))) {
      report(`${annotationsAt}["${key}"]`, `AppArmor profile ${String(value)} is not allowed`);
    }
  }
  const allowedCapabilities =
    level === PodSecurityLevel.RESTRICTED ? RESTRICTED_CAPABILITIES : BASELINE_CAPABILITIES;
  forEachContainer(spec, path, (container, at) => {
    const context = isObject(container.securityContext) ? container.securityContext : {};
    const ctx = `${at}.securityContext`;
    if (context.privileged === true) report(`${ctx}.privileged`, 'privileged containers are not allowed');
    if (context.procMount !== undefined && context.procMount !== 'Default') {
      report(`${ctx}.procMount`, 'must be Default');
    }
    checkContext(context, ctx, report);
    asArray(container.ports).forEach((port, p) => {
      if (isObject(port) && port.hostPort !== undefined && port.hostPort !== 0) {
        report(`${at}.ports[${p}].hostPort`, 'host ports are not allowed');
      }
    });
    const capabilities = isObject(context.capabilities) ? context.capabilities : {};
    asArray(capabilities.add).forEach((cap, c) => {
      if (!allowedCapabilities.includes(String(cap))) {
        report(
          `${ctx}.capabilities.add[${c}]`,
          `capability ${String(cap)} may not be added (allowed: ${allowedCapabilities.join(', ')})`,
        );
      }
    });
  });
}

/** Rules shared by pod and container security contexts: host process, SELinux, seccomp, AppArmor. */
function checkContext(context: Json, at: string, report: Report): void {
  if (isObject(context.windowsOptions) && context.windowsOptions.hostProcess === true) {
    report(`${at}.windowsOptions.hostProcess`, 'host processes are not allowed');
  }
  if (isObject(context.seLinuxOptions)) {
    const options = context.seLinuxOptions;
    const type = options.type;
    if (type !== undefined && type !== '' && !SELINUX_TYPES.includes(String(type))) {
      report(`${at}.seLinuxOptions.type`, `SELinux type ${String(type)} is not allowed`);
    }
    for (const field of ['user', 'role'] as const) {
      if (options[field] !== undefined && options[field] !== '') {
        report(`${at}.seLinuxOptions.${field}`, 'must not be set');
      }
    }
  }
  const seccomp = seccompType(context);
  if (seccomp === 'Unconfined') {
    report(`${at}.seccompProfile.type`, 'must be RuntimeDefault or Localhost, not Unconfined');
  }
  if (isObject(context.appArmorProfile)) {
    const type = context.appArmorProfile.type;
    if (!APPARMOR_TYPES.includes(String(type))) {
      report(`${at}.appArmorProfile.type`, `AppArmor profile ${String(type)} is not allowed`);
    }
  }
}

function restrictedChecks(spec: Json, path: string, report: Report): void {
  const podContext = isObject(spec.securityContext) ? spec.securityContext : {};
  const podAt = `${path}.securityContext`;
  asArray(spec.volumes).forEach((volume, i) => {
    if (!isObject(volume)) return;
    for (const type of Object.keys(volume).filter((k) => k !== 'name')) {
      if (!RESTRICTED_VOLUME_TYPES.includes(type)) {
        report(
          `${path}.volumes[${i}].${type}`,
          `volume type ${type} is not allowed (allowed: ${RESTRICTED_VOLUME_TYPES.join(', ')})`,
        );
      }
    }
  });
  const podSeccomp = seccompType(podContext);
  if (podSeccomp !== undefined && !SECCOMP_ALLOWED.includes(podSeccomp)) {
    report(`${podAt}.seccompProfile.type`, `must be RuntimeDefault or Localhost, not ${podSeccomp}`);
  }
  if (podContext.runAsNonRoot === false) report(`${podAt}.runAsNonRoot`, 'must not be false');
  if (podContext.runAsUser === 0) report(`${podAt}.runAsUser`, 'must not be 0 (root)');
  const podNonRoot = podContext.runAsNonRoot === true;
  forEachContainer(spec, path, (container, at) => {
    const context = isObject(container.securityContext) ? container.securityContext : {};
    const ctx = `${at}.securityContext`;
    if (context.allowPrivilegeEscalation !== false)
      report(`${ctx}.allowPrivilegeEscalation`, 'must be false');
    const nonRoot = context.runAsNonRoot ?? (podNonRoot ? true : undefined);
    if (nonRoot !== true) report(`${ctx}.runAsNonRoot`, 'must be true (here or in the pod securityContext)');
    if (context.runAsUser === 0) report(`${ctx}.runAsUser`, 'must not be 0 (root)');
    // A container without its own profile inherits the pod's (reported there when it is wrong).
    const seccomp = seccompType(context);
    if (seccomp === undefined && podSeccomp === undefined) {
      report(
        `${ctx}.seccompProfile.type`,
        'must be RuntimeDefault or Localhost (here or in the pod securityContext)',
      );
    } else if (seccomp !== undefined && !SECCOMP_ALLOWED.includes(seccomp)) {
      report(`${ctx}.seccompProfile.type`, `must be RuntimeDefault or Localhost, not ${seccomp}`);
    }
    const capabilities = isObject(context.capabilities) ? context.capabilities : {};
    if (!asArray(capabilities.drop).includes('ALL')) report(`${ctx}.capabilities.drop`, 'must include ALL');
  });
}

function forEachContainer(spec: Json, path: string, check: (container: Json, at: string) => void): void {
  for (const group of CONTAINER_GROUPS) {
    asArray(spec[group]).forEach((container, i) => {
      if (isObject(container)) check(container, `${path}.${group}[${i}]`);
    });
  }
}

function seccompType(context: Json): string | undefined {
  return isObject(context.seccompProfile) && typeof context.seccompProfile.type === 'string'
    ? context.seccompProfile.type
    : undefined;
}

/** `<Kind>/<name>` of a manifest, as violations name it. */
export function objectName(manifest: Json): string {
  const metadata = isObject(manifest.metadata) ? manifest.metadata : {};
  return `${String(manifest.kind)}/${String(metadata.name)}`;
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function asArray(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}
