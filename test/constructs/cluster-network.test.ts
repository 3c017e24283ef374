import { Testing } from 'cdktf';
import { Cidr } from '../../config';
import { ClusterNetwork } from '../../constructs/cluster-network';

function synth(existing?: { networkId: string; subnetId: string }) {
  return JSON.parse(
    Testing.synthScope((scope) => {
      new ClusterNetwork(scope, 'network', {
        namePrefix: 'berth-main',
        nodeCidr: Cidr.of('10.0.0.0/24'),
        dnsNameservers: ['9.9.9.9'],
        externalNetwork: 'public',
        existing,
        tags: ['berth'],
      });
    }),
  );
}

describe('ClusterNetwork', () => {
  test('creates network, subnet and a router with a gateway on the external network', () => {
    const out = synth();
    expect(Object.values(out.resource.openstack_networking_network_v2)).toEqual([
      expect.objectContaining({ name: 'berth-main-net', mtu: 1450 }),
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
