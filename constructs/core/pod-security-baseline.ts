import {
  Json,
  Report,
  asArray,
  forEachContainer,
  isObject,
  podAnnotationsOf,
  seccompType,
} from './pod-manifest';

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

const APPARMOR_TYPES = ['RuntimeDefault', 'Localhost'];
const APPARMOR_ANNOTATION = 'container.apparmor.security.beta.kubernetes.io/';

/**
 * The baseline checks: no host namespaces, paths, ports or processes; no privileged containers; only
 * safe sysctls, SELinux types, seccomp and AppArmor profiles; only `allowedCapabilities` added (the
 * baseline's `BASELINE_CAPABILITIES`; restricted narrows them to its `RESTRICTED_CAPABILITIES`).
 */
export function baselineChecks(
  manifest: Json,
  spec: Json,
  path: string,
  allowedCapabilities: readonly string[],
  report: Report,
) {
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
