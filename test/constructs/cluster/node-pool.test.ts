import { TerraformOutput, Testing } from 'cdktf';
import { DataSize } from '../../../config';
import {
  IMMUTABLE_SERVER_ATTRIBUTES,
  NodePool,
  ServerGroupPolicy,
} from '../../../constructs/cluster/node-pool';

interface Instance {
  name: string;
  flavor_name: string;
  availability_zone?: string;
  user_data: string;
  block_device: { source_type: string; destination_type: string; volume_size: number; boot_index: number }[];
  scheduler_hints: { group: string }[];
  lifecycle: { ignore_changes: string[]; replace_triggered_by?: string[] };
}

function synth(count: number, zones: string[] = [], replaceOn?: Record<string, string>) {
  return JSON.parse(
    Testing.synthScope((scope) => {
      new NodePool(scope, 'pool', {
        namePrefix: 'berth-main-default',
        count,
        flavor: { name: 'm1.large', vcpus: 4, memory: DataSize.gibibytes(8) },
        imageId: 'image-1',
        volumeSize: DataSize.gibibytes(50),
        availabilityZones: zones,
        networkId: 'net',
        subnetId: 'subnet',
        securityGroupIds: ['sg'],
        keyPairName: 'kp',
        serverGroupPolicy: ServerGroupPolicy.SOFT_ANTI_AFFINITY,
        fixedIp: (i) => (i === 0 ? '10.0.0.10' : undefined),
        userData: (i) => `data-${i}`,
        metadata: { role: 'minion' },
        tags: ['berth'],
        replaceOn,
      });
    }),
  );
}

describe('NodePool', () => {
  test('boots every server from a volume, in the server group, with its own user_data', () => {
    const out = synth(2, ['az1', 'az2']);
    const instances = Object.values(out.resource.openstack_compute_instance_v2) as Instance[];
    expect(instances.map((i) => [i.name, i.availability_zone, i.user_data])).toEqual([
      ['berth-main-default-1', 'az1', 'data-0'],
      ['berth-main-default-2', 'az2', 'data-1'],
    ]);
    for (const instance of instances) {
      expect(instance.flavor_name).toBe('m1.large');
      expect(instance.block_device).toEqual([
        expect.objectContaining({
          source_type: 'image',
          destination_type: 'volume',
          volume_size: 50,
          boot_index: 0,
        }),
      ]);
      expect(instance.scheduler_hints[0].group).toMatch(/openstack_compute_servergroup_v2/);
      expect(instance.lifecycle.ignore_changes).toEqual(IMMUTABLE_SERVER_ATTRIBUTES);
    }
    expect(Object.values(out.resource.openstack_compute_servergroup_v2)).toEqual([
      expect.objectContaining({ policies: ['soft-anti-affinity'] }),
    ]);
  });

  test('gives ports fixed addresses where asked', () => {
    const ports = Object.values(synth(2).resource.openstack_networking_port_v2) as { fixed_ip: object[] }[];
    expect(ports[0].fixed_ip).toEqual([{ subnet_id: 'subnet', ip_address: '10.0.0.10' }]);
    expect(ports[1].fixed_ip).toEqual([{ subnet_id: 'subnet' }]);
  });

  test('changing the count adds or removes only the last servers', () => {
    const two = Object.keys(synth(2).resource.openstack_compute_instance_v2);
    const three = Object.keys(synth(3).resource.openstack_compute_instance_v2);
    expect(three.slice(0, 2)).toEqual(two);
    expect(three).toHaveLength(3);
  });

  test('no server is ever resized or replaced by Terraform on its own: image, flavor, boot volume, user_data', () => {
    expect(IMMUTABLE_SERVER_ATTRIBUTES).toEqual(
      expect.arrayContaining(['flavor_name', 'block_device', 'user_data', 'image_id', 'image_name']),
    );
    const out = synth(2);
    expect(out.resource.terraform_data).toBeUndefined();
    for (const instance of Object.values(out.resource.openstack_compute_instance_v2) as Instance[]) {
      expect(instance.lifecycle.replace_triggered_by).toBeUndefined();
    }
  });

  test('replaceOn: every server is replaced when one of the values changes (a terraform_data "spec")', () => {
    const out = synth(2, [], { boot_image: 'ubuntu-24.04', flavor: 'm1.large' });
    const specs = Object.entries(out.resource.terraform_data) as [string, { triggers_replace: object }][];
    expect(specs.map(([, s]) => s.triggers_replace)).toEqual([
      { boot_image: 'ubuntu-24.04', flavor: 'm1.large' },
    ]);
    for (const instance of Object.values(out.resource.openstack_compute_instance_v2) as Instance[]) {
      expect(instance.lifecycle.replace_triggered_by).toEqual([`\${terraform_data.${specs[0][0]}}`]);
    }
  });

  test('load balancer members and addresses come from the ports, which outlive a replaced server', () => {
    const out = JSON.parse(
      Testing.synthScope((scope) => {
        const pool = new NodePool(scope, 'pool', {
          namePrefix: 'p',
          count: 1,
          flavor: { name: 'm1.large', vcpus: 4, memory: DataSize.gibibytes(8) },
          imageId: 'image-1',
          volumeSize: DataSize.gibibytes(50),
          networkId: 'net',
          subnetId: 'subnet',
          securityGroupIds: [],
          keyPairName: 'kp',
          serverGroupPolicy: ServerGroupPolicy.SOFT_ANTI_AFFINITY,
          userData: () => '',
          metadata: {},
          tags: [],
        });
        new TerraformOutput(scope, 'members', { value: pool.members });
      }),
    );
    expect(JSON.stringify(out.output.members.value)).toMatch(
      /^\[\{"address":"\$\{element\(openstack_networking_port_v2\.pool_port-1_[0-9A-F]+\.all_fixed_ips, 0\)\}","name":"p-1"\}\]$/,
    );
  });
});
