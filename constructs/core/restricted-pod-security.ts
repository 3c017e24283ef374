/**
 * The Kubernetes Pod Security Standard "restricted" (baseline included), as environment charts apply it,
 * plus Berth's own workload hardening on top of it. Environment charts run both before they synthesize;
 * tests run them over every object of every environment. The standard itself, at every level, lives in
 * `pod-security-standards.ts`.
 */
import { objectName, podSpecOf } from './pod-manifest';
import { PodSecurityLevel, PodSecurityViolation, podSecurityViolations } from './pod-security-standards';

export { isWorkload, podSpecOf } from './pod-manifest';
export { RESTRICTED_VOLUME_TYPES } from './pod-security-restricted';
export { PodSecurityViolation, formatViolations } from './pod-security-standards';

type Json = Record<string, unknown>;

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

/**
 * Every way a manifest breaks the restricted Pod Security Standard; empty for compliant workloads and
 * for kinds that run no pods.
 */
export function restrictedPodSecurityViolations(manifest: Json): PodSecurityViolation[] {
  return podSecurityViolations(manifest, PodSecurityLevel.RESTRICTED);
}

/**
 * Berth's hardening beyond the standard: a read-only root filesystem, no fixed UID (images run with
 * their own numeric USER), no service account token unless asked for, and resource requests and limits
 * on every container.
 */
export function workloadHardeningViolations(manifest: Json): PodSecurityViolation[] {
  const pod = podSpecOf(manifest);
  if (!pod) return [];
  const object = objectName(manifest);
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

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function asArray(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}
