import { ResolvedLoadBalancing } from '../../../config';
import { IngressNodePorts } from '../../cluster/cluster-ports';

/** OpenStack access for the in-cluster cloud controller, Cinder CSI and the registry's Swift driver. */
export interface ClusterOpenStackAccess {
  /** Keystone v3 URL. */
  readonly authUrl: string;
  readonly region: string;
  /** Application credential restricted to what the cluster needs. */
  readonly applicationCredentialId: string;
  /** Its secret (sensitive). */
  readonly applicationCredentialSecret: string;
  /** The node network and subnet (load balancers for Services go here). */
  readonly networkId: string;
  readonly subnetId: string;
  /** The external network floating IPs come from. */
  readonly floatingNetworkId: string;
  /** Octavia provider and algorithm for the load balancers of `LoadBalancer` Services. */
  readonly loadBalancing: ResolvedLoadBalancing;
  /** PEM of the private CA of the cloud's endpoints (plain text from the config). @default public CAs */
  readonly caCertificatePem?: string;
}

/**
 * What the cluster stack hands to the add-ons (cross-stack references resolved at deploy time): the part
 * of the stacks' `ClusterEndpoints` an add-on may read.
 */
export interface AddonClusterAccess {
  /**
   * Floating IP address of the ingress entry: an Octavia load balancer (TCP 80/443, the only ports open
   * to the world) in front of every minion on the NodePorts in `ingressNodePorts`.
   */
  readonly ingressAddress: string;
  /** NodePorts the gateway's Service must use: the ingress load balancer forwards 80, 443 and 8443 to them. */
  readonly ingressNodePorts: IngressNodePorts;
  /**
   * The platform CA (tls provider, in the cluster stack so that every node's containerd trusts it for the
   * private registry from first boot): cert-manager's internal CA ClusterIssuer signs with it.
   */
  readonly platformCaCertificatePem: string;
  /** Private key of the platform CA (sensitive). */
  readonly platformCaPrivateKeyPem: string;
  /** OpenStack facts the in-cluster cloud integration needs. */
  readonly openstack: ClusterOpenStackAccess;
}
