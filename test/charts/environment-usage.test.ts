import { environmentUsage, quotaProblems } from '../../charts/environment-usage';
import { environment } from '../support/environments';

type Json = Record<string, unknown>;

const pod = (cpu: string, memory: string, init?: [string, string]): Json => ({
  containers: [{ resources: { requests: { cpu, memory } } }],
  ...(init ? { initContainers: [{ resources: { requests: { cpu: init[0], memory: init[1] } } }] } : {}),
});
const deployment = (name: string, spec: Json): Json => ({ kind: 'Deployment', metadata: { name }, spec });

describe('environmentUsage', () => {
  test('counts a rolling Deployment with its surge, a recreated one without', () => {
    const usage = environmentUsage([
      deployment('a', { replicas: 4, template: { spec: pod('100m', '100Mi') } }),
      deployment('b', {
        replicas: 1,
        strategy: { type: 'Recreate' },
        template: { spec: pod('100m', '100Mi') },
      }),
      deployment('c', {
        replicas: 2,
        strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 2 } },
        template: { spec: pod('1', '1Gi') },
      }),
    ]);
    expect(usage).toEqual({
      cpuMillicores: 500 + 100 + 4000,
      memoryMebibytes: 500 + 100 + 4096,
      storageGibibytes: 0,
      pods: 5 + 1 + 4,
      volumes: 0,
    });
  });

  test('takes an autoscaled Deployment at its minimum', () => {
    const usage = environmentUsage([
      deployment('a', { template: { spec: pod('100m', '100Mi') } }),
      {
        kind: 'HorizontalPodAutoscaler',
        metadata: { name: 'a' },
        spec: { scaleTargetRef: { name: 'a' }, minReplicas: 3 },
      },
    ]);
    expect(usage.pods).toBe(3 + 1);
  });

  test('counts init containers as the most one of them needs, jobs once, and every volume', () => {
    const usage = environmentUsage([
      {
        kind: 'Job',
        metadata: { name: 'j' },
        spec: { template: { spec: pod('100m', '64Mi', ['2', '1Gi']) } },
      },
      {
        kind: 'CronJob',
        metadata: { name: 'c' },
        spec: { jobTemplate: { spec: { template: { spec: pod('50m', '64Mi') } } } },
      },
      {
        kind: 'StatefulSet',
        metadata: { name: 's' },
        spec: {
          replicas: 2,
          template: { spec: pod('100m', '128Mi') },
          volumeClaimTemplates: [{ spec: { resources: { requests: { storage: '5Gi' } } } }],
        },
      },
      {
        kind: 'PersistentVolumeClaim',
        metadata: { name: 'p' },
        spec: { resources: { requests: { storage: '3Gi' } } },
      },
    ]);
    expect(usage).toEqual({
      cpuMillicores: 2000 + 50 + 200,
      memoryMebibytes: 1024 + 64 + 256,
      storageGibibytes: 13,
      pods: 4,
      volumes: 3,
    });
  });
});

describe('quotaProblems', () => {
  const usage = { cpuMillicores: 100, memoryMebibytes: 100, storageGibibytes: 1, pods: 1, volumes: 0 };

  test('none while the apps fit', () => {
    expect(quotaProblems(environment('dev'), usage)).toEqual([]);
  });

  test.each([
    ['cpu', { cpuMillicores: 2500 }, '2500m'],
    ['memory', { memoryMebibytes: 7 * 1024 }, '7Gi'],
    ['storage', { storageGibibytes: 51 }, '51Gi'],
    ['pods', { pods: 31 }, '31'],
    ['volumes', { volumes: 11 }, '11'],
  ])('names the quota field %s when the apps do not fit', (field, over, needed) => {
    expect(quotaProblems(environment('dev'), { ...usage, ...over })).toEqual([
      {
        path: `environments.dev.quota.${field}`,
        value: expect.anything(),
        message: expect.stringContaining(`need ${needed}`),
      },
    ]);
  });
});
