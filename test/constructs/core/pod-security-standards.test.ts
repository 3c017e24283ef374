import {
  BASELINE_CAPABILITIES,
  PodSecurityLevel,
  leastPodSecurityLevel,
  objectName,
  podSecurityViolations,
} from '../../../constructs/core/pod-security-standards';

type Json = Record<string, unknown>;

/** A pod spec that meets the restricted level (and so baseline). */
function restrictedSpec(): Json {
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
function bareSpec(): Json {
  return { containers: [{ name: 'c', image: 'x' }] };
}

const daemonSet = (spec: Json, annotations?: Json): Json => ({
  apiVersion: 'apps/v1',
  kind: 'DaemonSet',
  metadata: { name: 'agent' },
  spec: { template: { metadata: { annotations }, spec } },
});
const first = (spec: Json) => (spec.containers as Json[])[0];
const context = (spec: Json): Json => {
  const c = first(spec);
  c.securityContext ??= {};
  return c.securityContext as Json;
};
const paths = (manifest: Json, level: PodSecurityLevel) =>
  podSecurityViolations(manifest, level).map((v) => v.path);

describe('podSecurityViolations at baseline', () => {
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

describe('podSecurityViolations at restricted', () => {
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
    expect(objectName({ kind: 'Job', metadata: { name: 'j' } })).toBe('Job/j');
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
