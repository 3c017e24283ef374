import { addonChanges } from '../../../scripts/review/addon-changes';
import { ChangeKind, Risk } from '../../../scripts/review/platform-change';
import { StackLayer, StackOutput, TerraformBlock } from '../../../scripts/review/synth-output';
import { planStack } from '../../../scripts/review/terraform-plan';

/** addonChanges is exercised on real synthesized pairs in platform-diff.test.ts too. */
const block = (type: string, config: Record<string, unknown>, path = 'x/y'): TerraformBlock => ({
  address: `${type}.n`,
  mode: 'resource',
  type,
  name: 'n',
  path,
  config,
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
