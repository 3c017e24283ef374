/**
 * Terraform plans of a cluster's infra and platform stacks, said in the platform's words: VMs, node
 * templates, load balancers, floating IPs, security rules, add-ons.
 */
import { lineDiff, formatHunks } from './line-diff';
import { ADDONS, Area, ChangeKind, INFRASTRUCTURE, PlatformChange, Risk, show } from './platform-change';
import { rolloutPlan } from './rollout-plan';
import { Json, StackOutput, TerraformBlock } from './synth-output';
import { AttributeChange, PlanAction, ResourcePlan, referencesIn } from './terraform-plan';

/** Node template files of one cluster by role folder (`init-master`, `pool-default`), then file path. */
export type NodeTemplates = ReadonlyMap<string, ReadonlyMap<string, string>>;

export interface StackSides {
  readonly before?: StackOutput;
  readonly after?: StackOutput;
}

/** Resource types whose replacement or removal loses data or an address. */
const STATEFUL_TYPES: Readonly<Record<string, string>> = {
  openstack_blockstorage_volume_v3: 'its data is lost',
  openstack_networking_floatingip_v2:
    'the public address changes (DNS, kubeconfigs and outside firewalls hold it)',
  openstack_lb_loadbalancer_v2: 'its VIP address changes (nodes reach the API or ingress through it)',
  openstack_networking_network_v2: 'every port and server on it goes with it',
  openstack_networking_subnet_v2: 'every port and server on it goes with it',
  openstack_networking_router_v2: 'the cluster loses its way out until the new one is attached',
  openstack_objectstorage_container_v1: 'the objects in it (registry images, backups) are lost',
  openstack_dns_zone_v2: 'every record in the zone is lost',
  openstack_identity_application_credential_v3:
    'the in-cluster cloud controller and CSI lose access until the platform stack is applied again',
  tls_self_signed_cert:
    'a new CA: every node, kubeconfig and certificate signed by the old one stops being trusted',
  tls_private_key: 'a new key: what it signed or identified must be redone',
  random_id: 'a new secret: masters encrypt or join with the old one',
  random_string: 'a new join token: nodes joining later must match the running masters',
};

/** Terraform's built-in resource for steps of its own (readiness waits, replace triggers). */
const TERRAFORM_STEP = 'terraform_data';
const STEP_AGAIN = "runs again (Terraform's own terraform_data step: nothing in the cloud is replaced)";

const ACTION_KIND: Readonly<Record<string, ChangeKind>> = {
  [PlanAction.CREATE]: ChangeKind.ADDED,
  [PlanAction.DELETE]: ChangeKind.REMOVED,
  [PlanAction.REPLACE]: ChangeKind.REPLACED,
  [PlanAction.UPDATE]: ChangeKind.CHANGED,
  [PlanAction.IGNORED]: ChangeKind.IGNORED,
};

/** The infra stack's plan in words; node templates explain changed user_data. */
export function infraChanges(
  cluster: string,
  stacks: StackSides,
  plans: readonly ResourcePlan[],
  templates: { before?: NodeTemplates; after?: NodeTemplates },
): PlatformChange[] {
  const lookup = (address: string): TerraformBlock | undefined =>
    stacks.after?.blocks.get(address) ?? stacks.before?.blocks.get(address);
  const changes: PlatformChange[] = [];
  const rollout = rolloutPlan(cluster, plans);
  const folded = new Set<string>(rollout.folded);
  const change = (c: Omit<PlatformChange, 'cluster' | 'scope' | 'details'> & { details?: string[] }) =>
    changes.push({ cluster, scope: INFRASTRUCTURE, details: [], ...c });

  // VMs first: their ports and load-balancer members (named after the server) are folded into them.
  const servers = plans.filter((p) => blockOf(p).type === 'openstack_compute_instance_v2');
  const templateRoles = new Map<string, string[]>();
  for (const plan of servers) {
    const block = blockOf(plan);
    const name = String(block.config.name);
    const role = roleOf(block.config);
    const master = role === 'master';
    const companions = plans.filter(
      (p) =>
        p !== plan &&
        p.action === plan.action &&
        blockOf(p).config.name === name &&
        /port|lb_member/.test(blockOf(p).type),
    );
    companions.forEach((p) => folded.add(p.address));
    const also = companionWords(companions);
    const effective = plan.changes.filter((c) => !c.ignored);
    const ignored = plan.changes.filter((c) => c.ignored);
    // A replaced server gets everything new: what its lifecycle rule ignores is not worth a word.
    if (
      ignored.length > 0 &&
      plan.action !== PlanAction.CREATE &&
      plan.action !== PlanAction.DELETE &&
      plan.action !== PlanAction.REPLACE
    ) {
      const templateRole = templateRoleOf(block, lookup);
      if (templateRole && ignored.every((c) => c.path === 'user_data')) {
        templateRoles.set(templateRole, [...(templateRoles.get(templateRole) ?? []), name]);
      } else {
        change({
          area: Area.VM,
          kind: ChangeKind.IGNORED,
          subject: `VM ${name}`,
          reasons: [
            `${[...new Set(ignored.map((c) => serverReason(c, lookup, true)))].join(', ')}: ignored by lifecycle.ignore_changes, the running server keeps what it has; servers created later get it`,
            ...(master
              ? [
                  'masters are replaced deliberately, one at a time (README, "Changing a running platform safely")',
                ]
              : []),
          ],
          risk: Risk.SAFE,
          sources: [plan.address],
        });
      }
    }
    if (plan.action === PlanAction.IGNORED) continue;
    const kind = ACTION_KIND[plan.action];
    let reasons: string[];
    let risk = Risk.SAFE;
    if (plan.action === PlanAction.CREATE) {
      reasons = [`flavor ${show(block.config.flavor_name)}, ${role}${poolOf(block.config)}${also}`];
    } else if (plan.action === PlanAction.DELETE) {
      reasons = [`${role}${poolOf(block.config)}${also}`];
      risk = master ? Risk.DANGEROUS : Risk.DISRUPTIVE;
      if (master)
        reasons.push(
          'a master: its etcd member must be removed first (see README, "Changing a running platform safely")',
        );
    } else if (plan.action === PlanAction.REPLACE) {
      reasons = effective
        .filter((c) => c.forcesReplacement)
        .map((c) => {
          const spec = c.viaReference ? rollout.specReasons.get(c.viaReference) : undefined;
          return spec ? `${spec}: rolled one node at a time (see the rollout)` : serverReason(c, lookup);
        });
      reasons = [...new Set(reasons)];
      const rolled = effective.some((c) => c.viaReference && rollout.specReasons.has(c.viaReference));
      risk = master && !rolled ? Risk.DANGEROUS : Risk.DISRUPTIVE;
      if (master && rolled)
        reasons.push(
          'before its server goes it uploads the control-plane certificates and leaves etcd; the other masters keep the quorum',
        );
      else if (master)
        reasons.push(
          'a master holds an etcd member and the control plane: replace one at a time, after removing its member',
        );
    } else {
      reasons = [...new Set(effective.map((c) => serverReason(c, lookup)))];
      if (effective.some((c) => c.path === 'flavor_name' || c.path === 'flavor_id')) risk = Risk.DISRUPTIVE;
    }
    const resized = plan.action === PlanAction.UPDATE && risk === Risk.DISRUPTIVE;
    change({
      area: Area.VM,
      kind,
      verb: resized ? 'resized' : undefined,
      subject: `VM ${name}`,
      reasons,
      risk,
      sources: [plan.address, ...companions.map((c) => c.address)],
    });
  }

  if (rollout.change) changes.push(rollout.change);

  // Node templates: one change per role, with the lines that changed.
  const roles = new Set([...templateRoles.keys(), ...changedTemplateRoles(templates)]);
  for (const role of [...roles].sort()) {
    const ignoring = templateRoles.get(role) ?? [];
    const details =
      templates.before && templates.after
        ? templateDetails(templates.before.get(role), templates.after.get(role))
        : ['(no readable node templates on one side: it was synthesized before cdktf.out/nodes existed)'];
    if (details.length === 0 && ignoring.length === 0) continue;
    change({
      area: Area.NODE_TEMPLATE,
      kind:
        ignoring.length > 0
          ? ChangeKind.IGNORED
          : templates.before?.has(role)
            ? ChangeKind.CHANGED
            : templates.after?.has(role)
              ? ChangeKind.ADDED
              : ChangeKind.REMOVED,
      subject: `node template ${role}`,
      affects: ignoring.map((name) => `VM ${name}`),
      reasons:
        ignoring.length > 0
          ? [
              `user_data of ${ignoring.join(', ')} is ignored by lifecycle.ignore_changes: running servers keep their template (no reboot, no replacement); servers created later use the new one`,
            ]
          : ['used by servers created from now on'],
      risk: Risk.SAFE,
      details,
      sources: [`nodes/${cluster}/${role}`],
    });
  }

  for (const plan of plans) {
    if (folded.has(plan.address)) continue;
    const block = blockOf(plan);
    if (block.type === 'openstack_compute_instance_v2') continue;
    if (block.mode === 'data') {
      if (block.type === 'openstack_images_image_v2' && plan.action === PlanAction.UPDATE) {
        change({
          area: Area.VM,
          kind: ChangeKind.CHANGED,
          subject: 'server image',
          reasons: plan.changes
            .filter((c) => !c.viaReference)
            .map((c) => `${c.path} ${show(c.before)} -> ${show(c.after)}`),
          risk: Risk.SAFE,
          sources: [plan.address],
        });
      }
      continue;
    }
    if (plan.action === PlanAction.IGNORED) continue;
    if (block.type === 'openstack_networking_secgroup_rule_v2') {
      changes.push(...ruleChanges(cluster, plan, lookup));
      continue;
    }
    const words = describeResource(block, lookup);
    const danger = STATEFUL_TYPES[block.type];
    const destructive = plan.action === PlanAction.DELETE || plan.action === PlanAction.REPLACE;
    const reasons =
      plan.action === PlanAction.UPDATE || plan.action === PlanAction.REPLACE
        ? attributeReasons(
            plan.changes.filter(
              (c) => !c.ignored && (plan.action === PlanAction.UPDATE || c.forcesReplacement),
            ),
            lookup,
          )
        : [];
    if (destructive && danger) reasons.push(danger);
    // Terraform's own steps (readiness waits, replace triggers) touch nothing in the cloud when replaced.
    const step = block.type === TERRAFORM_STEP && plan.action === PlanAction.REPLACE;
    if (step) reasons.push(STEP_AGAIN);
    change({
      area: words.area,
      kind: ACTION_KIND[plan.action],
      verb: step ? 'runs again' : undefined,
      subject: words.subject,
      reasons,
      risk: destructive && danger ? Risk.DANGEROUS : destructive && !step ? Risk.DISRUPTIVE : Risk.SAFE,
      sources: [plan.address],
    });
  }
  return changes;
}

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

function blockOf(plan: ResourcePlan): TerraformBlock {
  return (plan.after ?? plan.before)!;
}

function roleOf(config: Json): string {
  return String(((config.metadata ?? {}) as Json)['berth-role'] ?? 'server');
}

function poolOf(config: Json): string {
  const pool = ((config.metadata ?? {}) as Json)['berth-pool'];
  return pool ? ` in pool ${pool}` : '';
}

function companionWords(companions: readonly ResourcePlan[]): string {
  if (companions.length === 0) return '';
  const ports = companions.filter((p) => blockOf(p).type.includes('port')).length;
  const members = companions.length - ports;
  const parts = [
    ports ? `its port` : '',
    members ? `${members} load-balancer member${members > 1 ? 's' : ''}` : '',
  ].filter(Boolean);
  return `, with ${parts.join(' and ')}`;
}

/** Role folder of a server's node template, from the cloud-init data source its user_data reads. */
function templateRoleOf(
  server: TerraformBlock,
  lookup: (a: string) => TerraformBlock | undefined,
): string | undefined {
  const source = referencesIn(server.config.user_data)
    .map(lookup)
    .find((b) => b?.type === 'cloudinit_config');
  const match = source ? /^bootstrap-([^/]+)\//.exec(source.path) : null;
  return match ? match[1] : undefined;
}

function changedTemplateRoles(templates: { before?: NodeTemplates; after?: NodeTemplates }): string[] {
  const roles = new Set([...(templates.before?.keys() ?? []), ...(templates.after?.keys() ?? [])]);
  return [...roles].filter((role) => {
    const a = templates.before?.get(role);
    const b = templates.after?.get(role);
    if (!a || !b) return templates.before !== undefined && templates.after !== undefined;
    return JSON.stringify([...a]) !== JSON.stringify([...b]);
  });
}

function templateDetails(
  before?: ReadonlyMap<string, string>,
  after?: ReadonlyMap<string, string>,
): string[] {
  const files = [...new Set([...(before?.keys() ?? []), ...(after?.keys() ?? [])])].sort();
  // A whole new or removed role: its files by name (cdktf.out/nodes has them to read).
  if (!before || !after) return files.map((file) => `${before ? 'removed' : 'new'} file ${file}`);
  const lines: string[] = [];
  // The whole cloud-config repeats every file: show the files, and the cloud-config only when no file changed.
  const fileChanges = files.filter((f) => f !== 'cloud-config.yaml' && before?.get(f) !== after?.get(f));
  for (const file of fileChanges.length > 0
    ? fileChanges
    : files.filter((f) => before?.get(f) !== after?.get(f))) {
    const a = before?.get(file);
    const b = after?.get(file);
    lines.push(`${a === undefined ? 'new file' : b === undefined ? 'removed file' : 'file'} ${file}`);
    lines.push(...formatHunks(lineDiff(a ?? '', b ?? '')));
  }
  return lines;
}

/** A server argument change in words. */
function serverReason(
  c: AttributeChange,
  lookup?: (a: string) => TerraformBlock | undefined,
  ignored = false,
): string {
  const via = c.viaReference ? lookup?.(c.viaReference) : undefined;
  const by = via ? ` (${describeResource(via, lookup ?? (() => undefined)).subject} is replaced)` : '';
  if (c.path === 'flavor_name' || c.path === 'flavor_id')
    return `flavor ${show(c.before)} -> ${show(c.after)}${ignored ? '' : ' (Nova resizes the server in place: it reboots)'}`;
  if (c.path === 'user_data') return 'node template (user_data)';
  if (c.path === 'block_device.uuid' && via?.mode === 'data') return 'image (a new server image)';
  if (c.path === 'block_device.uuid') return `image${by || ` ${show(c.before)} -> ${show(c.after)}`}`;
  if (c.path === 'block_device') return 'boot volume';
  if (c.path.startsWith('block_device.'))
    return `boot volume ${c.path.slice(13).replace(/_/g, ' ')} ${show(c.before)} -> ${show(c.after)}`;
  if (c.path.startsWith('scheduler_hints'))
    return `server group${by || ` ${show(c.before)} -> ${show(c.after)}`}`;
  if (c.path.startsWith('network')) return `network port${by}`;
  if (c.path === 'key_pair') return `SSH key pair${by || ` ${show(c.before)} -> ${show(c.after)}`}`;
  if (c.path === 'availability_zone') return `availability zone ${show(c.before)} -> ${show(c.after)}`;
  return `${c.path} ${show(c.before)} -> ${show(c.after)}${by}`;
}

function attributeReasons(
  changes: readonly AttributeChange[],
  lookup?: (a: string) => TerraformBlock | undefined,
): string[] {
  return [
    ...new Set(
      changes.map((c) => {
        const via = c.viaReference ? lookup?.(c.viaReference) : undefined;
        if (via)
          return `${c.path} (${describeResource(via, lookup ?? (() => undefined)).subject} is replaced)`;
        return `${c.path} ${show(c.before)} -> ${show(c.after)}`;
      }),
    ),
  ];
}

/** A resource in platform words: `load balancer berth-main-api`. */
export function describeResource(
  block: TerraformBlock,
  lookup: (a: string) => TerraformBlock | undefined,
): { area: Area; subject: string } {
  const c = block.config;
  const named = (what: string) => `${what} ${c.name ?? block.path}`;
  const owner = (field: string) => {
    const ref = referencesIn(c[field])[0];
    const target = ref ? lookup(ref) : undefined;
    return target ? String(target.config.name ?? target.path) : block.path.split('/')[0];
  };
  switch (block.type) {
    case 'openstack_compute_instance_v2':
      return { area: Area.VM, subject: named('VM') };
    case 'openstack_networking_port_v2':
      return { area: Area.VM, subject: named('network port') };
    case 'openstack_compute_servergroup_v2':
      return {
        area: Area.VM,
        subject: `server group ${c.name} (${show((c.policies as unknown[] | undefined)?.join(', '))})`,
      };
    case 'openstack_compute_keypair_v2':
      return { area: Area.VM, subject: named('SSH key pair') };
    case 'openstack_lb_loadbalancer_v2':
      return { area: Area.LOAD_BALANCER, subject: named('load balancer') };
    case 'openstack_lb_listener_v2':
    case 'openstack_lb_pool_v2':
    case 'openstack_lb_monitor_v2':
    case 'openstack_lb_member_v2': {
      const part = block.type.replace('openstack_lb_', '').replace('_v2', '');
      return {
        area: Area.LOAD_BALANCER,
        subject: `load balancer ${block.path.split('/')[0]}: ${part} ${c.name ?? block.path.split('/').slice(1).join('/')}${c.protocol_port ? ` :${c.protocol_port}` : ''}`,
      };
    }
    case 'openstack_networking_floatingip_v2':
      return { area: Area.FLOATING_IP, subject: `floating IP ${c.description ?? block.path}` };
    case 'openstack_networking_floatingip_associate_v2':
      return { area: Area.FLOATING_IP, subject: `floating IP association ${block.path}` };
    case 'openstack_networking_network_v2':
      return { area: Area.NETWORK, subject: named('network') };
    case 'openstack_networking_subnet_v2':
      return { area: Area.NETWORK, subject: `subnet ${c.name ?? block.path} ${c.cidr ?? ''}`.trim() };
    case 'openstack_networking_router_v2':
      return { area: Area.NETWORK, subject: named('router') };
    case 'openstack_networking_router_interface_v2':
      return { area: Area.NETWORK, subject: `router interface of ${owner('router_id')}` };
    case 'openstack_networking_secgroup_v2':
      return { area: Area.SECURITY_RULE, subject: named('security group') };
    case 'openstack_dns_zone_v2':
    case 'openstack_dns_recordset_v2':
      return {
        area: Area.DNS,
        subject: `DNS ${block.type.includes('zone') ? 'zone' : 'record'} ${c.name} ${c.type ?? ''}`.trim(),
      };
    case 'openstack_blockstorage_volume_v3':
      return { area: Area.STORAGE, subject: named('volume') };
    case 'openstack_objectstorage_container_v1':
      return { area: Area.STORAGE, subject: named('object storage container') };
    case 'openstack_identity_application_credential_v3':
      return { area: Area.SECRET, subject: named('application credential') };
    case TERRAFORM_STEP:
      return { area: Area.OTHER, subject: `Terraform step ${block.path}` };
    default:
      return {
        area: block.type.startsWith('tls_') || block.type.startsWith('random_') ? Area.SECRET : Area.OTHER,
        subject: `${block.type} ${block.path}`,
      };
  }
}

/** Security rules in words: "opened: tcp 443 from 0.0.0.0/0 to ingress". */
function ruleChanges(
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
