/**
 * The rollout plan of a cluster's infra stack: which nodes a deploy replaces one at a time, in which
 * order, and why (constructs/cluster/node-rollout.ts). Read from the plan of the rollout's drain steps:
 * Terraform destroys them, and so drains the nodes, along their `depends_on` chain.
 */
import { Area, ChangeKind, INFRASTRUCTURE, PlatformChange, Risk, show } from './platform-change';
import { Json, TerraformBlock } from './synth-output';
import { PlanAction, ResourcePlan } from './terraform-plan';

/** Construct path prefixes of the rollout's steps and of the pools' replace triggers. */
const DRAIN_STEP = /^rollout\/drain-/;
const SETTLE_STEP = 'rollout/settle';
const POOL_SPEC = /^(pool-)?([^/]+)\/spec$/;

export interface RolloutPlan {
  /** The rollout as one change (undefined when no node is rolled). */
  readonly change?: PlatformChange;
  /** Addresses the change stands for (steps, triggers): not to be listed again. */
  readonly folded: ReadonlySet<string>;
  /** Why each pool's servers are replaced: `image ubuntu-24.04 -> ubuntu-26.04` by trigger address. */
  readonly specReasons: ReadonlyMap<string, string>;
}

function blockOf(plan: ResourcePlan): TerraformBlock {
  return (plan.after ?? plan.before)!;
}

/** The rollout of a cluster's plan, in the order Terraform drains the nodes. */
export function rolloutPlan(cluster: string, plans: readonly ResourcePlan[]): RolloutPlan {
  const folded = new Set<string>();
  const specReasons = new Map<string, string>();
  for (const plan of plans) {
    const block = blockOf(plan);
    const pool = block.type === 'terraform_data' ? POOL_SPEC.exec(block.path) : null;
    if (!pool || plan.action !== PlanAction.REPLACE) continue;
    folded.add(plan.address);
    const before = (plan.before?.config.triggers_replace ?? {}) as Json;
    const after = (plan.after?.config.triggers_replace ?? {}) as Json;
    const changed = [...new Set([...Object.keys(before), ...Object.keys(after)])]
      .sort()
      .filter((key) => before[key] !== after[key])
      .map((key) => `${key} ${show(before[key])} -> ${show(after[key])}`);
    specReasons.set(plan.address, `${pool[1] ? `pool ${pool[2]}` : pool[2]}: ${changed.join(', ')}`);
  }

  const steps = plans.filter((p) => blockOf(p).type === 'terraform_data' && DRAIN_STEP.test(blockOf(p).path));
  const settle = plans.find((p) => blockOf(p).type === 'terraform_data' && blockOf(p).path === SETTLE_STEP);
  // The steps change with the node list (scaling) without rolling anything: they stand for nothing alone.
  for (const step of steps) folded.add(step.address);
  if (settle) folded.add(settle.address);
  const rolled = steps.filter((p) => p.action === PlanAction.REPLACE);
  if (rolled.length === 0) return { folded, specReasons };
  // Order: the step no other step depends on comes first; each depends on the one drained after it.
  const next = new Map<string, string | undefined>();
  for (const step of steps) {
    const dependsOn = ((blockOf(step).config.depends_on ?? []) as string[]).find((d) =>
      steps.some((s) => s.address === d),
    );
    next.set(step.address, dependsOn);
  }
  const targets = new Set([...next.values()].filter((v): v is string => v !== undefined));
  const order: string[] = [];
  for (let at = steps.find((s) => !targets.has(s.address))?.address; at; at = next.get(at)) {
    if (order.includes(at)) break;
    order.push(at);
  }
  const byAddress = new Map(steps.map((s) => [s.address, s]));
  const details: string[] = [];
  for (const address of order) {
    const step = byAddress.get(address)!;
    if (step.action !== PlanAction.REPLACE) continue;
    const input = (blockOf(step).config.input ?? {}) as Json;
    details.push(`${details.length + 1}. ${String(input.node)}`);
  }
  const nodes = rolled.length === 1 ? '1 node' : `${rolled.length} nodes`;
  return {
    folded,
    specReasons,
    change: {
      cluster,
      scope: INFRASTRUCTURE,
      area: Area.VM,
      kind: ChangeKind.REPLACED,
      verb: 'rolled',
      subject: `rollout of ${nodes}`,
      reasons: [
        'one node at a time, in this order: each waits until every other node is Ready, is drained through the eviction API (PodDisruptionBudgets hold, 20 minutes at most), then its server is replaced; the deploy ends when every node is Ready again',
      ],
      details,
      risk: Risk.DISRUPTIVE,
      sources: [...rolled.map((p) => p.address), ...(settle ? [settle.address] : [])],
    },
  };
}
