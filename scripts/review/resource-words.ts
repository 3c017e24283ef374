/** Terraform resources and plan actions in the platform's words, shared by the review's change readers. */
import { Area, ChangeKind, show } from './platform-change';
import { TerraformBlock } from './synth-output';
import { AttributeChange, PlanAction, ResourcePlan, referencesIn } from './terraform-plan';

/** Terraform's built-in resource for steps of its own (readiness waits, replace triggers). */
export const TERRAFORM_STEP = 'terraform_data';
export const STEP_AGAIN =
  "runs again (Terraform's own terraform_data step: nothing in the cloud is replaced)";

export const ACTION_KIND: Readonly<Record<string, ChangeKind>> = {
  [PlanAction.CREATE]: ChangeKind.ADDED,
  [PlanAction.DELETE]: ChangeKind.REMOVED,
  [PlanAction.REPLACE]: ChangeKind.REPLACED,
  [PlanAction.UPDATE]: ChangeKind.CHANGED,
  [PlanAction.IGNORED]: ChangeKind.IGNORED,
};

/** The block a plan is about: its new side, or its old one when it goes. */
export function blockOf(plan: ResourcePlan): TerraformBlock {
  return (plan.after ?? plan.before)!;
}

/** Attribute changes in words; a change through a replaced reference names what is replaced. */
export function attributeReasons(
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
