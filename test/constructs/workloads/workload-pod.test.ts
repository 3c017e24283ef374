import { resourcesFor, SizeClass } from '../../../constructs/workloads/app-size';
import {
  restrictedPodSecurityViolations,
  workloadHardeningViolations,
} from '../../../constructs/core/restricted-pod-security';
import {
  restrictedContainer,
  restrictedPodSpec,
  topologySpread,
} from '../../../constructs/workloads/workload-pod';
import { workloadEnvironment } from '../../support/environments';

const container = { name: 'c', image: 'i', resources: resourcesFor(SizeClass.S) };

describe('restricted pods', () => {
  test('a pod spec meets the restricted profile and the hardening whatever the containers ask', () => {
    const spec = restrictedPodSpec({
      environment: workloadEnvironment('dev'),
      containers: [container],
      initContainers: [{ ...container, name: 'init' }],
      serviceAccountName: 'sa',
      labels: {},
    });
    const pod = { kind: 'Pod', metadata: { name: 'p' }, spec: JSON.parse(JSON.stringify(spec)) };
    expect(restrictedPodSecurityViolations(pod)).toEqual([]);
    expect(workloadHardeningViolations(pod)).toEqual([]);
    expect(spec).toMatchObject({
      serviceAccountName: 'sa',
      automountServiceAccountToken: false,
      enableServiceLinks: false,
      imagePullSecrets: [{ name: 'registry-pull' }],
    });
    expect(spec.securityContext?.fsGroup).toBeUndefined();
  });

  test('sets the volume group only for pods that own volumes', () => {
    const spec = restrictedPodSpec({
      environment: workloadEnvironment('dev'),
      containers: [container],
      serviceAccountName: 'sa',
      labels: {},
      ownsVolumes: true,
    });
    expect(spec.securityContext).toMatchObject({ fsGroup: 2000, fsGroupChangePolicy: 'OnRootMismatch' });
  });

  test('containers get /tmp and the writable paths, init containers only /tmp', () => {
    expect(restrictedContainer(container, ['/var/run/x']).volumeMounts).toEqual([
      { name: 'tmp', mountPath: '/tmp' },
      { name: 'writable-0', mountPath: '/var/run/x' },
    ]);
    expect(restrictedContainer(container, []).imagePullPolicy).toBe('IfNotPresent');
  });

  test('spread starts at two replicas, honours taints, and spreads each revision', () => {
    expect(topologySpread(1, { a: 'b' })).toBeUndefined();
    expect(topologySpread(2, { a: 'b' })?.[0]).toEqual({
      maxSkew: 1,
      topologyKey: 'kubernetes.io/hostname',
      whenUnsatisfiable: 'DoNotSchedule',
      labelSelector: { matchLabels: { a: 'b' } },
      matchLabelKeys: ['pod-template-hash'],
      nodeTaintsPolicy: 'Honor',
    });
  });
});
