import { Construct } from 'constructs';
import { Cidr } from '../../config';
import { NetworkingSecgroupRuleV2 } from '../../.gen/providers/openstack/networking-secgroup-rule-v2';
import { NetworkingSecgroupV2 } from '../../.gen/providers/openstack/networking-secgroup-v2';
import { CLUSTER_PORTS, INGRESS_NODE_PORTS, PortRange } from './cluster-ports';

/** The components that get a security group of their own. */
export enum ClusterComponent {
  MASTERS = 'masters',
  MINIONS = 'minions',
  /** The ingress load balancer's VIP: the platform's only entry from the world. */
  INGRESS = 'ingress',
}

/** Where a flow comes from: another component's group, or a network. */
export type FlowSource =
  { readonly component: ClusterComponent } | { readonly cidr: Cidr; readonly label: string };

/** One required flow, and the rule that admits it. */
export interface ClusterFlow {
  /** The group the rule sits on (the destination). */
  readonly to: ClusterComponent;
  readonly port: PortRange;
  readonly from: FlowSource;
  /** Why the flow is needed; becomes the rule's description. */
  readonly purpose: string;
}

export interface ClusterSecurityGroupsProps {
  /** Prefix of every group name, e.g. `berth-main`. */
  readonly namePrefix: string;
  /** The node subnet; the load balancers' member-side ports live in it too. */
  readonly nodeCidr: Cidr;
  /** Networks that administer the cluster (SSH, API). */
  readonly adminCidrs: readonly Cidr[];
  /** Whether an Octavia load balancer fronts the API. */
  readonly apiLoadBalancer: boolean;
  /**
   * Whether the load balancers pass the client's own address to the members (OVN) instead of connecting
   * from their own ports in the node subnet (amphora). The members' groups then admit the clients: the
   * world on the gateway's HTTP(S) NodePorts, the admin networks on its management NodePort (and on the
   * API, as in either case).
   * @default false
   */
  readonly loadBalancerPreservesClientAddress?: boolean;
  /** Tags for every group. */
  readonly tags: readonly string[];
}

/** The whole IPv4 internet. */
export const ANYWHERE = Cidr.of('0.0.0.0/0');

/**
 * Derives the cluster's required flows from its components and renders one security group per component
 * with exactly those ingress rules (Neutron's default egress rules stay: nodes fetch packages and images).
 * Nothing but the ingress entry's 80/443 is open to 0.0.0.0/0; its management port only to the admin
 * networks.
 */
export function clusterFlows(props: Omit<ClusterSecurityGroupsProps, 'namePrefix' | 'tags'>): ClusterFlow[] {
  const { MASTERS, MINIONS, INGRESS } = ClusterComponent;
  const nodes = [MASTERS, MINIONS];
  const flows: ClusterFlow[] = [];
  const between = (to: ClusterComponent, port: PortRange, sources: ClusterComponent[], purpose: string) => {
    for (const component of sources) flows.push({ to, port, from: { component }, purpose });
  };
  const fromAdmins = (to: ClusterComponent, port: PortRange, purpose: string) => {
    for (const cidr of props.adminCidrs) flows.push({ to, port, from: { cidr, label: 'admin' }, purpose });
  };

  between(MASTERS, CLUSTER_PORTS.apiServer, nodes, 'Kubernetes API from nodes');
  if (props.apiLoadBalancer) {
    flows.push({
      to: MASTERS,
      port: CLUSTER_PORTS.apiServer,
      from: { cidr: props.nodeCidr, label: 'lb' },
      purpose: 'Kubernetes API from the API load balancer (member ports in the node subnet)',
    });
  }
  fromAdmins(MASTERS, CLUSTER_PORTS.apiServer, 'Kubernetes API from admin networks');
  between(MASTERS, CLUSTER_PORTS.etcd, [MASTERS], 'etcd client and peer traffic between masters');
  for (const to of nodes) {
    between(to, CLUSTER_PORTS.kubelet, nodes, 'kubelet API between nodes');
    between(to, CLUSTER_PORTS.flannelVxlan, nodes, 'flannel VXLAN overlay between nodes');
    between(to, CLUSTER_PORTS.nodeExporter, nodes, 'node metrics scraped by Prometheus');
  }
  flows.push({
    to: MINIONS,
    port: CLUSTER_PORTS.nodePorts,
    from: { cidr: props.nodeCidr, label: 'lb' },
    purpose: 'NodePorts from load balancers in the node subnet',
  });
  if (props.loadBalancerPreservesClientAddress) {
    for (const nodePort of [INGRESS_NODE_PORTS.http, INGRESS_NODE_PORTS.https]) {
      flows.push({
        to: MINIONS,
        port: PortRange.tcp(nodePort),
        from: { cidr: ANYWHERE, label: 'world' },
        purpose: 'HTTP(S) to the gateway NodePorts: the OVN load balancer keeps the client address',
      });
    }
    fromAdmins(
      MINIONS,
      PortRange.tcp(INGRESS_NODE_PORTS.adminHttps),
      'Management UIs to the gateway NodePort from admin networks: the OVN load balancer keeps the client address',
    );
  }
  for (const to of nodes) fromAdmins(to, CLUSTER_PORTS.ssh, 'SSH from admin networks');
  for (const port of [CLUSTER_PORTS.http, CLUSTER_PORTS.https]) {
    flows.push({
      to: INGRESS,
      port,
      from: { cidr: ANYWHERE, label: 'world' },
      purpose: 'HTTP(S) to the platform gateway',
    });
  }
  fromAdmins(INGRESS, CLUSTER_PORTS.adminHttps, 'Management UIs (console, Grafana) from admin networks');
  return flows;
}

/** Security groups for masters, minions and the ingress entry, with the rules `clusterFlows` derives. */
export class ClusterSecurityGroups extends Construct {
  public readonly groups: Readonly<Record<ClusterComponent, NetworkingSecgroupV2>>;
  public readonly flows: readonly ClusterFlow[];

  constructor(scope: Construct, id: string, props: ClusterSecurityGroupsProps) {
    super(scope, id);
    const group = (component: ClusterComponent) =>
      new NetworkingSecgroupV2(this, component, {
        name: `${props.namePrefix}-${component}`,
        description: `Berth ${component} (managed by Berth: edit the platform config, not this group)`,
        tags: [...props.tags],
      });
    this.groups = {
      [ClusterComponent.MASTERS]: group(ClusterComponent.MASTERS),
      [ClusterComponent.MINIONS]: group(ClusterComponent.MINIONS),
      [ClusterComponent.INGRESS]: group(ClusterComponent.INGRESS),
    };
    this.flows = clusterFlows(props);

    for (const flow of this.flows) {
      const source =
        'component' in flow.from
          ? flow.from.component
          : `${flow.from.label}-${flow.from.cidr.toString().replace(/[./]/g, '-')}`;
      const ruleId = `${flow.to}-${flow.port.protocol}-${flow.port.from}-from-${source}`;
      new NetworkingSecgroupRuleV2(this, ruleId, {
        securityGroupId: this.groups[flow.to].id,
        direction: 'ingress',
        ethertype: 'IPv4',
        protocol: flow.port.protocol,
        portRangeMin: flow.port.from,
        portRangeMax: flow.port.to,
        ...('component' in flow.from
          ? { remoteGroupId: this.groups[flow.from.component].id }
          : { remoteIpPrefix: flow.from.cidr.toString() }),
        description: flow.purpose,
      });
    }
  }
}
