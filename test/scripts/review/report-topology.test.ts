import { Area, ChangeKind, PlatformChange, Risk } from '../../../scripts/review/platform-change';
import { ReportCluster } from '../../../scripts/review/report-model';
import { topologySvg } from '../../../scripts/review/report-topology';

const usage = { cpuMillicores: 0, memoryMebibytes: 0, storageGibibytes: 0, pods: 0, volumes: 0 };
const cluster: ReportCluster = {
  name: 'main',
  externalNetwork: 'public',
  router: 'berth-main-router',
  subnet: '10.0.0.0/24',
  vms: [
    { name: 'berth-main-master-1', role: 'master', flavor: 'm1.medium' },
    { name: 'berth-main-default-1', role: 'minion', pool: 'default', flavor: 'm1.large' },
  ],
  loadBalancers: ['berth-main-api'],
  addons: [
    { name: 'registry', releases: [{ release: 'registry', chart: 'distribution', version: '3.0.0' }] },
  ],
  environments: [
    {
      name: 'dev',
      apps: [
        { name: 'orders', images: ['registry.example.com/dev/orders:1'], routes: ['orders.dev.example.com'] },
      ],
      usage,
      quota: {},
      quotaProblems: [],
      promotion: [],
    },
  ],
  pools: [],
};

const change = (subject: string, kind: ChangeKind, risk = Risk.SAFE, extra: Partial<PlatformChange> = {}) =>
  ({
    cluster: 'main',
    scope: 'infrastructure',
    area: Area.VM,
    kind,
    subject,
    reasons: [],
    risk,
    details: [],
    sources: [],
    ...extra,
  }) as PlatformChange;

const nodes = (svg: string) =>
  [...svg.matchAll(/<g class="node ([^"]+)" data-kind="[^"]+" data-id="([^"]+)"/g)].map(
    (m) => `${m[2]}: ${m[1]}`,
  );

describe('topologySvg', () => {
  test('one box per network, VM, load balancer, add-on, environment and app, layer by layer', () => {
    expect(nodes(topologySvg(cluster, []))).toEqual([
      'ext: network',
      'router: network',
      'subnet: network',
      'vm-berth-main-master-1: vm',
      'vm-berth-main-default-1: vm',
      'lb-berth-main-api: load-balancer',
      'cluster: cluster',
      'addon-registry: addon',
      'env-dev: environment',
      'app-dev-orders: app',
    ]);
    const svg = topologySvg(cluster, []);
    // Edges: ext-router, router-subnet, subnet-VM/LB and VM/LB-cluster (3 each), cluster-add-on/env, env-app.
    expect(svg.match(/<path class="edge"/g)).toHaveLength(2 + 3 * 2 + 2 + 1);
    expect(svg).toContain('aria-label="topology of cluster main"');
  });

  test("marks what the diff does: dangerous over added, ignored only when every change is; other clusters' changes not", () => {
    const svg = topologySvg(cluster, [
      change('VM berth-main-master-1', ChangeKind.REPLACED, Risk.DANGEROUS),
      change('VM berth-main-master-1', ChangeKind.ADDED),
      change('node template', ChangeKind.IGNORED, Risk.SAFE, { affects: ['VM berth-main-default-1'] }),
      change('load balancer berth-main-api: listener 6443', ChangeKind.CHANGED),
      change('app orders', ChangeKind.ADDED, Risk.SAFE, { scope: 'environment dev' }),
      change('add-on registry', ChangeKind.CHANGED, Risk.SAFE, { cluster: 'edge' }),
    ]);
    expect(nodes(svg)).toEqual(
      expect.arrayContaining([
        'vm-berth-main-master-1: vm dangerous',
        'vm-berth-main-default-1: vm ignored',
        'lb-berth-main-api: load-balancer changed',
        'app-dev-orders: app added',
        'addon-registry: addon',
      ]),
    );
    expect(svg).toContain('(dangerous by this change)');
  });

  test('long labels are cut with an ellipsis; text is escaped', () => {
    const long = { ...cluster, name: 'a<b>', vms: [{ name: 'v'.repeat(40), role: 'master', flavor: 'f' }] };
    const svg = topologySvg(long, []);
    expect(svg).toContain(`>${'v'.repeat(26)}…</text>`);
    expect(svg).toContain('cluster a&lt;b&gt;');
    expect(svg).not.toContain('a<b>');
  });
});
