import { Construct } from 'constructs';
import { LOAD_BALANCER_PROVIDERS, ResolvedCloud, ResolvedCluster } from '../config';
import { nodeNamePrefix } from '../config/platform-names';
import { NetworkingFloatingipV2 } from '../.gen/providers/openstack/networking-floatingip-v2';
import { ClusterNetwork } from '../constructs/cluster/cluster-network';
import { CLUSTER_PORTS } from '../constructs/cluster/cluster-ports';
import { serverName } from '../constructs/cluster/node-names';
import { TcpLoadBalancer } from '../constructs/cluster/tcp-load-balancer';

/** First host number of the masters' fixed addresses in the node subnet (`.10`, `.11`, ...). */
export const FIRST_MASTER_HOST = 10;

export interface ClusterApiEndpointProps {
  readonly platformName: string;
  /** Prefix of the cluster's OpenStack resource names. */
  readonly namePrefix: string;
  readonly cloud: ResolvedCloud;
  readonly cluster: ResolvedCluster;
  readonly network: ClusterNetwork;
  readonly tags: string[];
}

/** Where the Kubernetes API is reached: the masters' fixed addresses, its load balancer and floating IP. */
export interface ClusterApiEndpoint {
  /** Fixed addresses of the masters, in order. */
  readonly masterIps: string[];
  readonly apiPort: number;
  /** The API load balancer (undefined in single-master mode without one). */
  readonly apiLoadBalancer?: TcpLoadBalancer;
  /** The floating IP the world reaches the API on. */
  readonly apiPublicAddress: string;
  /** The in-cluster endpoint: the load balancer's VIP, or the first master. */
  readonly apiInternalAddress: string;
  readonly apiDnsName: string;
}

/**
 * Adds the API's addresses to `scope` (the cluster-infra stack, whose construct IDs are Terraform addresses):
 * masters get fixed ones; the load balancer's VIP is the in-cluster endpoint; without a load balancer the
 * floating IP goes to the first master (see `addClusterNodes`).
 */
export function addClusterApiEndpoint(scope: Construct, props: ClusterApiEndpointProps): ClusterApiEndpoint {
  const { cloud, cluster, namePrefix, tags } = props;
  const loadBalancing = cloud.loadBalancing;
  const lbTraits = LOAD_BALANCER_PROVIDERS[loadBalancing.provider];
  const masterIps = Array.from({ length: cluster.masters.count }, (_, i) =>
    cluster.nodeCidr.host(FIRST_MASTER_HOST + i),
  );
  const apiPort = CLUSTER_PORTS.apiServer.from;
  let apiLoadBalancer: TcpLoadBalancer | undefined;
  if (cluster.apiLoadBalancer) {
    apiLoadBalancer = new TcpLoadBalancer(scope, 'api-lb', {
      name: `${namePrefix}-api`,
      loadBalancing,
      subnetId: props.network.subnetId,
      floatingIpPool: cloud.externalNetwork,
      forwards: [
        {
          name: 'api',
          port: apiPort,
          memberPort: apiPort,
          // amphora connects to the masters from its own port: the listener admits the admin networks
          // and the nodes. OVN keeps the client address: the masters' group admits exactly those.
          allowedCidrs: lbTraits.allowedCidrs ? [...cloud.adminCidrs, cluster.nodeCidr] : undefined,
        },
      ],
      members: masterIps.map((address, i) => ({
        name: serverName(nodeNamePrefix(props.platformName, cluster.name, 'master'), i),
        address,
      })),
      tags,
    });
  }
  const apiFloatingIp =
    apiLoadBalancer?.floatingIp ??
    new NetworkingFloatingipV2(scope, 'api-floating-ip', {
      pool: cloud.externalNetwork,
      description: `${namePrefix}-api (Berth)`,
      tags,
    });
  return {
    masterIps,
    apiPort,
    apiLoadBalancer,
    apiPublicAddress: apiFloatingIp.address,
    apiInternalAddress: apiLoadBalancer?.vipAddress ?? masterIps[0],
    apiDnsName: `api.${cluster.domain}`,
  };
}
