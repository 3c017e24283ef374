import { addonChanges, describeResource } from '../../../scripts/review/infra-changes';
import { Area, ChangeKind, Risk } from '../../../scripts/review/platform-change';
import { StackLayer, StackOutput, TerraformBlock } from '../../../scripts/review/synth-output';
import { planStack } from '../../../scripts/review/terraform-plan';

/** infraChanges and addonChanges are exercised on real synthesized pairs in platform-diff.test.ts. */
const block = (type: string, config: Record<string, unknown>, path = 'x/y'): TerraformBlock => ({
  address: `${type}.n`,
  mode: 'resource',
  type,
  name: 'n',
  path,
  config,
});

test('resources in platform words', () => {
  const none = () => undefined;
  expect(
    describeResource(
      block('openstack_networking_floatingip_v2', { description: 'berth-main-api (Berth)' }),
      none,
    ),
  ).toEqual({
    area: Area.FLOATING_IP,
    subject: 'floating IP berth-main-api (Berth)',
  });
  expect(
    describeResource(block('openstack_lb_loadbalancer_v2', { name: 'berth-main-ingress' }), none),
  ).toEqual({
    area: Area.LOAD_BALANCER,
    subject: 'load balancer berth-main-ingress',
  });
  expect(
    describeResource(
      block('openstack_compute_servergroup_v2', { name: 'berth-main-master', policies: ['anti-affinity'] }),
      none,
    ).subject,
  ).toBe('server group berth-main-master (anti-affinity)');
  expect(describeResource(block('tls_self_signed_cert', {}, 'pki/ca'), none)).toEqual({
    area: Area.SECRET,
    subject: 'tls_self_signed_cert pki/ca',
  });
});

describe('addonChanges', () => {
  const release = (version: string, values: string) => ({
    name: 'monitoring',
    namespace: 'monitoring',
    chart: 'kube-prometheus-stack',
    version,
    values: [values],
  });
  const stack = (config: Record<string, unknown>): StackOutput => ({
    name: 'main-platform',
    cluster: 'main',
    layer: StackLayer.PLATFORM,
    outputs: {},
    blocks: new Map([['helm_release.r', block('helm_release', config, 'monitoring/release')]]),
  });

  test('a chart upgrade in words, its values as a line diff', () => {
    const plans = planStack(
      stack(release('65.1.0', 'a: 1\nb: 2\n')),
      stack(release('66.0.0', 'a: 1\nb: 3\n')),
    );
    expect(addonChanges('main', plans)).toEqual([
      expect.objectContaining({
        subject: 'add-on monitoring',
        kind: ChangeKind.CHANGED,
        reasons: [
          'release monitoring: chart kube-prometheus-stack 65.1.0 -> kube-prometheus-stack 66.0.0',
          'release monitoring: values changed',
        ],
        details: ['values of monitoring:', '@@ -1 +1 @@', ' a: 1', '-b: 2', '+b: 3'],
        risk: Risk.SAFE,
      }),
    ]);
  });

  test('a new release of an existing add-on changes it; a release of a new one adds it', () => {
    const other = block(
      'helm_release',
      { ...release('1.0.0', ''), name: 'snapshots' },
      'monitoring/snapshots',
    );
    const before = stack(release('65.1.0', ''));
    const after: StackOutput = {
      ...before,
      blocks: new Map([...before.blocks, ['helm_release.s', { ...other, address: 'helm_release.s' }]]),
    };
    expect(addonChanges('main', planStack(before, after), { before, after })[0]).toMatchObject({
      kind: ChangeKind.CHANGED,
      reasons: ['installs release snapshots: chart kube-prometheus-stack 1.0.0'],
    });
    const empty: StackOutput = { ...before, blocks: new Map() };
    expect(addonChanges('main', planStack(empty, before), { before: empty, after: before })[0].kind).toBe(
      ChangeKind.ADDED,
    );
  });

  test('a renamed release is uninstalled and installed again', () => {
    const plans = planStack(stack(release('1.0.0', '')), stack({ ...release('1.0.0', ''), name: 'metrics' }));
    expect(addonChanges('main', plans)[0]).toMatchObject({ kind: ChangeKind.CHANGED, risk: Risk.DISRUPTIVE });
    expect(addonChanges('main', plans)[0].reasons).toContain(
      'release metrics is uninstalled and installed again',
    );
  });
});
