import { PodSecurityLevel } from '../../../constructs/core/pod-security-standards';
import { context, daemonSet, paths, restrictedSpec } from '../../support/pod-security-samples';

type Json = Record<string, unknown>;

describe('restrictedChecks (podSecurityViolations at restricted)', () => {
  const P = 'spec.template.spec';

  test('a hardened pod passes', () => {
    expect(paths(daemonSet(restrictedSpec()), PodSecurityLevel.RESTRICTED)).toEqual([]);
  });

  test('a baseline capability is still too much, NET_BIND_SERVICE is not', () => {
    const spec = restrictedSpec();
    context(spec).capabilities = { drop: ['ALL'], add: ['NET_BIND_SERVICE', 'CHOWN'] };
    expect(paths(daemonSet(spec), PodSecurityLevel.BASELINE)).toEqual([]);
    expect(paths(daemonSet(spec), PodSecurityLevel.RESTRICTED)).toEqual([
      `${P}.containers[0].securityContext.capabilities.add[1]`,
    ]);
  });

  test('a pod that says runAsNonRoot: false is rejected even when its containers say true', () => {
    const spec = restrictedSpec();
    (spec.securityContext as Json).runAsNonRoot = false;
    context(spec).runAsNonRoot = true;
    expect(paths(daemonSet(spec), PodSecurityLevel.RESTRICTED)).toEqual([
      `${P}.securityContext.runAsNonRoot`,
    ]);
  });

  test('an unconfined pod profile is reported once, at the pod, not again for containers inheriting it', () => {
    const spec = restrictedSpec();
    (spec.securityContext as Json).seccompProfile = { type: 'Unconfined' };
    expect(paths(daemonSet(spec), PodSecurityLevel.RESTRICTED)).toEqual([
      `${P}.securityContext.seccompProfile.type`,
    ]);
  });
});
