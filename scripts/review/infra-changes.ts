/**
 * Terraform plans of a cluster's infra stack, said in the platform's words: VMs, node templates, load
 * balancers, floating IPs, security rules.
 */
import { Area, ChangeKind, INFRASTRUCTURE, PlatformChange, Risk, show } from './platform-change';
import { rolloutPlan } from './rollout-plan';
import { StackOutput, TerraformBlock } from './synth-output';
import { PlanAction, ResourcePlan } from './terraform-plan';
import {
  ACTION_KIND,
  STEP_AGAIN,
  TERRAFORM_STEP,
  attributeReasons,
  blockOf,
  describeResource,
} from './resource-words';
import {
  NodeTemplates,
  changedTemplateRoles,
  companionWords,
  poolOf,
  roleOf,
  serverReason,
  templateDetails,
  templateRoleOf,
} from './server-words';
import { ruleChanges } from './security-rule-changes';

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
