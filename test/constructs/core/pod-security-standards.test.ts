import {
  PodSecurityLevel,
  formatViolations,
  leastPodSecurityLevel,
  podSecurityViolations,
} from '../../../constructs/core/pod-security-standards';
import { bareSpec, daemonSet, paths, restrictedSpec } from '../../support/pod-security-samples';

describe('podSecurityViolations', () => {
  const P = 'spec.template.spec';

  test('a pod with no security settings passes baseline but not restricted', () => {
    expect(paths(daemonSet(bareSpec()), PodSecurityLevel.BASELINE)).toEqual([]);
    expect(paths(daemonSet(bareSpec()), PodSecurityLevel.RESTRICTED)).toEqual([
      `${P}.containers[0].securityContext.allowPrivilegeEscalation`,
      `${P}.containers[0].securityContext.runAsNonRoot`,
      `${P}.containers[0].securityContext.seccompProfile.type`,
      `${P}.containers[0].securityContext.capabilities.drop`,
    ]);
  });

  test('a host path is reported once, though both levels forbid it', () => {
    const spec = restrictedSpec();
    spec.volumes = [{ name: 'h', hostPath: { path: '/' } }];
    expect(podSecurityViolations(daemonSet(spec), PodSecurityLevel.RESTRICTED)).toEqual([
      {
        object: 'DaemonSet/agent',
        path: `${P}.volumes[0].hostPath`,
        message: 'host path volumes are not allowed',
      },
    ]);
  });

  test('kinds that run no pods have nothing to violate', () => {
    expect(
      podSecurityViolations({ kind: 'ConfigMap', metadata: { name: 'c' } }, PodSecurityLevel.RESTRICTED),
    ).toEqual([]);
  });

  test('formatViolations: one line per violation, object and path first', () => {
    const spec = bareSpec();
    spec.hostNetwork = true;
    spec.hostPID = true;
    expect(formatViolations(podSecurityViolations(daemonSet(spec), PodSecurityLevel.BASELINE))).toBe(
      [
        'DaemonSet/agent spec.template.spec.hostNetwork: host namespaces are not allowed',
        'DaemonSet/agent spec.template.spec.hostPID: host namespaces are not allowed',
      ].join('\n'),
    );
  });
});

describe('leastPodSecurityLevel', () => {
  test('is the strictest level admitting every pod', () => {
    const hardened = daemonSet(restrictedSpec());
    const plain = daemonSet(bareSpec());
    const hostNetwork = daemonSet({ ...bareSpec(), hostNetwork: true });
    expect(leastPodSecurityLevel([hardened])).toBe(PodSecurityLevel.RESTRICTED);
    expect(leastPodSecurityLevel([hardened, plain])).toBe(PodSecurityLevel.BASELINE);
    expect(leastPodSecurityLevel([hardened, plain, hostNetwork])).toBe(PodSecurityLevel.PRIVILEGED);
    // A namespace without pods needs nothing: restricted.
    expect(leastPodSecurityLevel([])).toBe(PodSecurityLevel.RESTRICTED);
  });
});
