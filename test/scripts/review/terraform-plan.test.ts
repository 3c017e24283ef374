import { StackOutput, TerraformBlock } from '../../../scripts/review/synth-output';
import { PlanAction, planStack, referencesIn } from '../../../scripts/review/terraform-plan';

type Blocks = Record<string, Record<string, unknown>>;
function stack(blocks: Blocks): StackOutput {
  const map = new Map<string, TerraformBlock>();
  for (const [address, config] of Object.entries(blocks)) {
    const parts = address.split('.');
    const mode = parts[0] === 'data' ? 'data' : 'resource';
    const [type, name] = mode === 'data' ? parts.slice(1) : parts;
    map.set(address, { address, mode, type, name, path: name, config });
  }
  return { name: 'main-infra', cluster: 'main', layer: undefined, blocks: map, outputs: {} };
}

const server = (overrides: Record<string, unknown> = {}) => ({
  name: 'berth-main-master-1',
  flavor_name: 'm1.medium',
  key_pair: '${openstack_compute_keypair_v2.keypair.name}',
  network: [{ port: '${openstack_networking_port_v2.port.id}' }],
  user_data: '${data.cloudinit_config.boot.rendered}',
  block_device: [{ uuid: '${data.openstack_images_image_v2.image.id}', volume_size: 40 }],
  lifecycle: { ignore_changes: ['user_data', 'block_device'] },
  ...overrides,
});
const port = (network = '${openstack_networking_network_v2.net.id}') => ({ name: 'p', network_id: network });
const world = (overrides: Blocks = {}) =>
  stack({
    'openstack_compute_instance_v2.vm': server(),
    'openstack_networking_port_v2.port': port(),
    'openstack_compute_keypair_v2.keypair': { name: 'berth-main', public_key: 'ssh-ed25519 A' },
    'data.cloudinit_config.boot': { part: [{ content: 'v1' }] },
    ...overrides,
  });
const actions = (before: StackOutput, after: StackOutput) =>
  Object.fromEntries(planStack(before, after).map((p) => [p.address, p.action]));

describe('planStack', () => {
  test('equal configurations plan nothing', () => {
    expect(planStack(world(), world())).toEqual([]);
  });

  test('a flavor change updates the server in place (not ForceNew in the provider)', () => {
    const plan = planStack(
      world(),
      world({ 'openstack_compute_instance_v2.vm': server({ flavor_name: 'm1.large' }) }),
    );
    expect(plan.map((p) => [p.address, p.action])).toEqual([
      ['openstack_compute_instance_v2.vm', PlanAction.UPDATE],
    ]);
    expect(plan[0].changes).toEqual([
      {
        path: 'flavor_name',
        before: 'm1.medium',
        after: 'm1.large',
        forcesReplacement: false,
        ignored: false,
        viaReference: undefined,
      },
    ]);
  });

  test('a ForceNew argument under ignore_changes does nothing; outside it, replaces', () => {
    const grown = world({
      'openstack_compute_instance_v2.vm': server({ block_device: [{ uuid: 'x', volume_size: 80 }] }),
    });
    expect(actions(world(), grown)).toEqual({ 'openstack_compute_instance_v2.vm': PlanAction.IGNORED });
    const zone = world({ 'openstack_compute_instance_v2.vm': server({ availability_zone: 'az2' }) });
    expect(actions(world(), zone)).toEqual({ 'openstack_compute_instance_v2.vm': PlanAction.REPLACE });
  });

  test('a changed cloud-init document reaches user_data through the reference, and is ignored there', () => {
    const plan = planStack(world(), world({ 'data.cloudinit_config.boot': { part: [{ content: 'v2' }] } }));
    expect(plan.map((p) => [p.address, p.action])).toEqual([
      ['openstack_compute_instance_v2.vm', PlanAction.IGNORED],
      ['data.cloudinit_config.boot', PlanAction.UPDATE],
    ]);
    expect(plan[0].changes[0]).toMatchObject({
      path: 'user_data',
      viaReference: 'data.cloudinit_config.boot',
      ignored: true,
    });
  });

  test('a replaced port replaces its server (network.port is ForceNew)', () => {
    const moved = world({
      'openstack_networking_port_v2.port': port('${openstack_networking_network_v2.other.id}'),
    });
    expect(actions(world(), moved)).toEqual({
      'openstack_compute_instance_v2.vm': PlanAction.REPLACE,
      'openstack_networking_port_v2.port': PlanAction.REPLACE,
    });
  });

  test('a replaced key pair keeps its configured name: servers referring to the name stay', () => {
    const rekeyed = world({
      'openstack_compute_keypair_v2.keypair': { name: 'berth-main', public_key: 'ssh-ed25519 B' },
    });
    expect(actions(world(), rekeyed)).toEqual({ 'openstack_compute_keypair_v2.keypair': PlanAction.REPLACE });
  });

  test('meta-arguments (depends_on, timeouts) alone change nothing; additions and removals are plain', () => {
    const meta = world({ 'openstack_networking_port_v2.port': { ...port(), depends_on: ['x.y'] } });
    expect(actions(world(), meta)).toEqual({});
    const grown = world({ 'openstack_networking_port_v2.extra': port() });
    expect(actions(world(), grown)).toEqual({ 'openstack_networking_port_v2.extra': PlanAction.CREATE });
    expect(actions(grown, world())).toEqual({ 'openstack_networking_port_v2.extra': PlanAction.DELETE });
  });

  test('replace_triggered_by follows the replaced trigger', () => {
    const job = (sha: string) =>
      stack({
        'terraform_data.t': { triggers_replace: { sha256: sha } },
        'kubernetes_manifest.job': {
          manifest: { kind: 'Job' },
          lifecycle: { replace_triggered_by: ['terraform_data.t'] },
        },
      });
    expect(actions(job('a'), job('b'))).toEqual({
      'terraform_data.t': PlanAction.REPLACE,
      'kubernetes_manifest.job': PlanAction.REPLACE,
    });
  });

  test('replace_triggered_by as cdktf writes it (an expression) and a server whose image and flavor it carries', () => {
    const pool = (flavor: string) =>
      stack({
        'terraform_data.spec': { triggers_replace: { boot_image: 'ubuntu-24.04', flavor } },
        'openstack_compute_instance_v2.vm': server({
          flavor_name: flavor,
          lifecycle: {
            ignore_changes: ['user_data', 'block_device', 'flavor_name'],
            replace_triggered_by: ['${terraform_data.spec}'],
          },
        }),
        'terraform_data.drain': { triggers_replace: { server: '${openstack_compute_instance_v2.vm.id}' } },
      });
    expect(actions(pool('m1.large'), pool('m1.xlarge'))).toEqual({
      'terraform_data.spec': PlanAction.REPLACE,
      'openstack_compute_instance_v2.vm': PlanAction.REPLACE,
      // Its drain step reads the replaced server's ID: replaced with it.
      'terraform_data.drain': PlanAction.REPLACE,
    });
  });

  test('a stack on one side only creates or deletes everything', () => {
    expect(planStack(undefined, world()).every((p) => p.action === PlanAction.CREATE)).toBe(true);
    expect(planStack(world(), undefined).every((p) => p.action === PlanAction.DELETE)).toBe(true);
  });
});

test('referencesIn finds resource and data addresses inside interpolations only', () => {
  expect(referencesIn('${openstack_networking_port_v2.masters_port-1_787E897A.id}')).toEqual([
    'openstack_networking_port_v2.masters_port-1_787E897A',
  ]);
  expect(referencesIn('${base64encode(data.cloudinit_config.x.rendered)} and plain.text.here')).toEqual([
    'data.cloudinit_config.x',
  ]);
  expect(referencesIn({ a: ['${random_id.key.hex}'] })).toEqual(['random_id.key']);
});
