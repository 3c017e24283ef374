import { Json, Report, asArray, forEachContainer, isObject, seccompType } from './pod-manifest';

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

/** Capabilities the restricted profile allows a container to add back after dropping ALL. */
export const RESTRICTED_CAPABILITIES: readonly string[] = ['NET_BIND_SERVICE'];

const SECCOMP_ALLOWED = ['RuntimeDefault', 'Localhost'];

/**
 * The checks restricted adds to baseline: only the listed volume types; seccomp RuntimeDefault or
 * Localhost; non-root; no privilege escalation; every capability dropped.
 */
export function restrictedChecks(spec: Json, path: string, report: Report): void {
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
