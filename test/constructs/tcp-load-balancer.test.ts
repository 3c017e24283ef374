import { Testing } from 'cdktf';
import { Cidr } from '../../config';
import { TcpLoadBalancer } from '../../constructs/tcp-load-balancer';

function synth(addresses: string[]) {
  return JSON.parse(
    Testing.synthScope((scope) => {
      new TcpLoadBalancer(scope, 'api', {
        name: 'berth-main-api',
        subnetId: 'subnet-1',
        floatingIpPool: 'public',
        forwards: [{ name: 'api', port: 6443, memberPort: 6443, allowedCidrs: [Cidr.of('10.0.0.0/8')] }],
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
});
