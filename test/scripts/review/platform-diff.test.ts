import { AppDefinition, defineApp } from '../../../apps/app-definition';
import { AppProbe } from '../../../constructs/workloads/app-probe';
import { PlatformConfig } from '../../../config';
import { DiffExitCode, exitCodeOf, formatDiff } from '../../../scripts/review/format-diff';
import { Area, ChangeKind, PlatformDiff, Risk } from '../../../scripts/review/platform-change';
import { platformDiff } from '../../../scripts/review/platform-diff';
import { StackLayer, SynthOutput, stackOf } from '../../../scripts/review/synth-output';
import { synthPlatform } from '../../support/synth-platform';

/**
 * Fixture pairs: two platform configs synthesized in this process, compared as `npm run diff` compares a
 * base revision with the working tree.
 */
const cluster = (overrides: Record<string, unknown>) =>
  ({ clusters: [{ name: 'main', ...overrides }] }) as PlatformConfig;

const orders = (name: string) =>
  defineApp({
    name,
    image: 'team-shop/orders',
    web: { port: 8080, readiness: AppProbe.http('/healthz') },
    environments: { dev: { tag: '1.0.0' } },
  }) as AppDefinition;

// Infrastructure pairs synthesize no apps, app pairs one or two small ones: the suite stays fast.
let base: SynthOutput;
let withOrders: SynthOutput;
const diffTo = (config: PlatformConfig) => platformDiff(base, synthPlatform(config, []));
const text = (diff: PlatformDiff) => formatDiff(diff);

beforeAll(() => {
  base = synthPlatform({}, []);
  withOrders = synthPlatform({}, [orders('orders')]);
});

test('the same platform twice: "no change" in every scope, exit code 0', () => {
  const diff = platformDiff(base, base);
  expect(diff.changes).toEqual([]);
  expect(exitCodeOf(diff)).toBe(DiffExitCode.NO_CHANGE);
  expect(text(diff)).toBe(
    [
      'cluster main',
      '  infrastructure: no change',
      '  add-ons: no change',
      '  environment dev: no change',
      '  environment prod: no change',
      '  environment test: no change',
      '',
      'No change.',
      '',
    ].join('\n'),
  );
});

test('adding an app: the app in its environment with image and route, nothing else', () => {
  const diff = platformDiff(base, withOrders);
  expect(diff.changes.map((c) => [c.scope, c.subject, c.kind])).toEqual([
    ['environment dev', 'app orders', ChangeKind.ADDED],
  ]);
  const [change] = diff.changes;
  expect(change.reasons).toEqual(
    expect.arrayContaining([
      expect.stringMatching(
        /^Deployment\/orders: registry\.apps\.main\.[a-z.]+\/dev\/team-shop\/orders:1\.0\.0, 1 replicas$/,
      ),
      expect.stringMatching(/^route orders\.dev\.apps\.main\..*\/$/),
    ]),
  );
  expect(change.risk).toBe(Risk.SAFE);
  expect(exitCodeOf(diff)).toBe(DiffExitCode.CHANGES);
  expect(text(diff)).toMatchSnapshot();
});

test('renaming an app: the old one removed, the new one added', () => {
  const before = platformDiff(withOrders, synthPlatform({}, [orders('shop-orders')]));
  expect(before.changes.map((c) => [c.subject, c.kind])).toEqual([
    ['app orders', ChangeKind.REMOVED],
    ['app shop-orders', ChangeKind.ADDED],
  ]);
  expect(before.changes[0].risk).toBe(Risk.DISRUPTIVE);
  expect(text(before)).toMatchSnapshot();
});

test('scaling a pool: one VM added with its port and load-balancer members; nothing replaced', () => {
  const head = synthPlatform(cluster({ minionPools: [{ name: 'default', count: 3 }] }), []);
  const diff = platformDiff(base, head);
  expect(diff.changes.map((c) => [c.subject, c.kind])).toEqual([
    ['VM berth-main-default-3', ChangeKind.ADDED],
    // The platform stack's readiness wait runs again for the new node count (nothing real is replaced).
    // The new node gets its upgrade Job (it finds the node at the version and only uncordons it).
    ['add-on kubernetes-upgrade', ChangeKind.CHANGED],
    ['add-on nodes-ready', ChangeKind.CHANGED],
  ]);
  expect(diff.changes.slice(1).map((c) => c.risk)).toEqual([Risk.SAFE, Risk.SAFE]);
  // One member per ingress listener joins the server.
  const members = [...stackOf(head, 'main', StackLayer.INFRA)!.blocks.values()].filter(
    (b) => b.type === 'openstack_lb_member_v2' && b.config.name === 'berth-main-default-3',
  );
  expect(members.length).toBeGreaterThan(0);
  expect(diff.changes[0].reasons).toEqual([
    `flavor m1.large, minion in pool default, with its port and ${members.length} load-balancer members`,
  ]);
  expect(text(diff)).toMatchSnapshot();
});

test("changing a master's flavor: ignored by the running master (no resize of every master at once), said so", () => {
  const diff = diffTo(cluster({ masters: { flavor: 'm1.large' } }));
  const vm = diff.changes.find((c) => c.subject === 'VM berth-main-master-1')!;
  expect(vm.kind).toBe(ChangeKind.IGNORED);
  expect(vm.reasons).toEqual([
    'flavor m1.medium -> m1.large, node template (user_data): ignored by lifecycle.ignore_changes, the running server keeps what it has; servers created later get it',
    'masters are replaced deliberately, one at a time (README, "Changing a running platform safely")',
  ]);
  expect(vm.risk).toBe(Risk.SAFE);
  expect(diff.changes.filter((c) => c.kind === ChangeKind.REPLACED)).toEqual([]);
  expect(text(diff)).toMatchSnapshot();
});

test('a new image and a pool flavor: the minions are rolled one at a time, in pool order, and the diff shows the order', () => {
  const pools = (flavor: string) => [
    { name: 'general', count: 2, flavor },
    { name: 'batch', count: 1, flavor: 'm1.large' },
  ];
  const before = synthPlatform(cluster({ minionPools: pools('m1.large') }), []);
  const after = synthPlatform(
    {
      cloud: { image: 'ubuntu-26.04' },
      clusters: [{ name: 'main', minionPools: pools('m1.xlarge') }],
    } as PlatformConfig,
    [],
  );
  const diff = platformDiff(before, after);
  const rollout = diff.changes.find((c) => c.subject === 'rollout of 3 nodes')!;
  expect(rollout.kind).toBe(ChangeKind.REPLACED);
  expect(rollout.verb).toBe('rolled');
  expect(rollout.risk).toBe(Risk.DISRUPTIVE);
  expect(rollout.details).toEqual([
    '1. berth-main-general-1',
    '2. berth-main-general-2',
    '3. berth-main-batch-1',
  ]);
  expect(rollout.reasons[0]).toMatch(
    /^one node at a time, in this order: each waits until every other node is Ready/,
  );
  const vm = (name: string) => diff.changes.find((c) => c.subject === `VM ${name}`)!;
  expect(vm('berth-main-general-1').reasons).toEqual([
    'pool general: boot_image ubuntu-24.04 -> ubuntu-26.04, flavor m1.large -> m1.xlarge: rolled one node at a time (see the rollout)',
  ]);
  expect(vm('berth-main-batch-1').reasons).toEqual([
    'pool batch: boot_image ubuntu-24.04 -> ubuntu-26.04: rolled one node at a time (see the rollout)',
  ]);
  // The master keeps its server; its load balancer members, ports and the ingress members stay.
  expect(vm('berth-main-master-1').kind).toBe(ChangeKind.IGNORED);
  expect(diff.changes.filter((c) => c.area === Area.LOAD_BALANCER)).toEqual([]);
  expect(diff.changes.filter((c) => c.subject.startsWith('Terraform step'))).toEqual([]);
  expect(text(diff)).toMatchSnapshot();
});

test('three masters and a new image: masters first, each leaving etcd before it goes; disruptive, not dangerous', () => {
  const three = (image?: string) =>
    ({
      ...(image ? { cloud: { image } } : {}),
      clusters: [{ name: 'main', masters: { count: 3 } }],
    }) as PlatformConfig;
  const diff = platformDiff(synthPlatform(three(), []), synthPlatform(three('ubuntu-26.04'), []));
  expect(diff.changes.find((c) => c.verb === 'rolled')!.details).toEqual([
    '1. berth-main-master-1',
    '2. berth-main-master-2',
    '3. berth-main-master-3',
    '4. berth-main-default-1',
    '5. berth-main-default-2',
  ]);
  const master = diff.changes.find((c) => c.subject === 'VM berth-main-master-2')!;
  expect(master.reasons).toEqual([
    'masters: boot_image ubuntu-24.04 -> ubuntu-26.04: rolled one node at a time (see the rollout)',
    'before its server goes it uploads the control-plane certificates and leaves etcd; the other masters keep the quorum',
  ]);
  expect(master.risk).toBe(Risk.DISRUPTIVE);
  expect(diff.changes.filter((c) => c.risk === Risk.DANGEROUS)).toEqual([]);
});

test('only a pool flavor: that pool alone is rolled', () => {
  const diff = diffTo(cluster({ minionPools: [{ name: 'default', count: 2, flavor: 'm1.xlarge' }] }));
  expect(diff.changes.find((c) => c.verb === 'rolled')!.details).toEqual([
    '1. berth-main-default-1',
    '2. berth-main-default-2',
  ]);
});

test('bumping Kubernetes: node templates ignored by running servers, no VM replaced; the nodes are upgraded in place', () => {
  const before = synthPlatform(cluster({ kubernetesVersion: '1.34' }), []);
  const diff = platformDiff(before, base);
  expect(diff.changes.map((c) => [c.subject, c.kind])).toEqual([
    ['node template init-master', ChangeKind.IGNORED],
    ['node template pool-default', ChangeKind.IGNORED],
    // The rollout: one upgrade Job per node, masters first (docs/decisions/0017-kubernetes-upgrades.md).
    ['add-on kubernetes-upgrade', ChangeKind.CHANGED],
  ]);
  expect(diff.changes[1].reasons[0]).toMatch(
    /^user_data of berth-main-default-1, berth-main-default-2 is ignored/,
  );
  expect(exitCodeOf(diff)).toBe(DiffExitCode.CHANGES);
  expect(text(diff)).toMatchSnapshot();
});

test('changing a security rule: the old rule closed and the new one opened, in words', () => {
  const diff = diffTo({ cloud: { adminCidrs: ['10.20.0.0/16'] } } as PlatformConfig);
  const rules = diff.changes
    .filter((c) => c.area === Area.SECURITY_RULE)
    .map((c) => `${c.verb}: ${c.subject.replace('security rule ', '')}`);
  expect(rules).toEqual(
    expect.arrayContaining([
      'opened: tcp 22 from 10.20.0.0/16 to group berth-main-masters (SSH from admin networks)',
      'closed: tcp 22 from 192.0.2.0/24 to group berth-main-masters (SSH from admin networks)',
    ]),
  );
  expect(text(diff)).toMatchSnapshot();
});

test('removing masters is dangerous: exit code 3', () => {
  const three = synthPlatform(cluster({ masters: { count: 3 } }), []);
  const diff = platformDiff(three, base);
  const removed = diff.changes.filter((c) => c.area === Area.VM && c.kind === ChangeKind.REMOVED);
  expect(removed.map((c) => c.subject)).toEqual(['VM berth-main-master-2', 'VM berth-main-master-3']);
  expect(removed.every((c) => c.risk === Risk.DANGEROUS)).toBe(true);
  expect(exitCodeOf(diff)).toBe(DiffExitCode.DANGEROUS);
  expect(text(diff)).toMatch(/- DANGEROUS VM berth-main-master-2 removed/);
});

test('scopes that exist on one side only: a new environment is added, a removed cluster is dangerous', () => {
  const diff = platformDiff(base, { ...base, stacks: new Map(), manifests: new Map(), nodes: new Map() });
  expect(diff.changes.map((c) => [c.subject, c.kind, c.risk])).toEqual([
    ['cluster main (stack main-infra)', ChangeKind.REMOVED, Risk.DANGEROUS],
    ['every add-on (stack main-platform)', ChangeKind.REMOVED, Risk.DISRUPTIVE],
    ...['dev', 'prod', 'test'].map((e) => [`environment ${e}`, ChangeKind.REMOVED, Risk.DISRUPTIVE]),
  ]);
  expect(exitCodeOf(diff)).toBe(DiffExitCode.DANGEROUS);
});
