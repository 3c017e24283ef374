import { BASELINE_CAPABILITIES } from '../../../constructs/core/pod-security-baseline';
import { PodSecurityLevel } from '../../../constructs/core/pod-security-standards';
import { bareSpec, context, daemonSet, first, paths } from '../../support/pod-security-samples';

type Json = Record<string, unknown>;

describe('baselineChecks (podSecurityViolations at baseline)', () => {
  const P = 'spec.template.spec';

  test.each<[string, (spec: Json) => void, string]>([
    ['host network', (s) => (s.hostNetwork = true), `${P}.hostNetwork`],
    ['host PID', (s) => (s.hostPID = true), `${P}.hostPID`],
    ['host IPC', (s) => (s.hostIPC = true), `${P}.hostIPC`],
    [
      'a host path volume',
      (s) => (s.volumes = [{ name: 'logs', hostPath: { path: '/var/log' } }]),
      `${P}.volumes[0].hostPath`,
    ],
    [
      'a host port',
      (s) => (first(s).ports = [{ containerPort: 9100, hostPort: 9100 }]),
      `${P}.containers[0].ports[0].hostPort`,
    ],
    [
      'a privileged container',
      (s) => (context(s).privileged = true),
      `${P}.containers[0].securityContext.privileged`,
    ],
    [
      'a privileged init container',
      (s) => (s.initContainers = [{ name: 'i', securityContext: { privileged: true } }]),
      `${P}.initContainers[0].securityContext.privileged`,
    ],
    [
      'a privileged ephemeral container',
      (s) => (s.ephemeralContainers = [{ name: 'e', securityContext: { privileged: true } }]),
      `${P}.ephemeralContainers[0].securityContext.privileged`,
    ],
    [
      'NET_ADMIN (not in the baseline set)',
      (s) => (context(s).capabilities = { add: ['NET_ADMIN'] }),
      `${P}.containers[0].securityContext.capabilities.add[0]`,
    ],
    [
      'SYS_ADMIN',
      (s) => (context(s).capabilities = { add: ['CHOWN', 'SYS_ADMIN'] }),
      `${P}.containers[0].securityContext.capabilities.add[1]`,
    ],
    [
      'an unconfined pod seccomp profile',
      (s) => (s.securityContext = { seccompProfile: { type: 'Unconfined' } }),
      `${P}.securityContext.seccompProfile.type`,
    ],
    [
      'an unconfined container seccomp profile',
      (s) => (context(s).seccompProfile = { type: 'Unconfined' }),
      `${P}.containers[0].securityContext.seccompProfile.type`,
    ],
    [
      'an unconfined AppArmor profile on the pod',
      (s) => (s.securityContext = { appArmorProfile: { type: 'Unconfined' } }),
      `${P}.securityContext.appArmorProfile.type`,
    ],
    [
      'an unconfined AppArmor profile on a container',
      (s) => (context(s).appArmorProfile = { type: 'Unconfined' }),
      `${P}.containers[0].securityContext.appArmorProfile.type`,
    ],
    [
      'a custom SELinux type',
      (s) => (context(s).seLinuxOptions = { type: 'spc_t' }),
      `${P}.containers[0].securityContext.seLinuxOptions.type`,
    ],
    [
      'a SELinux role',
      (s) => (s.securityContext = { seLinuxOptions: { role: 'system_r' } }),
      `${P}.securityContext.seLinuxOptions.role`,
    ],
    [
      'an unmasked /proc',
      (s) => (context(s).procMount = 'Unmasked'),
      `${P}.containers[0].securityContext.procMount`,
    ],
    [
      'an unsafe sysctl',
      (s) => (s.securityContext = { sysctls: [{ name: 'net.core.somaxconn', value: '1024' }] }),
      `${P}.securityContext.sysctls[0]`,
    ],
    [
      'a Windows host process',
      (s) => (s.securityContext = { windowsOptions: { hostProcess: true } }),
      `${P}.securityContext.windowsOptions.hostProcess`,
    ],
  ])('reports %s', (_, change, path) => {
    const spec = bareSpec();
    change(spec);
    expect(paths(daemonSet(spec), PodSecurityLevel.BASELINE)).toEqual([path]);
    // Whatever baseline forbids, restricted forbids too, and privileged allows.
    expect(paths(daemonSet(spec), PodSecurityLevel.RESTRICTED)).toContain(path);
    expect(paths(daemonSet(spec), PodSecurityLevel.PRIVILEGED)).toEqual([]);
  });

  test('reports an unconfined AppArmor annotation, and allows runtime/default and localhost profiles', () => {
    const key = 'container.apparmor.security.beta.kubernetes.io/c';
    expect(paths(daemonSet(bareSpec(), { [key]: 'unconfined' }), PodSecurityLevel.BASELINE)).toEqual([
      `spec.template.metadata.annotations["${key}"]`,
    ]);
    for (const allowed of ['runtime/default', 'localhost/berth']) {
      expect(paths(daemonSet(bareSpec(), { [key]: allowed }), PodSecurityLevel.BASELINE)).toEqual([]);
    }
  });

  test('allows the baseline capabilities, safe sysctls, the container SELinux types and host port 0', () => {
    const spec = bareSpec();
    context(spec).capabilities = { add: [...BASELINE_CAPABILITIES] };
    context(spec).seLinuxOptions = { type: 'container_init_t', level: 's0:c1,c2' };
    context(spec).seccompProfile = { type: 'RuntimeDefault' };
    context(spec).appArmorProfile = { type: 'Localhost', localhostProfile: 'berth' };
    first(spec).ports = [{ containerPort: 80, hostPort: 0 }];
    spec.securityContext = { sysctls: [{ name: 'net.ipv4.ip_unprivileged_port_start', value: '0' }] };
    expect(paths(daemonSet(spec), PodSecurityLevel.BASELINE)).toEqual([]);
  });
});
