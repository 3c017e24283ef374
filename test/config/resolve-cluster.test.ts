import { TaintEffect } from '../../config';
import { resolvePlatform } from '../support/berth-platform';
import { cluster, onlyProblem, problemsOf } from '../support/platform-problems';

const NET = '6d7b8f2e-0a1b-4c3d-9e8f-112233445566';
const SUBNET = '0f9e8d7c6b5a49382716051423324150';
const ZONE = 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d';

describe('resolveClusters', () => {
  test('fills defaults inside partial objects', () => {
    const platform = resolvePlatform({
      clusters: [
        {
          name: 'edge',
          minionPools: [{ name: 'gpu', labels: { accel: 'gpu' }, taints: ['gpu=yes:NoSchedule'] }],
        },
      ],
    });
    const edge = platform.clusters[0];
    expect(edge.domain).toBe('edge.berth.example.com');
    expect(edge.kubernetesVersion.toString()).toBe('1.35');
    expect(edge.minionPools[0]).toMatchObject({
      name: 'gpu',
      count: 2,
      availabilityZones: [],
      labels: { accel: 'gpu' },
    });
    expect(edge.minionPools[0].flavor.name).toBe('m1.large');
    expect(edge.minionPools[0].taints).toEqual([
      { key: 'gpu', value: 'yes', effect: TaintEffect.NO_SCHEDULE },
    ]);
    expect(platform.environments.every((e) => e.cluster === 'edge')).toBe(true);
  });

  test('a taint the node bootstrap would refuse is reported with the pool path: the same rule', () => {
    const pools = (taints: string[]) => ({
      clusters: [{ name: 'main', minionPools: [{ name: 'p', taints }] }],
    });
    const problems = problemsOf(
      pools(['ok=yes:NoSchedule', 'Example.com/gpu=yes:NoSchedule', `gpu=${'x'.repeat(64)}:NoExecute`]),
    );
    expect(problems.map((p) => p.path)).toEqual([
      'clusters[0].minionPools[0].taints[1]',
      'clusters[0].minionPools[0].taints[2]',
    ]);
    expect(problems[0].message).toContain('must be a label key');
    expect(problems[1].message).toContain('must be a label value');
  });

  test('accepts 3 and 5 masters', () => {
    expect(resolvePlatform(cluster({ masters: { count: 3 } })).clusters[0].masters.count).toBe(3);
    expect(resolvePlatform(cluster({ masters: { count: 5 } })).clusters[0].masters.count).toBe(5);
  });

  test('rejects two clusters with one domain', () => {
    const problem = onlyProblem({
      clusters: [
        { name: 'a', domain: 'x.example.com' },
        { name: 'b', domain: 'x.example.com' },
      ],
    });
    expect(problem).toMatchObject({
      path: 'clusters[1].domain',
      message: 'must differ from clusters[0].domain',
    });
  });

  test('requires at least one minion in all', () => {
    const problem = onlyProblem(
      cluster({
        minionPools: [
          { name: 'a', count: 0 },
          { name: 'b', count: 0 },
        ],
      }),
    );
    expect(problem.path).toBe('clusters[0].minionPools');
    expect(problem.message).toContain('at least one minion');
    expect(onlyProblem(cluster({ minionPools: [] })).path).toBe('clusters[0].minionPools');
  });
});

describe('resolveClusters: infrastructure options', () => {
  test("defaults: API load balancer, Designate DNS, Neutron's MTU, Berth-made network, least-privilege credential", () => {
    const platform = resolvePlatform({});
    const main = platform.clusters[0];
    expect(main.apiLoadBalancer).toBe(true);
    expect(main.dns).toEqual({
      enabled: true,
      zoneId: undefined,
      email: 'hostmaster@main.berth.example.com',
    });
    // Left to Neutron: it picks the largest MTU the network type allows and rejects a larger one.
    expect(main.networkMtu).toBeUndefined();
    expect(main.existingNetwork).toBeUndefined();
    expect(platform.cloud.applicationCredential).toEqual({
      roles: ['member', 'load-balancer_member'],
      expiresAt: undefined,
    });
  });

  test('single-master mode may drop the API load balancer; several masters may not', () => {
    expect(resolvePlatform(cluster({ apiLoadBalancer: false })).clusters[0].apiLoadBalancer).toBe(false);
    expect(onlyProblem(cluster({ apiLoadBalancer: false, masters: { count: 3 } }))).toMatchObject({
      path: 'clusters[0].apiLoadBalancer',
      message: expect.stringContaining('must be true with 3 masters'),
    });
    expect(onlyProblem(cluster({ apiLoadBalancer: 'no' })).message).toBe(
      'must be true or false (unquoted in YAML)',
    );
  });

  test('validates DNS, MTU and an existing network', () => {
    const problems = problemsOf(
      cluster({
        dns: { enabled: 'yes', email: 'nobody' },
        networkMtu: 100,
        existingNetwork: { networkId: 'n' },
      }),
    );
    expect(problems.map((p) => p.path)).toEqual([
      'clusters[0].dns.enabled',
      'clusters[0].dns.email',
      'clusters[0].networkMtu',
      'clusters[0].existingNetwork.subnetId',
    ]);
    expect(problems[3].message).toBe('is required: the UUID of its subnet (openstack subnet list)');
    const byo = resolvePlatform(
      cluster({ existingNetwork: { networkId: NET, subnetId: SUBNET }, dns: { zoneId: ZONE } }),
    );
    expect(byo.clusters[0].existingNetwork).toEqual({ networkId: NET, subnetId: SUBNET });
    expect(byo.clusters[0].dns.zoneId).toBe(ZONE);
    expect(resolvePlatform(cluster({ networkMtu: 1442 })).clusters[0].networkMtu).toBe(1442);
    expect(
      onlyProblem(cluster({ networkMtu: 1400, existingNetwork: { networkId: NET, subnetId: SUBNET } })),
    ).toMatchObject({
      path: 'clusters[0].networkMtu',
      message: expect.stringContaining('only applies to the network Berth creates'),
    });
  });
});
