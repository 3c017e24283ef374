/**
 * The Kubernetes Pod Security Standards, "baseline" and "restricted", as policy functions over pod
 * manifests: what the built-in Pod Security admission controller enforces for a namespace labelled
 * `pod-security.kubernetes.io/enforce: <level>`.
 *
 * Rules follow https://kubernetes.io/docs/concepts/security/pod-security-standards/ and the checks of
 * kubernetes/pod-security-admission (`policy/check_*.go`), policy version "latest" at Kubernetes 1.35.
 * Windows pods (`spec.os.name: windows`) are not modelled: the platform runs Linux nodes only.
 *
 * The levels and the verdicts here; the checks in `pod-security-baseline.ts` and
 * `pod-security-restricted.ts`, reading manifests in `pod-manifest.ts`.
 */
import { BASELINE_CAPABILITIES, baselineChecks } from './pod-security-baseline';
import { RESTRICTED_CAPABILITIES, restrictedChecks } from './pod-security-restricted';
import { Json, objectName, podSpecOf } from './pod-manifest';

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
  const allowedCapabilities =
    level === PodSecurityLevel.RESTRICTED ? RESTRICTED_CAPABILITIES : BASELINE_CAPABILITIES;
  baselineChecks(manifest, pod.spec, pod.path, allowedCapabilities, report);
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
