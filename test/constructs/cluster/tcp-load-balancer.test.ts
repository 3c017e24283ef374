import { Testing } from 'cdktf';
import { Cidr, LoadBalancerAlgorithm, LoadBalancerProvider, ResolvedLoadBalancing } from '../../../config';
import { TcpLoadBalancer } from '../../../constructs/cluster/tcp-load-balancer';

const AMPHORA: ResolvedLoadBalancing = {
  provider: LoadBalancerProvider.AMPHORA,
  algorithm: LoadBalancerAlgorithm.LEAST_CONNECTIONS,
};
const OVN: ResolvedLoadBalancing = {
  provider: LoadBalancerProvider.OVN,
  algorithm: LoadBalancerAlgorithm.SOURCE_IP_PORT,
};

function synth(
  addresses: string[],
  loadBalancing: ResolvedLoadBalancing = AMPHORA,
  allowedCidrs: Cidr[] | null = [Cidr.of('10.0.0.0/8')],
) {
  return JSON.parse(
    Testing.synthScope((scope) => {
      new TcpLoadBalancer(scope, 'api', {
        name: 'berth-main-api',
        loadBalancing,
        subnetId: 'subnet-1',
        floatingIpPool: 'public',
        forwards: [{ name: 'api', port: 6443, memberPort: 6443, allowedCidrs: allowedCidrs ?? undefined }],
        members: addresses.map((address, i) => ({ name: `node-${i + 1}`, address })),
        tags: ['berth'],
      });
    }),
  );
}

describe('TcpLoadBalancer', () => {
  test('a 3-master API gets one listener, one health-checked pool and 3 members', () => {
    const out = synth(['10.0.0.10', '10.0.0.11', '10.0.0.12']);
    expect(Object.values(out.resource.openstack_lb_listener_v2)).toEqual([
      expect.objectContaining({ protocol: 'TCP', protocol_port: 6443, allowed_cidrs: ['10.0.0.0/8'] }),
    ]);
    expect(Object.values(out.resource.openstack_lb_monitor_v2)).toEqual([
      expect.objectContaining({ type: 'TCP', delay: 5, timeout: 3, max_retries: 3 }),
    ]);
    const members = Object.values(out.resource.openstack_lb_member_v2) as {
      address: string;
      protocol_port: number;
    }[];
    expect(members.map((m) => m.address)).toEqual(['10.0.0.10', '10.0.0.11', '10.0.0.12']);
    expect(members.every((m) => m.protocol_port === 6443)).toBe(true);
  });

  test('puts a floating IP from the external network on the VIP port', () => {
    const out = synth(['10.0.0.10']);
    expect(Object.values(out.resource.openstack_networking_floatingip_v2)).toEqual([
      expect.objectContaining({ pool: 'public' }),
    ]);
    const [association] = Object.values(out.resource.openstack_networking_floatingip_associate_v2) as {
      port_id: string;
    }[];
    expect(association.port_id).toMatch(/^\$\{openstack_lb_loadbalancer_v2\.\S+\.vip_port_id\}$/);
  });

  test('members are named by their server, so adding one adds only that member', () => {
    const before = synth(['a', 'b']).resource.openstack_lb_member_v2;
    const after = synth(['a', 'b', 'c']).resource.openstack_lb_member_v2;
    for (const [id, member] of Object.entries(before)) expect(after[id]).toEqual(member);
    expect(Object.keys(after)).toHaveLength(3);
    expect(Object.keys(after).some((id) => id.startsWith('api_api-member-node-3_'))).toBe(true);
  });

  test('amphora: the provider is named and pools use its algorithm', () => {
    const out = synth(['10.0.0.10']);
    expect(Object.values(out.resource.openstack_lb_loadbalancer_v2)).toEqual([
      expect.objectContaining({ loadbalancer_provider: 'amphora' }),
    ]);
    expect(Object.values(out.resource.openstack_lb_pool_v2)).toEqual([
      expect.objectContaining({ lb_method: 'LEAST_CONNECTIONS', protocol: 'TCP' }),
    ]);
  });

  test('ovn: SOURCE_IP_PORT (the only algorithm OVN accepts) and no allowed_cidrs (OVN rejects them)', () => {
    const out = synth(['10.0.0.10'], OVN, null);
    expect(Object.values(out.resource.openstack_lb_loadbalancer_v2)).toEqual([
      expect.objectContaining({ loadbalancer_provider: 'ovn' }),
    ]);
    expect(Object.values(out.resource.openstack_lb_pool_v2)).toEqual([
      expect.objectContaining({ lb_method: 'SOURCE_IP_PORT' }),
    ]);
    const [listener] = Object.values(out.resource.openstack_lb_listener_v2) as Record<string, unknown>[];
    expect(listener.allowed_cidrs).toBeUndefined();
  });

  test('refuses what the provider would reject at deploy time', () => {
    expect(() => synth(['a'], OVN)).toThrow('the ovn provider rejects allowed_cidrs (forwards api)');
    expect(() => synth(['a'], { ...OVN, algorithm: LoadBalancerAlgorithm.LEAST_CONNECTIONS }, null)).toThrow(
      'the ovn provider does not accept LEAST_CONNECTIONS',
    );
    expect(() => synth(['a'], { ...AMPHORA, algorithm: LoadBalancerAlgorithm.SOURCE_IP_PORT })).toThrow(
      'the amphora provider does not accept SOURCE_IP_PORT',
    );
  });
});
