import {
  RESTRICTED_CONTAINER_SECURITY_CONTEXT,
  RESTRICTED_POD_SECURITY_CONTEXT,
  formatViolations,
  isWorkload,
  podSpecOf,
  restrictedPodSecurityViolations,
  workloadHardeningViolations,
} from '../../../constructs/core/restricted-pod-security';

type Json = Record<string, unknown>;

/** A pod spec that meets the restricted profile and Berth's hardening. */
function compliantSpec(): Json {
  return {
    automountServiceAccountToken: false,
    securityContext: { ...RESTRICTED_POD_SECURITY_CONTEXT },
    containers: [
      {
        name: 'app',
        image: 'x',
        securityContext: { ...RESTRICTED_CONTAINER_SECURITY_CONTEXT, capabilities: { drop: ['ALL'] } },
        resources: { requests: { cpu: '50m', memory: '64Mi' }, limits: { memory: '64Mi' } },
      },
    ],
    volumes: [{ name: 'tmp', emptyDir: {} }],
  };
}

const pod = (spec: Json): Json => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec });
const container = (spec: Json) => (spec.containers as Json[])[0];
const containerContext = (spec: Json) => container(spec).securityContext as Json;

/** Applies `change` to a compliant pod spec and returns the restricted-profile violations' paths. */
function violationsAfter(change: (spec: Json) => void): string[] {
  const spec = compliantSpec();
  change(spec);
  return restrictedPodSecurityViolations(pod(spec)).map((v) => v.path);
}

describe('restrictedPodSecurityViolations', () => {
  test('a compliant pod passes', () => {
    expect(restrictedPodSecurityViolations(pod(compliantSpec()))).toEqual([]);
    expect(workloadHardeningViolations(pod(compliantSpec()))).toEqual([]);
  });

  test('finds the pod spec of every workload kind, and ignores other kinds', () => {
    const template = { template: { spec: compliantSpec() } };
    for (const kind of ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job']) {
      expect(podSpecOf({ kind, spec: template })?.path).toBe('spec.template.spec');
    }
    expect(podSpecOf({ kind: 'CronJob', spec: { jobTemplate: { spec: template } } })?.path).toBe(
      'spec.jobTemplate.spec.template.spec',
    );
    expect(isWorkload({ kind: 'Service' })).toBe(false);
    expect(restrictedPodSecurityViolations({ kind: 'ConfigMap', metadata: { name: 'c' } })).toEqual([]);
  });

  test.each<[string, (spec: Json) => void, string]>([
    ['host network', (s) => (s.hostNetwork = true), 'spec.hostNetwork'],
    ['host PID', (s) => (s.hostPID = true), 'spec.hostPID'],
    ['host IPC', (s) => (s.hostIPC = true), 'spec.hostIPC'],
    [
      'a host path volume',
      (s) => (s.volumes = [{ name: 'h', hostPath: { path: '/' } }]),
      'spec.volumes[0].hostPath',
    ],
    [
      'a host port',
      (s) => (container(s).ports = [{ containerPort: 80, hostPort: 80 }]),
      'spec.containers[0].ports[0].hostPort',
    ],
    [
      'a privileged container',
      (s) => (containerContext(s).privileged = true),
      'spec.containers[0].securityContext.privileged',
    ],
    [
      'privilege escalation',
      (s) => delete containerContext(s).allowPrivilegeEscalation,
      'spec.containers[0].securityContext.allowPrivilegeEscalation',
    ],
    [
      'root allowed',
      (s) => {
        delete containerContext(s).runAsNonRoot;
        delete (s.securityContext as Json).runAsNonRoot;
      },
      'spec.containers[0].securityContext.runAsNonRoot',
    ],
    [
      'UID 0 on the container',
      (s) => (containerContext(s).runAsUser = 0),
      'spec.containers[0].securityContext.runAsUser',
    ],
    [
      'UID 0 on the pod',
      (s) => ((s.securityContext as Json).runAsUser = 0),
      'spec.securityContext.runAsUser',
    ],
    [
      'no seccomp profile',
      (s) => {
        delete containerContext(s).seccompProfile;
        delete (s.securityContext as Json).seccompProfile;
      },
      'spec.containers[0].securityContext.seccompProfile.type',
    ],
    [
      'an unconfined pod seccomp profile',
      (s) => ((s.securityContext as Json).seccompProfile = { type: 'Unconfined' }),
      'spec.securityContext.seccompProfile.type',
    ],
    [
      'capabilities not dropped',
      (s) => (containerContext(s).capabilities = {}),
      'spec.containers[0].securityContext.capabilities.drop',
    ],
    [
      'an added capability',
      (s) => (containerContext(s).capabilities = { drop: ['ALL'], add: ['NET_ADMIN'] }),
      'spec.containers[0].securityContext.capabilities.add[0]',
    ],
    [
      'a non-default proc mount',
      (s) => (containerContext(s).procMount = 'Unmasked'),
      'spec.containers[0].securityContext.procMount',
    ],
    [
      'an unsafe sysctl',
      (s) => ((s.securityContext as Json).sysctls = [{ name: 'kernel.msgmax', value: '1' }]),
      'spec.securityContext.sysctls[0]',
    ],
    [
      'a custom SELinux type',
      (s) => (containerContext(s).seLinuxOptions = { type: 'spc_t' }),
      'spec.containers[0].securityContext.seLinuxOptions.type',
    ],
    [
      'a SELinux user',
      (s) => ((s.securityContext as Json).seLinuxOptions = { user: 'root' }),
      'spec.securityContext.seLinuxOptions.user',
    ],
    [
      'a Windows host process',
      (s) => (containerContext(s).windowsOptions = { hostProcess: true }),
      'spec.containers[0].securityContext.windowsOptions.hostProcess',
    ],
    [
      'an init container that may escalate',
      (s) =>
        (s.initContainers = [
          {
            name: 'i',
            image: 'x',
            securityContext: { ...RESTRICTED_CONTAINER_SECURITY_CONTEXT, allowPrivilegeEscalation: true },
          },
        ]),
      'spec.initContainers[0].securityContext.allowPrivilegeEscalation',
    ],
  ])('reports %s', (_, change, path) => {
    expect(violationsAfter(change)).toEqual([path]);
  });

  test('allows NET_BIND_SERVICE and the safe sysctls', () => {
    expect(
      violationsAfter((s) => {
        containerContext(s).capabilities = { drop: ['ALL'], add: ['NET_BIND_SERVICE'] };
        (s.securityContext as Json).sysctls = [{ name: 'net.ipv4.ip_unprivileged_port_start', value: '0' }];
      }),
    ).toEqual([]);
  });

  test('names the object in each violation and formats them one per line', () => {
    const spec = compliantSpec();
    spec.hostNetwork = true;
    const violations = restrictedPodSecurityViolations({
      kind: 'Deployment',
      metadata: { name: 'web' },
      spec: { template: { spec } },
    });
    expect(formatViolations(violations)).toBe(
      'Deployment/web spec.template.spec.hostNetwork: host namespaces are not allowed',
    );
  });
});

describe('workloadHardeningViolations', () => {
  test.each<[string, (spec: Json) => void, string]>([
    [
      'a writable root filesystem',
      (s) => (containerContext(s).readOnlyRootFilesystem = false),
      'spec.containers[0].securityContext.readOnlyRootFilesystem',
    ],
    [
      'a fixed UID on the pod',
      (s) => ((s.securityContext as Json).runAsUser = 1000),
      'spec.securityContext.runAsUser',
    ],
    [
      'a fixed UID on the container',
      (s) => (containerContext(s).runAsUser = 1000),
      'spec.containers[0].securityContext.runAsUser',
    ],
    [
      'a mounted API token',
      (s) => delete s.automountServiceAccountToken,
      'spec.automountServiceAccountToken',
    ],
    [
      'no requests',
      (s) => (container(s).resources = { limits: { memory: '1Gi' } }),
      'spec.containers[0].resources.requests',
    ],
    [
      'no memory limit',
      (s) => (container(s).resources = { requests: { cpu: '1', memory: '1Gi' } }),
      'spec.containers[0].resources.limits.memory',
    ],
  ])('reports %s', (_, change, path) => {
    const spec = compliantSpec();
    change(spec);
    expect(workloadHardeningViolations(pod(spec)).map((v) => v.path)).toEqual([path]);
  });

  test('ignores kinds without pods', () => {
    expect(workloadHardeningViolations({ kind: 'Service', metadata: { name: 's' } })).toEqual([]);
  });
});
