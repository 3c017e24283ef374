/**
 * The plan diff of two synthesized outputs, per cluster and environment, in the platform's words.
 * Pure: reads two {@link SynthOutput}s, returns every change; formatting lives in format-diff.ts.
 */
import { environmentChanges } from './app-changes';
import { addonChanges } from './addon-changes';
import { infraChanges } from './infra-changes';
import { describeResource } from './resource-words';
import {
  ADDONS,
  Area,
  ChangeKind,
  INFRASTRUCTURE,
  PlatformChange,
  PlatformDiff,
  Risk,
  environmentScope,
} from './platform-change';
import { StackLayer, SynthOutput, clustersOf, stackOf } from './synth-output';
import { PlanAction, planStack } from './terraform-plan';

export function platformDiff(before: SynthOutput, after: SynthOutput): PlatformDiff {
  const scopes: { cluster: string; scope: string }[] = [];
  const changes: PlatformChange[] = [];
  const clusters = [...new Set([...clustersOf(before), ...clustersOf(after)])].sort();
  for (const cluster of clusters) {
    // Infrastructure.
    const infra = {
      before: stackOf(before, cluster, StackLayer.INFRA),
      after: stackOf(after, cluster, StackLayer.INFRA),
    };
    if (infra.before || infra.after) {
      scopes.push({ cluster, scope: INFRASTRUCTURE });
      const whole = wholeStack(cluster, INFRASTRUCTURE, infra.before, infra.after);
      if (whole) changes.push(whole);
      else
        changes.push(
          ...infraChanges(cluster, infra, planStack(infra.before, infra.after), {
            before: before.nodes.get(cluster),
            after: after.nodes.get(cluster),
          }),
        );
    }
    // Add-ons.
    const platform = {
      before: stackOf(before, cluster, StackLayer.PLATFORM),
      after: stackOf(after, cluster, StackLayer.PLATFORM),
    };
    const objects = {
      before: stackOf(before, cluster, StackLayer.PLATFORM_OBJECTS),
      after: stackOf(after, cluster, StackLayer.PLATFORM_OBJECTS),
    };
    if (platform.before || platform.after) {
      scopes.push({ cluster, scope: ADDONS });
      const whole = wholeStack(cluster, ADDONS, platform.before, platform.after);
      if (whole) changes.push(whole);
      else
        changes.push(
          ...addonChanges(
            cluster,
            [
              ...planStack(platform.before, platform.after),
              // The add-ons' own objects: grouped under the add-on they belong to.
              ...(objects.before || objects.after ? planStack(objects.before, objects.after) : []),
            ],
            platform,
          ),
        );
    }
    // Environments: their objects from the manifests, other Terraform resources from the stack.
    const a = before.manifests.get(cluster) ?? new Map();
    const b = after.manifests.get(cluster) ?? new Map();
    const environments = [...new Set([...a.keys(), ...b.keys()])].sort();
    for (const environment of environments) {
      scopes.push({ cluster, scope: environmentScope(environment) });
      changes.push(...environmentChanges(cluster, environment, a.get(environment), b.get(environment)));
    }
    const envStack = {
      before: stackOf(before, cluster, StackLayer.ENVIRONMENTS),
      after: stackOf(after, cluster, StackLayer.ENVIRONMENTS),
    };
    if (envStack.before && envStack.after) {
      for (const plan of planStack(envStack.before, envStack.after)) {
        const block = (plan.after ?? plan.before)!;
        if (block.mode === 'data' || block.type === 'kubernetes_manifest' || block.type === 'terraform_data')
          continue;
        if (plan.action === PlanAction.IGNORED) continue;
        const environment = block.path.split('/')[0];
        const gone = plan.action === PlanAction.DELETE || plan.action === PlanAction.REPLACE;
        // Secrets and passwords of removed apps or environments go with them: said there already.
        if (gone && !(after.manifests.get(cluster)?.has(environment) ?? false)) continue;
        changes.push({
          cluster,
          scope: environmentScope(environment),
          area: Area.SECRET,
          kind: kindOf(plan.action),
          subject: describeResource(block, () => undefined).subject.replace(`${environment}/`, ''),
          reasons:
            plan.action === PlanAction.REPLACE
              ? [
                  'generated anew at deploy time: whoever holds the old value (a running database) must be given the new one',
                ]
              : [],
          risk: plan.action === PlanAction.REPLACE ? Risk.DISRUPTIVE : Risk.SAFE,
          details: [],
          sources: [plan.address],
        });
      }
    }
  }
  return { scopes, changes };
}

function kindOf(action: PlanAction): ChangeKind {
  switch (action) {
    case PlanAction.CREATE:
      return ChangeKind.ADDED;
    case PlanAction.DELETE:
      return ChangeKind.REMOVED;
    case PlanAction.REPLACE:
      return ChangeKind.REPLACED;
    case PlanAction.IGNORED:
      return ChangeKind.IGNORED;
    default:
      return ChangeKind.CHANGED;
  }
}

/** A stack that exists on one side only: one change for all of it. */
function wholeStack(
  cluster: string,
  scope: string,
  before: { name: string; blocks: ReadonlyMap<string, { type: string; mode: string }> } | undefined,
  after: { name: string; blocks: ReadonlyMap<string, { type: string; mode: string }> } | undefined,
): PlatformChange | undefined {
  if (before && after) return undefined;
  const stack = (after ?? before)!;
  const counts = new Map<string, number>();
  for (const b of stack.blocks.values())
    if (b.mode === 'resource') counts.set(b.type, (counts.get(b.type) ?? 0) + 1);
  const vms = counts.get('openstack_compute_instance_v2') ?? 0;
  const infra = scope === INFRASTRUCTURE;
  return {
    cluster,
    scope,
    area: Area.OTHER,
    kind: after ? ChangeKind.ADDED : ChangeKind.REMOVED,
    subject: infra ? `cluster ${cluster} (stack ${stack.name})` : `every add-on (stack ${stack.name})`,
    reasons: [
      `${infra ? `${vms} VMs, ` : ''}${[...counts.values()].reduce((x, y) => x + y, 0)} resources`,
      ...(after
        ? []
        : [
            infra
              ? 'the whole cluster and its data are destroyed'
              : 'the platform services and their data are removed',
          ]),
    ],
    risk: after ? Risk.SAFE : infra ? Risk.DANGEROUS : Risk.DISRUPTIVE,
    details: [],
    sources: [stack.name],
  };
}
