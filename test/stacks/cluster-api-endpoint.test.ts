import { synthInfra, cluster, resources } from '../support/synth-infra';

describe('ClusterInfraStack: the API endpoint (cluster-api-endpoint)', () => {
  test('HA with 3 masters gives the API load balancer 3 members on 6443', () => {
    const json = synthInfra(cluster({ masters: { count: 3 } }));
    const apiPool = Object.entries(json.resource.openstack_lb_pool_v2).find(
      ([, pool]) => pool.name === 'berth-main-api-api',
    );
    expect(apiPool).toBeDefined();
    const members = resources<{ pool_id: string; address: string; protocol_port: number }>(
      json,
      'openstack_lb_member_v2',
    ).filter((m) => m.pool_id === `\${openstack_lb_pool_v2.${apiPool![0]}.id}`);
    expect(members.map((m) => `${m.address}:${m.protocol_port}`)).toEqual([
      '10.0.0.10:6443',
      '10.0.0.11:6443',
      '10.0.0.12:6443',
    ]);
    const groups = resources<{ policies: string[]; name: string }>(json, 'openstack_compute_servergroup_v2');
    expect(groups.find((g) => g.name === 'berth-main-master')!.policies).toEqual(['anti-affinity']);
    expect(groups.find((g) => g.name === 'berth-main-default')!.policies).toEqual(['soft-anti-affinity']);
  });

  test('single-master mode without a load balancer puts the API floating IP on the master', () => {
    const json = synthInfra(cluster({ apiLoadBalancer: false }));
    expect(resources(json, 'openstack_lb_loadbalancer_v2').map((lb) => lb.name)).toEqual([
      'berth-main-ingress',
    ]);
    const associations = resources<{ port_id: string }>(json, 'openstack_networking_floatingip_associate_v2');
    expect(associations.some((a) => /openstack_networking_port_v2\.masters_port-1_/.test(a.port_id))).toBe(
      true,
    );
  });
});
