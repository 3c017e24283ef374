import { Testing } from 'cdktf';
import { Cidr } from '../../../config';
import { ClusterNetwork } from '../../../constructs/cluster/cluster-network';

function synth(
  existing?: { networkId: string; subnetId: string },
  options: { dnsNameservers?: string[]; mtu?: number } = { dnsNameservers: ['9.9.9.9'] },
) {
  return JSON.parse(
    Testing.synthScope((scope) => {
      new ClusterNetwork(scope, 'network', {
        namePrefix: 'berth-main',
        nodeCidr: Cidr.of('10.0.0.0/24'),
        ...options,
        externalNetwork: 'public',
        existing,
        tags: ['berth'],
      });
    }),
  );
}

describe('ClusterNetwork', () => {
  test("by default the MTU and the resolvers are the cloud's: neither is written", () => {
    const out = synth(undefined, {});
    const [network] = Object.values(out.resource.openstack_networking_network_v2) as Record<
      string,
      unknown
    >[];
    expect(network).not.toHaveProperty('mtu');
    const [subnet] = Object.values(out.resource.openstack_networking_subnet_v2) as Record<string, unknown>[];
    expect(subnet).not.toHaveProperty('dns_nameservers');
  });

  test('a configured MTU is written', () => {
    const out = synth(undefined, { mtu: 1400 });
    expect(Object.values(out.resource.openstack_networking_network_v2)).toEqual([
      expect.objectContaining({ mtu: 1400 }),
    ]);
  });

  test('creates network, subnet and a router with a gateway on the external network', () => {
    const out = synth();
    expect(Object.values(out.resource.openstack_networking_network_v2)).toEqual([
      expect.objectContaining({ name: 'berth-main-net' }),
    ]);
    expect(Object.values(out.resource.openstack_networking_subnet_v2)).toEqual([
      expect.objectContaining({
        cidr: '10.0.0.0/24',
        gateway_ip: '10.0.0.1',
        dns_nameservers: ['9.9.9.9'],
        enable_dhcp: true,
      }),
    ]);
    const [router] = Object.values(out.resource.openstack_networking_router_v2) as {
      external_network_id: string;
    }[];
    expect(router.external_network_id).toMatch(/data\.openstack_networking_network_v2\.\S+\.id/);
    expect(Object.values(out.data.openstack_networking_network_v2)).toEqual([
      { name: 'public', external: true },
    ]);
    expect(Object.keys(out.resource.openstack_networking_router_interface_v2)).toHaveLength(1);
  });

  test('brings its own network: checks the subnet and creates nothing', () => {
    const out = synth({ networkId: 'net-1', subnetId: 'sub-1' });
    expect(out.resource).toBeUndefined();
    expect(Object.values(out.data.openstack_networking_subnet_v2)).toEqual([
      { subnet_id: 'sub-1', network_id: 'net-1', cidr: '10.0.0.0/24' },
    ]);
  });
});
