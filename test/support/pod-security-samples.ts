import { PodSecurityLevel, podSecurityViolations } from '../../constructs/core/pod-security-standards';

type Json = Record<string, unknown>;

/** A pod spec that meets the restricted level (and so baseline). */
export function restrictedSpec(): Json {
  return {
    securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
    containers: [
      {
        name: 'c',
        image: 'x',
        securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } },
      },
    ],
    volumes: [{ name: 'tmp', emptyDir: {} }],
  };
}

/** A pod spec with no security settings at all: what many charts render by default. */
export function bareSpec(): Json {
  return { containers: [{ name: 'c', image: 'x' }] };
}

export const daemonSet = (spec: Json, annotations?: Json): Json => ({
  apiVersion: 'apps/v1',
  kind: 'DaemonSet',
  metadata: { name: 'agent' },
  spec: { template: { metadata: { annotations }, spec } },
});
export const first = (spec: Json) => (spec.containers as Json[])[0];
export const context = (spec: Json): Json => {
  const c = first(spec);
  c.securityContext ??= {};
  return c.securityContext as Json;
};
export const paths = (manifest: Json, level: PodSecurityLevel) =>
  podSecurityViolations(manifest, level).map((v) => v.path);
