import { PlatformNamespace } from '../../../config/platform-names';
import { CLUSTER_PORTS, PortRange } from '../../cluster/cluster-ports';

/**
 * Who talks to whom inside the platform, on which ports: what the platform namespaces' network policies
 * are derived from (constructs/addons/core/platform-network-policies.ts), in the way the cluster's
 * security groups are derived from `clusterFlows`. Each add-on declares its own flows
 * (`AddonDefinition.flows`, next to its construct); name resolution for every namespace is here. Ports
 * are the pods' own (NetworkPolicies see traffic after Service translation). Ports of third-party charts
 * are those of the pinned versions.
 */

/** Labels selecting pods. */
export type PodLabels = Readonly<Record<string, string>>;

/** What a flow comes from or goes to. */
export enum PeerKind {
  /** Pods of one platform namespace (all of them, or those with given labels). */
  PODS = 'pods',
  /** Any pod in any namespace (the Gateway's backends: apps live in namespaces the platform does not list). */
  ANY_POD = 'any-pod',
  /** The node subnet: nodes' own processes (API server) and the load balancers' member-side addresses. */
  NODES = 'nodes',
  /** `cloud.adminCidrs`, without the pod network. */
  ADMIN_NETWORKS = 'admin-networks',
  /** Everything outside the cluster: not the pod network, the node subnet or link-local (metadata service). */
  OUTSIDE = 'outside',
  /**
   * Any source. Only for ports the API server calls back (admission webhooks, aggregated APIs): its
   * address is a node's, or that node's flannel address inside the pod network, so no narrower peer holds.
   */
  ANY_SOURCE = 'any-source',
}

export interface PodsPeer {
  readonly kind: PeerKind.PODS;
  /** A platform namespace: Berth's own (`PlatformNamespace`) or one an add-on declares. */
  readonly namespace: string;
  /** Short name for humans and policy names. */
  readonly name: string;
  /** @default every pod of the namespace */
  readonly labels?: PodLabels;
}

export type FlowPeer = PodsPeer | { readonly kind: Exclude<PeerKind, PeerKind.PODS> };

/** One allowed flow. Each becomes an ingress allow in the destination's namespace and an egress allow in the source's. */
export interface PlatformFlow {
  /** kebab-case; names the policies, `allow-<id>`. */
  readonly id: string;
  readonly from: FlowPeer;
  readonly to: FlowPeer;
  /** @default every port */
  readonly ports?: readonly PortRange[];
  readonly purpose: string;
}

/**
 * Platform namespaces whose egress stays open, and why; every other platform namespace denies egress
 * except its flows.
 */
export const OPEN_EGRESS: Readonly<Partial<Record<string, string>>> = {
  [PlatformNamespace.KUBE_SYSTEM]:
    'CoreDNS forwards to the configured upstream resolvers and the cloud controller and Cinder CSI call the ' +
    'OpenStack APIs; their addresses are outside the platform model',
  [PlatformNamespace.MONITORING]:
    'Prometheus scrapes pods in every namespace and every node, and Alertmanager sends to any configured ' +
    'receiver (webhook, SMTP): an allow list would allow everything',
};

/** Some pods of a platform namespace, by labels (`name` names them in policies). */
export const pods = (namespace: string, name: string, labels?: PodLabels): PodsPeer => ({
  kind: PeerKind.PODS,
  namespace,
  name,
  labels,
});
/** Every pod of a namespace. */
export const namespacePods = (namespace: string): PodsPeer => pods(namespace, namespace);
/** A peer that is not pods of a platform namespace. */
export const peer = (kind: Exclude<PeerKind, PeerKind.PODS>): FlowPeer => ({ kind });

/** kubeadm's CoreDNS (Berth configures it, kubeadm runs it). */
export const COREDNS_PODS = pods(PlatformNamespace.KUBE_SYSTEM, 'coredns', { 'k8s-app': 'kube-dns' });
/** CoreDNS's Prometheus port. */
export const COREDNS_METRICS_PORT = 9153;

/** A TCP port. */
export const tcp = (port: number) => PortRange.tcp(port);
/** Cluster DNS (CoreDNS) answers on port 53, over UDP and TCP. */
export const DNS_PORTS: readonly PortRange[] = [PortRange.udp(53), PortRange.tcp(53)];

/**
 * `<id>-api`: pods reach the Kubernetes API server (the `kubernetes` Service translates to the masters'
 * 6443 in the node subnet).
 */
export function apiServerFlow(id: string, from: PodsPeer): PlatformFlow {
  return {
    id: `${id}-api`,
    from,
    to: peer(PeerKind.NODES),
    ports: [CLUSTER_PORTS.apiServer],
    purpose: `${from.name} reads and writes the Kubernetes API`,
  };
}

export interface PlatformFlowsProps {
  /** Platform namespaces that exist (get policies): egress DNS flows are derived for each. */
  readonly namespaces: readonly string[];
  /** The flows the enabled add-ons declare, in installation order. */
  readonly addonFlows: readonly PlatformFlow[];
}

/** Every flow of the platform: name resolution for every pod and namespace, then the add-ons' flows. */
export function platformFlows(props: PlatformFlowsProps): PlatformFlow[] {
  const flows: PlatformFlow[] = [
    {
      id: 'dns',
      from: peer(PeerKind.ANY_SOURCE),
      to: COREDNS_PODS,
      ports: DNS_PORTS,
      purpose: 'name resolution for every pod and node',
    },
  ];
  for (const namespace of props.namespaces.filter((ns) => OPEN_EGRESS[ns] === undefined)) {
    flows.push({
      id: `dns-${namespace}`,
      from: namespacePods(namespace),
      to: COREDNS_PODS,
      ports: DNS_PORTS,
      purpose: `name resolution for ${namespace}`,
    });
  }
  return [...flows, ...props.addonFlows];
}
