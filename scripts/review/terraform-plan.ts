/**
 * What `terraform plan` would do to a stack, predicted from two synthesized configurations alone (no
 * state, no provider): each resource is created, deleted, replaced, updated in place, or changed only in
 * arguments its `lifecycle.ignore_changes` hides. A reference to a replaced resource or to a data source
 * whose arguments changed counts as a changed value, so replacements propagate as Terraform's would
 * (a new port replaces its server; a new cloud-init document changes `user_data`).
 */
import { forcesReplacement } from './force-new';
import { Json, StackOutput, TerraformBlock } from './synth-output';

export enum PlanAction {
  CREATE = 'create',
  DELETE = 'delete',
  REPLACE = 'replace',
  UPDATE = 'update',
  /** Only arguments under `lifecycle.ignore_changes` changed: Terraform does nothing. */
  IGNORED = 'ignored',
  /** Only what Terraform itself reads differently changed (depends_on, timeouts, provider): no API call. */
  NO_OP = 'no-op',
}

export interface AttributeChange {
  /** Dotted argument path without list indexes, e.g. `block_device.volume_size`. */
  readonly path: string;
  readonly before: unknown;
  readonly after: unknown;
  /** Changes because a referenced resource is replaced or a data source is read anew (value known at apply). */
  readonly viaReference?: string;
  readonly forcesReplacement: boolean;
  readonly ignored: boolean;
}

export interface ResourcePlan {
  readonly address: string;
  readonly action: PlanAction;
  readonly before?: TerraformBlock;
  readonly after?: TerraformBlock;
  readonly changes: readonly AttributeChange[];
}

/** Arguments that never reach the provider's API. */
const META_ARGUMENTS = new Set(['depends_on', 'lifecycle', 'provider', 'timeouts', 'count', 'for_each']);

/** Plans every resource and data source of a stack (either side may be missing: a new or removed stack). */
export function planStack(before: StackOutput | undefined, after: StackOutput | undefined): ResourcePlan[] {
  const a = before?.blocks ?? new Map<string, TerraformBlock>();
  const b = after?.blocks ?? new Map<string, TerraformBlock>();
  const addresses = [...new Set([...a.keys(), ...b.keys()])];
  const replaced = new Set<string>();
  // A reference to a replaced resource keeps its value when it reads an argument set literally, and
  // identically, on both sides (a replaced key pair keeps its configured name).
  const known = (reference: string, attribute: string): boolean => {
    const x = a.get(reference)?.config[attribute];
    const y = b.get(reference)?.config[attribute];
    return y !== undefined && JSON.stringify(x) === JSON.stringify(y) && referencesIn(y).length === 0;
  };
  const unknown = (reference: string, attribute: string) =>
    replaced.has(reference) && !known(reference, attribute);
  let plans = new Map<string, ResourcePlan>();
  // Replacements propagate through references: repeat until no new one appears.
  for (;;) {
    plans = new Map(
      addresses.map((address) => [
        address,
        planBlock(address, a.get(address), b.get(address), unknown, replaced),
      ]),
    );
    let grew = false;
    for (const plan of plans.values()) {
      const moved =
        plan.action === PlanAction.REPLACE ||
        (plan.before?.mode === 'data' &&
          plan.action !== PlanAction.NO_OP &&
          plan.action !== PlanAction.CREATE);
      if (moved && !replaced.has(plan.address)) {
        replaced.add(plan.address);
        grew = true;
      }
    }
    if (!grew) break;
  }
  return [...plans.values()].filter((p) => p.action !== PlanAction.NO_OP || p.changes.length > 0);
}

function planBlock(
  address: string,
  before: TerraformBlock | undefined,
  after: TerraformBlock | undefined,
  unknown: (reference: string, attribute: string) => boolean,
  replaced: ReadonlySet<string>,
): ResourcePlan {
  if (!before) return { address, action: PlanAction.CREATE, after, changes: [] };
  if (!after) return { address, action: PlanAction.DELETE, before, changes: [] };
  const ignoredPaths = ignoreChangesOf(after.config);
  const changes: AttributeChange[] = [];
  const keys = [...new Set([...Object.keys(before.config), ...Object.keys(after.config)])].sort();
  for (const key of keys) {
    if (META_ARGUMENTS.has(key)) continue;
    collect(
      key,
      before.config[key],
      after.config[key],
      (path, x, y, viaReference) => {
        changes.push({
          path,
          before: x,
          after: y,
          viaReference,
          forcesReplacement: after.mode === 'resource' && forcesReplacement(after.type, path),
          ignored: ignoredPaths.some((p) => path === p || path.startsWith(`${p}.`)),
        });
      },
      unknown,
    );
  }
  // cdktf writes each trigger as an expression (`${terraform_data.spec}`): compare its address.
  const triggers = (
    ((after.config.lifecycle as Json | undefined)?.replace_triggered_by ?? []) as string[]
  ).map((t) => t.replace(/^\$\{(.*)\}$/, '$1'));
  for (const trigger of triggers) {
    if (replaced.has(trigger)) {
      changes.push({
        path: 'lifecycle.replace_triggered_by',
        before: trigger,
        after: trigger,
        viaReference: trigger,
        forcesReplacement: true,
        ignored: false,
      });
    }
  }
  const effective = changes.filter((c) => !c.ignored);
  let action: PlanAction;
  if (effective.some((c) => c.forcesReplacement)) action = PlanAction.REPLACE;
  else if (effective.length > 0) action = PlanAction.UPDATE;
  else if (changes.length > 0) action = PlanAction.IGNORED;
  else action = PlanAction.NO_OP;
  return { address, action, before, after, changes };
}

/** Reports each changed leaf (lists of scalars and whole list lengths compare as one value). */
function collect(
  path: string,
  x: unknown,
  y: unknown,
  report: (path: string, x: unknown, y: unknown, viaReference?: string) => void,
  unknown: (reference: string, attribute: string) => boolean,
): void {
  if (isObject(x) && isObject(y)) {
    for (const key of [...new Set([...Object.keys(x), ...Object.keys(y)])].sort()) {
      collect(`${path}.${key}`, x[key], y[key], report, unknown);
    }
    return;
  }
  if (Array.isArray(x) && Array.isArray(y) && x.length === y.length && x.some((e) => isObject(e))) {
    x.forEach((e, i) => collect(path, e, y[i], report, unknown));
    return;
  }
  if (JSON.stringify(x) !== JSON.stringify(y)) {
    report(path, x, y);
    return;
  }
  const reference = referencesWithAttribute(y).find((ref) => unknown(ref.address, ref.attribute));
  if (reference) report(path, x, y, reference.address);
}

/** Addresses a value refers to: `${openstack_networking_port_v2.p.id}` gives `openstack_networking_port_v2.p`. */
export function referencesIn(value: unknown): string[] {
  return [...new Set(referencesWithAttribute(value).map((r) => r.address))];
}

function referencesWithAttribute(value: unknown): { address: string; attribute: string }[] {
  const text = typeof value === 'string' ? value : JSON.stringify(value ?? null);
  const found: { address: string; attribute: string }[] = [];
  for (const expr of text.match(/\$\{[^}]*\}/g) ?? []) {
    const pattern =
      /\b(data\.[a-z0-9_]+\.[A-Za-z0-9_-]+|[a-z][a-z0-9]*_[a-z0-9_]+\.[A-Za-z0-9_-]+)\.([a-z_][a-z0-9_]*)/g;
    for (const m of expr.matchAll(pattern)) found.push({ address: m[1], attribute: m[2] });
  }
  return found;
}

function ignoreChangesOf(config: Json): string[] {
  const lifecycle = config.lifecycle as Json | undefined;
  const ignore = lifecycle?.ignore_changes;
  return Array.isArray(ignore) ? ignore.map(String) : [];
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
