import { ChangeKind, Risk } from '../../../scripts/review/platform-change';
import { rolloutPlan } from '../../../scripts/review/rollout-plan';
import { TerraformBlock } from '../../../scripts/review/synth-output';
import { PlanAction, ResourcePlan } from '../../../scripts/review/terraform-plan';

const block = (path: string, config: Record<string, unknown>): TerraformBlock => ({
  address: `terraform_data.${path.replace('/', '_')}`,
  mode: 'resource',
  type: 'terraform_data',
  name: path.replace('/', '_'),
  path,
  config,
});
const plan = (action: PlanAction, before: TerraformBlock, after = before): ResourcePlan => ({
  address: after.address,
  action,
  before,
  after,
  changes: [],
});
const step = (node: string, next?: string) =>
  block(`rollout/drain-${node}`, {
    input: { node },
    ...(next ? { depends_on: [`terraform_data.rollout_drain-${next}`] } : {}),
  });

describe('rolloutPlan', () => {
  test('the replaced steps in the order of their depends_on chain, whatever the plan order', () => {
    const plans = [
      plan(PlanAction.REPLACE, step('c')),
      plan(PlanAction.REPLACE, step('a', 'b')),
      plan(PlanAction.NO_OP, step('b', 'c')),
      plan(PlanAction.REPLACE, block('rollout/settle', {})),
      plan(
        PlanAction.REPLACE,
        block('pool-x/spec', { triggers_replace: { boot_image: 'u1', flavor: 'f' } }),
        block('pool-x/spec', { triggers_replace: { boot_image: 'u2', flavor: 'f' } }),
      ),
    ];
    const rollout = rolloutPlan('main', plans);
    expect(rollout.change).toMatchObject({
      kind: ChangeKind.REPLACED,
      verb: 'rolled',
      subject: 'rollout of 2 nodes',
      risk: Risk.DISRUPTIVE,
      details: ['1. a', '2. c'],
    });
    expect(rollout.specReasons.get('terraform_data.pool-x_spec')).toBe('pool x: boot_image u1 -> u2');
    expect([...rollout.folded].sort()).toEqual(
      [
        'terraform_data.pool-x_spec',
        'terraform_data.rollout_drain-a',
        'terraform_data.rollout_drain-b',
        'terraform_data.rollout_drain-c',
        'terraform_data.rollout_settle',
      ].sort(),
    );
  });

  test('steps that only change (scaling) are folded, and no rollout is announced', () => {
    const rollout = rolloutPlan('main', [
      plan(PlanAction.UPDATE, step('a', 'b')),
      plan(PlanAction.CREATE, step('b')),
      plan(PlanAction.REPLACE, block('rollout/settle', {})),
    ]);
    expect(rollout.change).toBeUndefined();
    expect(rollout.folded.size).toBe(3);
  });
});
