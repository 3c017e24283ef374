import { Construct } from 'constructs';
import { Cidr } from '../../config';
import { DataOpenstackNetworkingNetworkV2 } from '../../.gen/providers/openstack/data-openstack-networking-network-v2';
import { DataOpenstackNetworkingSubnetV2 } from '../../.gen/providers/openstack/data-openstack-networking-subnet-v2';
import { NetworkingNetworkV2 } from '../../.gen/providers/openstack/networking-network-v2';
import { NetworkingRouterInterfaceV2 } from '../../.gen/providers/openstack/networking-router-interface-v2';
import { NetworkingRouterV2 } from '../../.gen/providers/openstack/networking-router-v2';
import { NetworkingSubnetV2 } from '../../.gen/providers/openstack/networking-subnet-v2';

export interface ClusterNetworkProps {
  /** Prefix of every resource name, e.g. `berth-main`. */
  readonly namePrefix: string;
  /** The node subnet. */
  readonly nodeCidr: Cidr;
  /**
   * DNS servers handed out by DHCP.
   * @default none: Neutron's DHCP hands out the cloud's own resolvers
   */
  readonly dnsNameservers?: readonly string[];
  /** Name of the external network the router's gateway attaches to. */
  readonly externalNetwork: string;
  /**
   * MTU of the network; flannel's VXLAN takes 50 bytes of it.
   * @default Neutron's: the largest its network type allows
   */
  readonly mtu?: number;
  /**
   * Use this network and subnet instead of creating network, subnet and router.
   * @default create them
   */
  readonly existing?: { readonly networkId: string; readonly subnetId: string };
  /** Tags put on every resource, to find what Berth owns. */
  readonly tags: readonly string[];
}

/**
 * The private network a cluster's nodes live on: a network, a subnet with DHCP, and a router whose
 * gateway is on the external network, so that nodes reach package mirrors; or an existing network and
 * subnet (bring your own), checked at plan time to be the configured node CIDR.
 */
export class ClusterNetwork extends Construct {
  public readonly networkId: string;
  public readonly subnetId: string;
  /** The external network, looked up by name at plan time. */
  public readonly externalNetwork: DataOpenstackNetworkingNetworkV2;
  /** The router Berth created (undefined for an existing network). */
  public readonly router?: NetworkingRouterV2;

  constructor(scope: Construct, id: string, props: ClusterNetworkProps) {
    super(scope, id);
    const tags = [...props.tags];

    this.externalNetwork = new DataOpenstackNetworkingNetworkV2(this, 'external', {
      name: props.externalNetwork,
      external: true,
    });

    if (props.existing) {
      // Looking the subnet up by ID and CIDR fails the plan if the config's nodeCidr is not the subnet's.
      const subnet = new DataOpenstackNetworkingSubnetV2(this, 'existing-subnet', {
        subnetId: props.existing.subnetId,
        networkId: props.existing.networkId,
        cidr: props.nodeCidr.toString(),
      });
      this.networkId = subnet.networkId;
      this.subnetId = subnet.id;
      return;
    }

    const network = new NetworkingNetworkV2(this, 'network', {
      name: `${props.namePrefix}-net`,
      adminStateUp: true,
      mtu: props.mtu,
      tags,
    });

    const subnet = new NetworkingSubnetV2(this, 'subnet', {
      name: `${props.namePrefix}-nodes`,
      networkId: network.id,
      cidr: props.nodeCidr.toString(),
      ipVersion: 4,
      gatewayIp: props.nodeCidr.host(1),
      enableDhcp: true,
      dnsNameservers: props.dnsNameservers?.length ? [...props.dnsNameservers] : undefined,
      tags,
    });

    this.router = new NetworkingRouterV2(this, 'router', {
      name: `${props.namePrefix}-router`,
      adminStateUp: true,
      externalNetworkId: this.externalNetwork.id,
      tags,
    });

    new NetworkingRouterInterfaceV2(this, 'router-interface', {
      routerId: this.router.id,
      subnetId: subnet.id,
    });
    this.networkId = network.id;
    this.subnetId = subnet.id;
  }
}
