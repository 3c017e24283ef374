import { Construct } from 'constructs';
import { k8s } from 'cdk8s-plus-33';
import { Cidr } from '../../../config';
import { MANAGED_BY_BERTH_LABEL } from '../../../config/platform-names';
import { PortRange } from '../../cluster/cluster-ports';
import { KubernetesObject } from './kubernetes-object';
import { FlowPeer, OPEN_EGRESS, PeerKind, PlatformFlow } from './platform-flows';

/** Link-local addresses, the OpenStack metadata service among them: never "outside". */
const LINK_LOCAL = Cidr.of('169.254.0.0/16');
const EVERYWHERE = Cidr.of('0.0.0.0/0');

/** Name of the policy that isolates every pod of a platform namespace. */
export const DEFAULT_DENY_POLICY = 'default-deny';

/** Names of the policies a flow becomes. */
export const flowPolicyName = (flow: PlatformFlow, direction: 'in' | 'out') =>
  `allow-${direction}-${flow.id}`;

export interface NetworkAddresses {
  readonly nodeCidr: Cidr;
  readonly podCidr: Cidr;
  readonly adminCidrs: readonly Cidr[];
}

export interface PlatformNetworkPoliciesProps extends NetworkAddresses {
  /** Platform namespaces that exist (Berth's own and those add-ons declare): each gets a default deny. */
  readonly namespaces: readonly string[];
  /** The allowed flows (`platformFlows`). */
  readonly flows: readonly PlatformFlow[];
}

/**
 * Isolation of the platform namespaces: a default deny in each (ingress always; egress too unless
 * `OPEN_EGRESS` says why not) and, for each flow of `platformFlows`, an ingress allow in the
 * destination's namespace and an egress allow in the source's. Enforced by kube-network-policies
 * (flannel's `netpol`). Traffic from a pod's own node (kubelet probes) is always allowed by
 * Kubernetes' NetworkPolicy semantics; pods with host networking are not subject to policies.
 * The policies are applied by the `<cluster>-platform-objects` stack, after every namespace exists.
 */
export class PlatformNetworkPolicies extends Construct {
  public readonly policies: readonly KubernetesObject[];
  public readonly flows: readonly PlatformFlow[];

  constructor(scope: Construct, id: string, props: PlatformNetworkPoliciesProps) {
    super(scope, id);
    this.flows = props.flows;
    this.policies = platformNetworkPolicies(props);
  }
}

/** The NetworkPolicy objects, in a stable order: per namespace its default deny, then the flows. */
export function platformNetworkPolicies(
  props: Omit<PlatformNetworkPoliciesProps, 'dependsOn'>,
): KubernetesObject[] {
  const covered = new Set<string>(props.namespaces);
  const egressEnforced = (ns: string) => covered.has(ns) && OPEN_EGRESS[ns] === undefined;
  const labels = {
    ...MANAGED_BY_BERTH_LABEL,
    'app.kubernetes.io/part-of': 'platform-isolation',
  };
  const policies: KubernetesObject[] = [];
  for (const namespace of props.namespaces) {
    policies.push(
      k8s.KubeNetworkPolicy.manifest({
        metadata: { name: DEFAULT_DENY_POLICY, namespace, labels },
        spec: {
          podSelector: {},
          policyTypes: egressEnforced(namespace) ? ['Ingress', 'Egress'] : ['Ingress'],
        },
      }),
    );
  }
  for (const flow of props.flows) {
    const ports = flow.ports?.map(policyPort);
    const meta = (name: string, namespace: string) => ({
      name,
      namespace,
      labels,
      annotations: { 'berth.dev/purpose': flow.purpose },
    });
    if (
      flow.to.kind === PeerKind.PODS &&
      covered.has(flow.to.namespace) &&
      !admittedByAnySource(flow, props.flows)
    ) {
      policies.push(
        k8s.KubeNetworkPolicy.manifest({
          metadata: meta(flowPolicyName(flow, 'in'), flow.to.namespace),
          spec: {
            podSelector: selector(flow.to.labels),
            policyTypes: ['Ingress'],
            ingress: [{ from: policyPeers(flow.from, props), ports }],
          },
        }),
      );
    }
    if (flow.from.kind === PeerKind.PODS && egressEnforced(flow.from.namespace)) {
      policies.push(
        k8s.KubeNetworkPolicy.manifest({
          metadata: meta(flowPolicyName(flow, 'out'), flow.from.namespace),
          spec: {
            podSelector: selector(flow.from.labels),
            policyTypes: ['Egress'],
            egress: [{ to: policyPeers(flow.to, props), ports }],
          },
        }),
      );
    }
  }
  return policies;
}

/** A flow whose destination another flow already opens to any source on the same ports needs no ingress allow. */
function admittedByAnySource(flow: PlatformFlow, flows: readonly PlatformFlow[]): boolean {
  const key = (f: PlatformFlow) => JSON.stringify([f.to, (f.ports ?? []).map(String).sort()]);
  return (
    flow.from.kind !== PeerKind.ANY_SOURCE &&
    flows.some((other) => other.from.kind === PeerKind.ANY_SOURCE && key(other) === key(flow))
  );
}

function selector(labels: Readonly<Record<string, string>> | undefined): k8s.LabelSelector {
  return labels ? { matchLabels: { ...labels } } : {};
}

function policyPort(port: PortRange): k8s.NetworkPolicyPort {
  return {
    protocol: port.protocol.toUpperCase(),
    port: k8s.IntOrString.fromNumber(port.from),
    endPort: port.to === port.from ? undefined : port.to,
  };
}

/** An IP block, minus the ranges of `except` that lie inside it. */
function ipBlock(cidr: Cidr, except: readonly Cidr[]): k8s.NetworkPolicyPeer {
  const inside = except.filter((e) => cidr.contains(e) && e.toString() !== cidr.toString());
  return { ipBlock: { cidr: cidr.toString(), except: inside.length ? inside.map(String) : undefined } };
}

/** The peers of a flow's other end; `undefined` means any source or destination. */
function policyPeers(peer: FlowPeer, addresses: NetworkAddresses): k8s.NetworkPolicyPeer[] | undefined {
  switch (peer.kind) {
    case PeerKind.PODS:
      return [
        {
          namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': peer.namespace } },
          podSelector: selector(peer.labels),
        },
      ];
    case PeerKind.ANY_POD:
      return [{ namespaceSelector: {} }];
    case PeerKind.NODES:
      return [ipBlock(addresses.nodeCidr, [])];
    case PeerKind.ADMIN_NETWORKS:
      // An admin range inside the pod network would admit pods: leave it out.
      return addresses.adminCidrs
        .filter((cidr) => !addresses.podCidr.contains(cidr))
        .map((cidr) => ipBlock(cidr, [addresses.podCidr]));
    case PeerKind.OUTSIDE:
      return [ipBlock(EVERYWHERE, [addresses.podCidr, addresses.nodeCidr, LINK_LOCAL])];
    case PeerKind.ANY_SOURCE:
      return undefined;
  }
}
