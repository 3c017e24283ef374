import { Construct } from 'constructs';
import { Duration } from 'cdk8s';
import { Cidr, LOAD_BALANCER_PROVIDERS, ResolvedLoadBalancing } from '../../config';
import { LbListenerV2 } from '../../.gen/providers/openstack/lb-listener-v2';
import { LbLoadbalancerV2 } from '../../.gen/providers/openstack/lb-loadbalancer-v2';
import { LbMemberV2 } from '../../.gen/providers/openstack/lb-member-v2';
import { LbMonitorV2 } from '../../.gen/providers/openstack/lb-monitor-v2';
import { LbPoolV2 } from '../../.gen/providers/openstack/lb-pool-v2';
import { NetworkingFloatingipAssociateV2 } from '../../.gen/providers/openstack/networking-floatingip-associate-v2';
import { NetworkingFloatingipV2 } from '../../.gen/providers/openstack/networking-floatingip-v2';

/** One TCP port the load balancer listens on, and the port it forwards to on every member. */
export interface TcpForward {
  /** Short name, e.g. `https`; names the listener, pool and monitor. */
  readonly name: string;
  readonly port: number;
  readonly memberPort: number;
  /**
   * Networks allowed to connect (Octavia enforces it on the VIP). Only for providers that accept
   * `allowed_cidrs` (amphora); with the others, the members' security groups restrict access.
   * @default anyone who can reach the VIP
   */
  readonly allowedCidrs?: readonly Cidr[];
}

/** A backend of the load balancer. */
export interface LoadBalancerMember {
  /** Stable name (the server's), which keeps the member's identity when others come and go. */
  readonly name: string;
  readonly address: string;
}

export interface TcpLoadBalancerProps {
  /** Load balancer name. */
  readonly name: string;
  /** Octavia provider and pool algorithm (one the provider accepts). */
  readonly loadBalancing: ResolvedLoadBalancing;
  /** Subnet of the VIP and of the members. */
  readonly subnetId: string;
  /** External network (name) the floating IP comes from. */
  readonly floatingIpPool: string;
  readonly forwards: readonly TcpForward[];
  /** The backends (one Octavia member per backend and forward). */
  readonly members: readonly LoadBalancerMember[];
  /**
   * Security groups on the VIP port.
   * @default Octavia's own
   */
  readonly securityGroupIds?: readonly string[];
  /**
   * How often members are health-checked (TCP connect).
   * @default 5 seconds
   */
  readonly healthCheckInterval?: Duration;
  readonly tags: readonly string[];
}

/**
 * An Octavia load balancer forwarding TCP ports to a set of members, health-checked, with a floating IP on
 * its VIP. Adding a backend adds only that backend's members.
 */
export class TcpLoadBalancer extends Construct {
  public readonly loadBalancer: LbLoadbalancerV2;
  public readonly floatingIp: NetworkingFloatingipV2;
  public readonly pools: Readonly<Record<string, LbPoolV2>>;

  constructor(scope: Construct, id: string, props: TcpLoadBalancerProps) {
    super(scope, id);
    const traits = LOAD_BALANCER_PROVIDERS[props.loadBalancing.provider];
    if (!traits.algorithms.includes(props.loadBalancing.algorithm)) {
      throw new Error(
        `${this.node.path}: the ${props.loadBalancing.provider} provider does not accept ${props.loadBalancing.algorithm} (it accepts ${traits.algorithms.join(', ')})`,
      );
    }
    const restricted = props.forwards.filter((f) => f.allowedCidrs !== undefined).map((f) => f.name);
    if (!traits.allowedCidrs && restricted.length > 0) {
      throw new Error(
        `${this.node.path}: the ${props.loadBalancing.provider} provider rejects allowed_cidrs (forwards ${restricted.join(', ')}); restrict access with the members' security groups`,
      );
    }
    const interval = (props.healthCheckInterval ?? Duration.seconds(5)).toSeconds();
    this.loadBalancer = new LbLoadbalancerV2(this, 'load-balancer', {
      name: props.name,
      loadbalancerProvider: props.loadBalancing.provider,
      vipSubnetId: props.subnetId,
      adminStateUp: true,
      securityGroupIds: props.securityGroupIds ? [...props.securityGroupIds] : undefined,
      tags: [...props.tags],
    });

    const pools: Record<string, LbPoolV2> = {};
    for (const forward of props.forwards) {
      const listener = new LbListenerV2(this, `${forward.name}-listener`, {
        name: `${props.name}-${forward.name}`,
        loadbalancerId: this.loadBalancer.id,
        protocol: 'TCP',
        protocolPort: forward.port,
        allowedCidrs: forward.allowedCidrs?.map(String),
        tags: [...props.tags],
      });
      const pool = new LbPoolV2(this, `${forward.name}-pool`, {
        name: `${props.name}-${forward.name}`,
        listenerId: listener.id,
        protocol: 'TCP',
        lbMethod: props.loadBalancing.algorithm,
      });
      new LbMonitorV2(this, `${forward.name}-monitor`, {
        name: `${props.name}-${forward.name}`,
        poolId: pool.id,
        type: 'TCP',
        delay: interval,
        timeout: Math.max(1, interval - 2),
        maxRetries: 3,
        maxRetriesDown: 3,
      });
      for (const member of props.members) {
        new LbMemberV2(this, `${forward.name}-member-${member.name}`, {
          name: member.name,
          poolId: pool.id,
          address: member.address,
          protocolPort: forward.memberPort,
          subnetId: props.subnetId,
        });
      }
      pools[forward.name] = pool;
    }
    this.pools = pools;

    this.floatingIp = new NetworkingFloatingipV2(this, 'floating-ip', {
      pool: props.floatingIpPool,
      description: `${props.name} (Berth)`,
      tags: [...props.tags],
    });
    new NetworkingFloatingipAssociateV2(this, 'floating-ip-association', {
      floatingIp: this.floatingIp.address,
      portId: this.loadBalancer.vipPortId,
    });
  }

  /** The public (floating) address. */
  public get address(): string {
    return this.floatingIp.address;
  }

  /** The private VIP address in the subnet. */
  public get vipAddress(): string {
    return this.loadBalancer.vipAddress;
  }
}
