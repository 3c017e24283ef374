import { resolvePlatform } from '../../../support/berth-platform';
import {
  AddonFootprint,
  Placement,
  WorkloadKind,
  container,
  daemonSet,
  fixedResources,
  formatFootprint,
  platformFootprint,
  scheduled,
} from '../../../../constructs/addons';
import { AddonName } from '../../../../config';

const cluster = resolvePlatform({
  clusters: [
    {
      name: 'main',
      masters: { count: 3 },
      minionPools: [
        { name: 'a', count: 2 },
        { name: 'b', count: 1, flavor: 'm1.xlarge' },
      ],
    },
  ],
}).clusters[0];

const r = fixedResources('100m', '100Mi', '200m', '200Mi');

const footprints: AddonFootprint[] = [
  {
    addon: AddonName.FLANNEL,
    workloads: [daemonSet('every', Placement.EVERY_NODE, [container('c', r)])],
  },
  {
    addon: AddonName.CLOUD_PROVIDER,
    workloads: [
      daemonSet('masters', Placement.MASTERS, [container('c', r)]),
      scheduled(WorkloadKind.DEPLOYMENT, 'two', 2, [
        container('c', r),
        { name: 'fixed', requests: r.requests, fixedBy: 'x' },
      ]),
    ],
  },
];

describe('platformFootprint', () => {
  const fp = platformFootprint(cluster, footprints);

  test('counts DaemonSets once per node of their placement and Deployments per replica', () => {
    expect([fp.masters, fp.minions]).toEqual([3, 3]);
    // flannel: 3 minions on minions, 6 nodes in all.
    expect(fp.addons[0].onMinions.requests).toEqual({ cpuMillis: 300, memoryMi: 300 });
    expect(fp.addons[0].onCluster.requests).toEqual({ cpuMillis: 600, memoryMi: 600 });
    // cloudProvider: masters-only DaemonSet adds nothing on minions; 2 replicas of 2 containers.
    expect(fp.addons[1].onMinions.requests).toEqual({ cpuMillis: 400, memoryMi: 400 });
    expect(fp.addons[1].onCluster.requests).toEqual({ cpuMillis: 700, memoryMi: 700 });
  });

  test('a container without limits counts its request as its limit', () => {
    // 2 replicas x (200 + 100) millicores.
    expect(fp.addons[1].onMinions.limits).toEqual({ cpuMillis: 600, memoryMi: 600 });
  });

  test("compares with the minions' allocatable capacity across pools", () => {
    // 2 x m1.large (3920m, 6248Mi) + 1 x m1.xlarge (7910m, 13621Mi)
    expect(fp.minionAllocatable).toEqual({ cpuMillis: 2 * 3920 + 7910, memoryMi: 2 * 6248 + 13621 });
    expect(fp.requestedShare.cpu).toBeCloseTo(700 / (2 * 3920 + 7910));
  });

  test('prints a table per add-on with the share left for apps', () => {
    const text = formatFootprint(fp);
    expect(text).toContain('Platform footprint of cluster "main" on its 3 minions');
    expect(text).toMatch(/flannel\s+requests\s+0\.30 vCPU\s+0\.29 GiB/);
    expect(text).toContain('whole cluster incl. 3 master(s)');
  });
});
