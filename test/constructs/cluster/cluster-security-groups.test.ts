import { Testing } from 'cdktf';
import { Cidr } from '../../../config';
import { ClusterSecurityGroups, clusterFlows } from '../../../constructs/cluster/cluster-security-groups';

interface RenderedRule {
  readonly security_group_id: string;
  readonly direction: string;
  readonly ethertype: string;
  readonly protocol: string;
  readonly port_range_min: number;
  readonly port_range_max: number;
  readonly remote_group_id?: string;
  readonly remote_ip_prefix?: string;
}

const ADMIN = [Cidr.of('10.0.0.0/8'), Cidr.of('192.168.0.0/16')];
const NODES = Cidr.of('10.0.0.0/24');

/** Synthesizes the groups and renders each rule as `<to> <proto>/<ports> <- <source>`. */
function renderedRules(apiLoadBalancer: boolean, loadBalancerPreservesClientAddress = false): string[] {
  const synth = JSON.parse(
    Testing.synthScope((scope) => {
      new ClusterSecurityGroups(scope, 'sg', {
        namePrefix: 'berth-main',
        nodeCidr: NODES,
        adminCidrs: ADMIN,
        apiLoadBalancer,
        loadBalancerPreservesClientAddress,
        tags: ['berth'],
      });
    }),
  );
  const groupNames: Record<string, string> = {};
  for (const [key, group] of Object.entries(synth.resource.openstack_networking_secgroup_v2) as [
    string,
    { name: string },
  ][]) {
    groupNames[`\${openstack_networking_secgroup_v2.${key}.id}`] = group.name.replace('berth-main-', '');
  }
  return (Object.values(synth.resource.openstack_networking_secgroup_rule_v2) as RenderedRule[]).map(
    (rule) => {
      expect(rule.direction).toBe('ingress');
      expect(rule.ethertype).toBe('IPv4');
      const ports =
        rule.port_range_min === rule.port_range_max
          ? `${rule.port_range_min}`
          : `${rule.port_range_min}-${rule.port_range_max}`;
      const source = rule.remote_group_id ? groupNames[rule.remote_group_id] : rule.remote_ip_prefix;
      return `${groupNames[rule.security_group_id]} ${rule.protocol}/${ports} <- ${source}`;
    },
  );
}

describe('ClusterSecurityGroups', () => {
  test('OVN load balancers keep the client address: the gateway NodePorts admit their clients, nothing else changes', () => {
    const amphora = renderedRules(true);
    const ovn = renderedRules(true, true);
    expect(ovn.filter((rule) => !amphora.includes(rule)).sort()).toEqual([
      'minions tcp/30080 <- 0.0.0.0/0',
      'minions tcp/30443 <- 0.0.0.0/0',
      'minions tcp/30843 <- 10.0.0.0/8',
      'minions tcp/30843 <- 192.168.0.0/16',
    ]);
    expect(amphora.filter((rule) => !ovn.includes(rule))).toEqual([]);
    // The API stays open only to the admin networks and the nodes, enforced on the masters.
    expect(ovn.filter((rule) => rule.startsWith('masters tcp/6443')).sort()).toEqual(
      amphora.filter((rule) => rule.startsWith('masters tcp/6443')).sort(),
    );
  });

  test('opens exactly the required flows, with the API load balancer', () => {
    expect(renderedRules(true).sort()).toEqual(
      [
        'masters tcp/6443 <- masters',
        'masters tcp/6443 <- minions',
        'masters tcp/6443 <- 10.0.0.0/24',
        'masters tcp/6443 <- 10.0.0.0/8',
        'masters tcp/6443 <- 192.168.0.0/16',
        'masters tcp/2379-2380 <- masters',
        'masters tcp/10250 <- masters',
        'masters tcp/10250 <- minions',
        'minions tcp/10250 <- masters',
        'minions tcp/10250 <- minions',
        'masters udp/8472 <- masters',
        'masters udp/8472 <- minions',
        'minions udp/8472 <- masters',
        'minions udp/8472 <- minions',
        'masters tcp/9100 <- masters',
        'masters tcp/9100 <- minions',
        'minions tcp/9100 <- masters',
        'minions tcp/9100 <- minions',
        'minions tcp/30000-32767 <- 10.0.0.0/24',
        'masters tcp/22 <- 10.0.0.0/8',
        'masters tcp/22 <- 192.168.0.0/16',
        'minions tcp/22 <- 10.0.0.0/8',
        'minions tcp/22 <- 192.168.0.0/16',
        'ingress tcp/80 <- 0.0.0.0/0',
        'ingress tcp/443 <- 0.0.0.0/0',
        // Management UIs (console, Grafana): admin networks only.
        'ingress tcp/8443 <- 10.0.0.0/8',
        'ingress tcp/8443 <- 192.168.0.0/16',
      ].sort(),
    );
  });

  test('without the API load balancer, the API is open to nodes and admins only', () => {
    const rules = renderedRules(false);
    expect(rules.filter((r) => r.startsWith('masters tcp/6443')).sort()).toEqual(
      [
        'masters tcp/6443 <- 10.0.0.0/8',
        'masters tcp/6443 <- 192.168.0.0/16',
        'masters tcp/6443 <- masters',
        'masters tcp/6443 <- minions',
      ].sort(),
    );
  });

  test('nothing but the ingress entry is open to the world', () => {
    const world = renderedRules(true).filter((r) => r.endsWith('<- 0.0.0.0/0'));
    expect(world.sort()).toEqual(['ingress tcp/80 <- 0.0.0.0/0', 'ingress tcp/443 <- 0.0.0.0/0'].sort());
  });

  test('every flow says why it exists', () => {
    for (const flow of clusterFlows({ nodeCidr: NODES, adminCidrs: ADMIN, apiLoadBalancer: true })) {
      expect(flow.purpose.length).toBeGreaterThan(10);
    }
  });

  test('rule IDs are stable and readable', () => {
    const synth = JSON.parse(
      Testing.synthScope((scope) => {
        new ClusterSecurityGroups(scope, 'sg', {
          namePrefix: 'p',
          nodeCidr: NODES,
          adminCidrs: ADMIN,
          apiLoadBalancer: true,
          tags: [],
        });
      }),
    );
    const ids = Object.keys(synth.resource.openstack_networking_secgroup_rule_v2).map((id) =>
      id.replace(/_[0-9A-F]{8}$/, ''),
    );
    expect(ids).toContain('sg_masters-tcp-6443-from-minions');
    expect(ids).toContain('sg_minions-tcp-22-from-admin-192-168-0-0-16');
    expect(ids).toContain('sg_ingress-tcp-443-from-world-0-0-0-0-0');
  });
});
