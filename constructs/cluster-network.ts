import { Construct } from 'constructs';
import { Cidr } from '../config';
import { DataOpenstackNetworkingNetworkV2 } from '../.gen/providers/openstack/data-openstack-networking-network-v2';
import { NetworkingNetworkV2 } from '../.gen/providers/openstack/networking-network-v2';
import { NetworkingRouterInterfaceV2 } from '../.gen/providers/openstack/networking-router-interface-v2';
import { NetworkingRouterV2 } from '../.gen/providers/openstack/networking-router-v2';
import { NetworkingSubnetV2 } from '../.gen/providers/openstack/networking-subnet-v2';

export interface ClusterNetworkProps {
  /** Prefix of every resource name, e.g. `berth-main`. */
  readonly namePrefix: string;
  /** The node subnet. */
  readonly nodeCidr: Cidr;
  /** DNS servers handed out by DHCP. */
  readonly dnsNameservers: readonly string[];
  /** Name of the external network the router's gateway attaches to. */
  readonly externalNetwork: string;
  /** Tags put on every resource, to find what Berth owns. */
  readonly tags: readonly string[];
}

/**
 * The private network a cluster's nodes live on: a network, a subnet with DHCP, and a router whose
 * gateway is on the external network, so that nodes reach package mirrors and the registry.
 */
export class ClusterNetwork extends Construct {
  public readonly network: NetworkingNetworkV2;
  public readonly subnet: NetworkingSubnetV2;
  public readonly router: NetworkingRouterV2;
  /** The external network, looked up by name at plan time. */
  public readonly externalNetwork: DataOpenstackNetworkingNetworkV2;

  constructor(scope: Construct, id: string, props: ClusterNetworkProps) {
    super(scope, id);
    const tags = [...props.tags];

    this.externalNetwork = new DataOpenstackNetworkingNetworkV2(this, 'external', {
      name: props.externalNetwork,
      external: true,
    });

    this.network = new NetworkingNetworkV2(this, 'network', {
      name: `${props.namePrefix}-net`,
      adminStateUp: true,
      tags,
    });

    this.subnet = new NetworkingSubnetV2(this, 'subnet', {
      name: `${props.namePrefix}-nodes`,
      networkId: this.network.id,
      cidr: props.nodeCidr.toString(),
      ipVersion: 4,
      gatewayIp: props.nodeCidr.host(1),
      enableDhcp: true,
      dnsNameservers: [...props.dnsNameservers],
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
      subnetId: this.subnet.id,
    });
  }
}
