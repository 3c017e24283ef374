/** Security group rules of a plan in the review's words. */
import { Area, ChangeKind, INFRASTRUCTURE, PlatformChange, Risk, show } from './platform-change';
import { TerraformBlock } from './synth-output';
import { PlanAction, ResourcePlan, referencesIn } from './terraform-plan';
import { attributeReasons } from './resource-words';

/** Security rules in words: "opened: tcp 443 from 0.0.0.0/0 to ingress". */
export function ruleChanges(
  cluster: string,
  plan: ResourcePlan,
  lookup: (a: string) => TerraformBlock | undefined,
): PlatformChange[] {
  const words = (block: TerraformBlock) => {
    const c = block.config;
    const group = (field: string) => {
      const ref = referencesIn(c[field])[0];
      const target = ref ? lookup(ref) : undefined;
      return target ? String(target.config.name ?? target.path) : show(c[field]);
    };
    const ports =
      c.port_range_min === undefined
        ? 'all ports'
        : c.port_range_min === c.port_range_max
          ? `${c.port_range_min}`
          : `${c.port_range_min}-${c.port_range_max}`;
    const remote = c.remote_ip_prefix
      ? c.remote_ip_prefix === '0.0.0.0/0'
        ? 'anywhere (0.0.0.0/0)'
        : String(c.remote_ip_prefix)
      : c.remote_group_id
        ? `group ${group('remote_group_id')}`
        : 'anywhere';
    const direction =
      c.direction === 'egress'
        ? `from group ${group('security_group_id')} to ${remote}`
        : `from ${remote} to group ${group('security_group_id')}`;
    return `${c.protocol ?? 'any protocol'} ${ports} ${direction}${c.description ? ` (${c.description})` : ''}`;
  };
  const make = (kind: ChangeKind, block: TerraformBlock, reasons: string[] = []): PlatformChange => ({
    cluster,
    scope: INFRASTRUCTURE,
    area: Area.SECURITY_RULE,
    kind,
    subject: `security rule ${words(block)}`,
    verb: kind === ChangeKind.ADDED ? 'opened' : kind === ChangeKind.REMOVED ? 'closed' : undefined,
    reasons,
    risk: Risk.SAFE,
    details: [],
    sources: [plan.address],
  });
  if (plan.action === PlanAction.CREATE) return [make(ChangeKind.ADDED, plan.after!)];
  if (plan.action === PlanAction.DELETE) return [make(ChangeKind.REMOVED, plan.before!)];
  const own = plan.changes.filter((c) => !c.viaReference);
  if (own.length === 0)
    return [make(ChangeKind.REPLACED, plan.after!, attributeReasons(plan.changes, lookup))];
  return [make(ChangeKind.REMOVED, plan.before!), make(ChangeKind.ADDED, plan.after!)];
}
