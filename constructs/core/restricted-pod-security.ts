/**
 * The Kubernetes Pod Security Standard "restricted" (baseline included), as a policy function over
 * synthesized manifests, plus Berth's own workload hardening on top of it. Environment charts run both
 * before they synthesize; tests run them over every object of every environment.
 *
 * Rules follow https://kubernetes.io/docs/concepts/security/pod-security-standards/ (policy version
 * "latest" at Kubernetes 1.35).
 */

/** One broken rule, with the JSON path of the offending field inside the object. */
export interface PodSecurityViolation {
  /** `<Kind>/<name>`. */
  readonly object: string;
  /** Path inside the object, e.g. `spec.template.spec.containers[0].securityContext.runAsNonRoot`. */
  readonly path: string;
  readonly message: string;
}

/** Security context every Berth container gets: what "restricted" requires, and a read-only root. */
export const RESTRICTED_CONTAINER_SECURITY_CONTEXT = {
  allowPrivilegeEscalation: false,
  privileged: false,
  readOnlyRootFilesystem: true,
  runAsNonRoot: true,
  capabilities: { drop: ['ALL'] },
  seccompProfile: { type: 'RuntimeDefault' },
} as const;

/**
 * Pod security context of every Berth pod. No `runAsUser`: the image's numeric USER is used, and images
 * keep working where a platform assigns UIDs.
 */
export const RESTRICTED_POD_SECURITY_CONTEXT = {
  runAsNonRoot: true,
  seccompProfile: { type: 'RuntimeDefault' },
} as const;

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

const SECCOMP_ALLOWED = ['RuntimeDefault', 'Localhost'];

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

/**
 * Every way a manifest breaks the restricted Pod Security Standard; empty for compliant workloads and
 * for kinds that run no pods.
 */
export function restrictedPodSecurityViolations(manifest: Json): PodSecurityViolation[] {
  const pod = podSpecOf(manifest);
  if (!pod) return [];
  const object = describe(manifest);
  const out: PodSecurityViolation[] = [];
  const report = (path: string, message: string) => out.push({ object, path, message });
  const { spec, path } = pod;
  const podContext = isObject(spec.securityContext) ? spec.securityContext : {};

  // Baseline: host namespaces, host paths and ports, privileged, added capabilities, proc mount, sysctls.
  for (const field of ['hostNetwork', 'hostPID', 'hostIPC'] as const) {
    if (spec[field] === true) report(`${path}.${field}`, 'host namespaces are not allowed');
  }
  if (isObject(podContext.windowsOptions) && podContext.windowsOptions.hostProcess === true) {
    report(`${path}.securityContext.windowsOptions.hostProcess`, 'host processes are not allowed');
  }
  if (isObject(podContext.seLinuxOptions))
    checkSeLinux(podContext.seLinuxOptions, `${path}.securityContext`, report);
  asArray(podContext.sysctls).forEach((sysctl, i) => {
    const name = isObject(sysctl) ? sysctl.name : undefined;
    if (typeof name !== 'string' || !SAFE_SYSCTLS.includes(name)) {
      report(`${path}.securityContext.sysctls[${i}]`, `sysctl ${String(name)} is not in the safe set`);
    }
  });

  // Restricted: volume types.
  asArray(spec.volumes).forEach((volume, i) => {
    if (!isObject(volume)) return;
    const types = Object.keys(volume).filter((k) => k !== 'name');
    for (const type of types) {
      if (!RESTRICTED_VOLUME_TYPES.includes(type)) {
        report(
          `${path}.volumes[${i}].${type}`,
          `volume type ${type} is not allowed (allowed: ${RESTRICTED_VOLUME_TYPES.join(', ')})`,
        );
      }
    }
  });

  // Restricted: seccomp, at pod level or on every container.
  const podSeccomp = seccompType(podContext);
  if (podSeccomp !== undefined && !SECCOMP_ALLOWED.includes(podSeccomp)) {
    report(
      `${path}.securityContext.seccompProfile.type`,
      `must be RuntimeDefault or Localhost, not ${podSeccomp}`,
    );
  }
  const podNonRoot = podContext.runAsNonRoot === true;
  if (podContext.runAsUser === 0) report(`${path}.securityContext.runAsUser`, 'must not be 0 (root)');

  for (const group of ['initContainers', 'containers', 'ephemeralContainers'] as const) {
    asArray(spec[group]).forEach((container, i) => {
      if (!isObject(container)) return;
      const at = `${path}.${group}[${i}]`;
      const context = isObject(container.securityContext) ? container.securityContext : {};
      const ctx = `${at}.securityContext`;
      if (context.privileged === true) report(`${ctx}.privileged`, 'privileged containers are not allowed');
      if (isObject(context.windowsOptions) && context.windowsOptions.hostProcess === true) {
        report(`${ctx}.windowsOptions.hostProcess`, 'host processes are not allowed');
      }
      if (context.procMount !== undefined && context.procMount !== 'Default') {
        report(`${ctx}.procMount`, 'must be Default');
      }
      if (isObject(context.seLinuxOptions)) checkSeLinux(context.seLinuxOptions, ctx, report);
      asArray(container.ports).forEach((port, p) => {
        if (isObject(port) && port.hostPort !== undefined && port.hostPort !== 0) {
          report(`${at}.ports[${p}].hostPort`, 'host ports are not allowed');
        }
      });
      if (context.allowPrivilegeEscalation !== false) {
        report(`${ctx}.allowPrivilegeEscalation`, 'must be false');
      }
      const nonRoot = context.runAsNonRoot ?? (podNonRoot ? true : undefined);
      if (nonRoot !== true)
        report(`${ctx}.runAsNonRoot`, 'must be true (here or in the pod securityContext)');
      if (context.runAsUser === 0) report(`${ctx}.runAsUser`, 'must not be 0 (root)');
      const seccomp = seccompType(context) ?? podSeccomp;
      if (seccomp === undefined) {
        report(
          `${ctx}.seccompProfile.type`,
          'must be RuntimeDefault or Localhost (here or in the pod securityContext)',
        );
      } else if (!SECCOMP_ALLOWED.includes(seccomp)) {
        report(`${ctx}.seccompProfile.type`, `must be RuntimeDefault or Localhost, not ${seccomp}`);
      }
      const capabilities = isObject(context.capabilities) ? context.capabilities : {};
      if (!asArray(capabilities.drop).includes('ALL')) report(`${ctx}.capabilities.drop`, 'must include ALL');
      asArray(capabilities.add).forEach((cap, c) => {
        if (cap !== 'NET_BIND_SERVICE') {
          report(`${ctx}.capabilities.add[${c}]`, `only NET_BIND_SERVICE may be added, not ${String(cap)}`);
        }
      });
    });
  }
  return out;
}

/**
 * Berth's hardening beyond the standard: a read-only root filesystem, no fixed UID (images run with
 * their own numeric USER), no service account token unless asked for, and resource requests and limits
 * on every container.
 */
export function workloadHardeningViolations(manifest: Json): PodSecurityViolation[] {
  const pod = podSpecOf(manifest);
  if (!pod) return [];
  const object = describe(manifest);
  const out: PodSecurityViolation[] = [];
  const report = (path: string, message: string) => out.push({ object, path, message });
  const { spec, path } = pod;
  const podContext = isObject(spec.securityContext) ? spec.securityContext : {};
  if (podContext.runAsUser !== undefined) {
    report(`${path}.securityContext.runAsUser`, 'must be unset: the image chooses its non-root user');
  }
  if (spec.automountServiceAccountToken !== false) {
    report(`${path}.automountServiceAccountToken`, 'must be false: apps do not talk to the Kubernetes API');
  }
  for (const group of ['initContainers', 'containers'] as const) {
    asArray(spec[group]).forEach((container, i) => {
      if (!isObject(container)) return;
      const at = `${path}.${group}[${i}]`;
      const context = isObject(container.securityContext) ? container.securityContext : {};
      if (context.readOnlyRootFilesystem !== true) {
        report(
          `${at}.securityContext.readOnlyRootFilesystem`,
          'must be true; mount writable paths as volumes',
        );
      }
      if (context.runAsUser !== undefined) {
        report(`${at}.securityContext.runAsUser`, 'must be unset: the image chooses its non-root user');
      }
      const resources = isObject(container.resources) ? container.resources : {};
      const requests = isObject(resources.requests) ? resources.requests : {};
      const limits = isObject(resources.limits) ? resources.limits : {};
      if (requests.cpu === undefined || requests.memory === undefined) {
        report(`${at}.resources.requests`, 'must set cpu and memory');
      }
      if (limits.memory === undefined) report(`${at}.resources.limits.memory`, 'must be set');
    });
  }
  return out;
}

/** Renders violations one per line, for error messages. */
export function formatViolations(violations: readonly PodSecurityViolation[]): string {
  return violations.map((v) => `${v.object} ${v.path}: ${v.message}`).join('\n');
}

function checkSeLinux(options: Json, at: string, report: (path: string, message: string) => void): void {
  const allowedTypes = [
    undefined,
    '',
    'container_t',
    'container_init_t',
    'container_kvm_t',
    'container_engine_t',
  ];
  if (!allowedTypes.includes(options.type as string | undefined)) {
    report(`${at}.seLinuxOptions.type`, `SELinux type ${String(options.type)} is not allowed`);
  }
  for (const field of ['user', 'role'] as const) {
    if (options[field] !== undefined && options[field] !== '') {
      report(`${at}.seLinuxOptions.${field}`, 'must not be set');
    }
  }
}

function seccompType(context: Json): string | undefined {
  return isObject(context.seccompProfile) && typeof context.seccompProfile.type === 'string'
    ? context.seccompProfile.type
    : undefined;
}

function describe(manifest: Json): string {
  const metadata = isObject(manifest.metadata) ? manifest.metadata : {};
  return `${String(manifest.kind)}/${String(metadata.name)}`;
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function asArray(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}
