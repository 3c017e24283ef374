/** Terraform plans of a cluster's platform stack, said in the platform's words: one change per add-on. */
import { lineDiff, formatHunks } from './line-diff';
import { ADDONS, Area, ChangeKind, PlatformChange, Risk } from './platform-change';
import { Json, StackOutput } from './synth-output';
import { PlanAction, ResourcePlan } from './terraform-plan';
import { ACTION_KIND, STEP_AGAIN, TERRAFORM_STEP, attributeReasons, blockOf } from './resource-words';
import { StackSides } from './infra-changes';

/** The platform stack's plan in words: one change per add-on. */
export function addonChanges(
  cluster: string,
  plans: readonly ResourcePlan[],
  stacks: StackSides = {},
): PlatformChange[] {
  // An add-on is added or removed only when none of its resources exists on the other side.
  const addonsOf = (stack?: StackOutput) =>
    stack ? new Set([...stack.blocks.values()].map((b) => b.path.split('/')[0])) : undefined;
  const before = addonsOf(stacks.before);
  const after = addonsOf(stacks.after);
  const byAddon = new Map<string, ResourcePlan[]>();
  for (const plan of plans) {
    const block = blockOf(plan);
    if (block.mode === 'data' || plan.action === PlanAction.IGNORED) continue;
    const addon = block.path.split('/')[0];
    byAddon.set(addon, [...(byAddon.get(addon) ?? []), plan]);
  }
  const changes: PlatformChange[] = [];
  for (const [addon, addonPlans] of [...byAddon.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    const reasons: string[] = [];
    const details: string[] = [];
    let risk = Risk.SAFE;
    const kinds = new Set(addonPlans.map((p) => p.action));
    for (const plan of addonPlans) {
      const block = blockOf(plan);
      const c = block.config;
      if (block.type === 'helm_release') {
        const chart = `${c.chart} ${c.version}`;
        if (plan.action === PlanAction.CREATE) reasons.push(`installs release ${c.name}: chart ${chart}`);
        else if (plan.action === PlanAction.DELETE)
          reasons.push(`uninstalls release ${c.name} (chart ${chart})`);
        else {
          const before = plan.before!.config;
          if (before.version !== c.version || before.chart !== c.chart)
            reasons.push(
              `release ${c.name}: chart ${before.chart} ${before.version} -> ${c.chart} ${c.version}`,
            );
          if (JSON.stringify(before.values) !== JSON.stringify(c.values)) {
            reasons.push(`release ${c.name}: values changed`);
            details.push(`values of ${c.name}:`, ...formatHunks(lineDiff(valuesText(before), valuesText(c))));
          }
          const other = plan.changes.filter(
            (x) => !['version', 'chart'].includes(x.path) && !x.path.startsWith('values'),
          );
          if (other.length > 0) reasons.push(`release ${c.name}: ${attributeReasons(other).join(', ')}`);
          if (plan.action === PlanAction.REPLACE)
            reasons.push(`release ${c.name} is uninstalled and installed again`);
        }
      } else if (block.type !== TERRAFORM_STEP || plan.action !== PlanAction.REPLACE) {
        const what = `${block.type.replace(/^kubernetes_|_v1$|_v1_data$/g, '').replace(/_/g, ' ')} ${block.path.split('/').slice(1).join('/') || block.name}`;
        reasons.push(
          `${what} ${ACTION_KIND[plan.action]}${plan.action === PlanAction.UPDATE ? ` (${attributeReasons(plan.changes).join(', ')})` : ''}`,
        );
      }
      const step = block.type === TERRAFORM_STEP && plan.action === PlanAction.REPLACE;
      if (step) reasons.push(`step ${block.path.split('/').slice(1).join('/') || block.name}: ${STEP_AGAIN}`);
      else if (plan.action === PlanAction.REPLACE || plan.action === PlanAction.DELETE)
        risk = Risk.DISRUPTIVE;
    }
    const kind =
      kinds.size === 1 && kinds.has(PlanAction.CREATE) && !before?.has(addon)
        ? ChangeKind.ADDED
        : kinds.size === 1 && kinds.has(PlanAction.DELETE) && !after?.has(addon)
          ? ChangeKind.REMOVED
          : ChangeKind.CHANGED;
    changes.push({
      cluster,
      scope: ADDONS,
      area: Area.ADDON,
      kind,
      subject: `add-on ${addon}`,
      reasons,
      risk,
      details,
      sources: addonPlans.map((p) => p.address),
    });
  }
  return changes;
}

function valuesText(config: Json): string {
  return ((config.values ?? []) as unknown[]).map(String).join('\n---\n');
}
