import { Construct } from 'constructs';
import { Fn } from 'cdktf';
import { ResolvedFlavor, DataSize } from '../../config';
import { ComputeInstanceV2 } from '../../.gen/providers/openstack/compute-instance-v2';
import { ComputeServergroupV2 } from '../../.gen/providers/openstack/compute-servergroup-v2';
import { NetworkingPortV2 } from '../../.gen/providers/openstack/networking-port-v2';
import { ReplaceTrigger } from '../core/replace-trigger';
import { serverName } from './node-names';
import { LoadBalancerMember } from './tcp-load-balancer';

/** Nova server group policies Berth uses. */
export enum ServerGroupPolicy {
  /** Never two members on one hypervisor (masters: losing a host must not lose quorum). */
  ANTI_AFFINITY = 'anti-affinity',
  /** Spread when possible, pack when the cloud is small (minion pools). */
  SOFT_ANTI_AFFINITY = 'soft-anti-affinity',
}

/**
 * Attributes Terraform must not act on after a server exists: a new image, a re-rendered user_data or a
 * changed boot volume would otherwise replace every server of a pool at once (for masters silently
 * destroying etcd members), and a new flavor would resize them all at once in place (a reboot each).
 * Pools with `replaceOn` are replaced instead, one node at a time (NodeRollout); masters deliberately
 * (README, "Changing a running platform safely").
 */
export const IMMUTABLE_SERVER_ATTRIBUTES = [
  'user_data',
  'image_id',
  'image_name',
  'block_device',
  'flavor_name',
];

export interface NodePoolProps {
  /** Server name prefix; servers are `<prefix>-<n>` from 1. */
  readonly namePrefix: string;
  /** Number of servers. Changing it adds or removes only the highest-numbered servers. */
  readonly count: number;
  readonly flavor: ResolvedFlavor;
  /** Glance image ID of the boot volume. */
  readonly imageId: string;
  /** Size of each server's boot volume. */
  readonly volumeSize: DataSize;
  /**
   * Cinder volume type of the boot volume.
   * @default the cloud's default type
   */
  readonly volumeType?: string;
  /**
   * Availability zones, assigned round-robin.
   * @default the cloud's default zone
   */
  readonly availabilityZones?: readonly string[];
  readonly networkId: string;
  readonly subnetId: string;
  readonly securityGroupIds: readonly string[];
  /** Nova key pair for the `ubuntu` user. */
  readonly keyPairName: string;
  readonly serverGroupPolicy: ServerGroupPolicy;
  /**
   * Fixed address of server `index` (0-based); undefined lets Neutron choose, and the port keeps it.
   * @default Neutron chooses
   */
  readonly fixedIp?: (index: number) => string | undefined;
  /** The user_data of server `index` (0-based). */
  readonly userData: (index: number) => string;
  /** Nova metadata on every server. */
  readonly metadata: Readonly<Record<string, string>>;
  readonly tags: readonly string[];
  /**
   * Values whose change replaces the servers (`replace_triggered_by` a `terraform_data` of them, named
   * `spec`): the image name and flavor a NodeRollout rolls out node by node.
   * @default none: changes apply only to servers created later
   */
  readonly replaceOn?: Readonly<Record<string, string>>;
}

/**
 * A set of identical servers: a server group for spreading, and per server a port with a fixed address
 * (security groups sit on the port) and an instance booting from a volume made from the image.
 */
export class NodePool extends Construct {
  public readonly serverGroup: ComputeServergroupV2;
  public readonly ports: readonly NetworkingPortV2[];
  public readonly instances: readonly ComputeInstanceV2[];
  /** Server names, `<prefix>-<n>`. */
  public readonly serverNames: readonly string[];
  /** What replaces the servers when it changes (`replaceOn`). */
  public readonly spec?: ReplaceTrigger;

  constructor(scope: Construct, id: string, props: NodePoolProps) {
    super(scope, id);
    const zones = props.availabilityZones ?? [];
    this.serverGroup = new ComputeServergroupV2(this, 'server-group', {
      name: props.namePrefix,
      policies: [props.serverGroupPolicy],
    });

    /** Replaced when an image or flavor changes; every server follows it. */
    this.spec = props.replaceOn ? new ReplaceTrigger(this, 'spec', props.replaceOn) : undefined;

    const ports: NetworkingPortV2[] = [];
    const instances: ComputeInstanceV2[] = [];
    for (let index = 0; index < props.count; index++) {
      const name = serverName(props.namePrefix, index);
      const fixedIp = props.fixedIp?.(index);
      const port = new NetworkingPortV2(this, `port-${index + 1}`, {
        name,
        networkId: props.networkId,
        adminStateUp: true,
        securityGroupIds: [...props.securityGroupIds],
        fixedIp: [{ subnetId: props.subnetId, ...(fixedIp ? { ipAddress: fixedIp } : {}) }],
        tags: [...props.tags],
      });
      const instance = new ComputeInstanceV2(this, `server-${index + 1}`, {
        name,
        flavorName: props.flavor.name,
        keyPair: props.keyPairName,
        availabilityZone: zones.length > 0 ? zones[index % zones.length] : undefined,
        userData: props.userData(index),
        configDrive: true,
        metadata: { ...props.metadata },
        tags: [...props.tags],
        network: [{ port: port.id }],
        blockDevice: [
          {
            sourceType: 'image',
            uuid: props.imageId,
            destinationType: 'volume',
            volumeSize: props.volumeSize.toGibibytes(),
            volumeType: props.volumeType,
            bootIndex: 0,
            deleteOnTermination: true,
          },
        ],
        schedulerHints: [{ group: this.serverGroup.id }],
        stopBeforeDestroy: true,
        lifecycle: {
          ignoreChanges: IMMUTABLE_SERVER_ATTRIBUTES,
          replaceTriggeredBy: this.spec ? [this.spec] : undefined,
        },
      });
      ports.push(port);
      instances.push(instance);
    }
    this.ports = ports;
    this.instances = instances;
    this.serverNames = instances.map((_, index) => serverName(props.namePrefix, index));
  }

  /**
   * The servers as load balancer backends, named by server. Addressed by their ports, which outlive a
   * replaced server: members of servers being rolled stay in place (a member's address forces a new
   * member, and a replaced server's own address is unknown until it exists again).
   */
  public get members(): LoadBalancerMember[] {
    return this.serverNames.map((name, index) => ({ name, address: this.addresses[index] }));
  }

  /** The servers' fixed IPv4 addresses (their ports' first, the only one). */
  public get addresses(): string[] {
    return this.ports.map((port) => Fn.element(port.allFixedIps, 0) as string);
  }
}
