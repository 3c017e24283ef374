import { AddonName } from '../../../config';
import { MANAGEMENT_PORT, PlatformNamespace, SHARED_GATEWAY } from '../../../config/platform-names';
import { CLUSTER_PORTS, PortRange } from '../../cluster/cluster-ports';
import { OWNING_GATEWAY_LABEL } from '../gateway/gateway';
import { LOKI_PORT } from '../logging/logging';
import { REGISTRY_PORT, REGISTRY_SERVER_LABELS } from '../registry/registry';
import { TOKEN_SERVER_LABELS, TOKEN_SERVER_PORT } from '../registry/registry-token-server';

/**
 * Who talks to whom inside the platform, on which ports: the one place the platform namespaces' network
 * policies are derived from (constructs/addons/core/platform-network-policies.ts), in the way the cluster's
 * security groups are derived from `clusterFlows`. Ports are the pods' own (NetworkPolicies see
 * traffic after Service translation). Ports of third-party charts are those of the pinned versions.
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
  readonly namespace: PlatformNamespace;
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
export const OPEN_EGRESS: Readonly<Partial<Record<PlatformNamespace, string>>> = {
  [PlatformNamespace.KUBE_SYSTEM]:
    'CoreDNS forwards to the configured upstream resolvers and the cloud controller and Cinder CSI call the ' +
    'OpenStack APIs; their addresses are outside the platform model',
  [PlatformNamespace.MONITORING]:
    'Prometheus scrapes pods in every namespace and every node, and Alertmanager sends to any configured ' +
    'receiver (webhook, SMTP): an allow list would allow everything',
};

const pods = (namespace: PlatformNamespace, name: string, labels?: PodLabels): PodsPeer => ({
  kind: PeerKind.PODS,
  namespace,
  name,
  labels,
});
/** Every pod of a namespace. */
export const namespacePods = (namespace: PlatformNamespace): PodsPeer => pods(namespace, namespace);
const peer = (kind: Exclude<PeerKind, PeerKind.PODS>) => ({ kind });

const NS = PlatformNamespace;
/** kubeadm's CoreDNS (Berth configures it, kubeadm runs it). */
export const COREDNS_PODS = pods(NS.KUBE_SYSTEM, 'coredns', { 'k8s-app': 'kube-dns' });
const METRICS_SERVER = pods(NS.KUBE_SYSTEM, 'metrics-server', { 'app.kubernetes.io/name': 'metrics-server' });
const ENVOY_PROXIES = pods(NS.ENVOY_GATEWAY, 'envoy', { [OWNING_GATEWAY_LABEL]: SHARED_GATEWAY.name });
/** Envoy Gateway's controller (chart gateway-helm: `control-plane: envoy-gateway`). */
const ENVOY_CONTROLLER = pods(NS.ENVOY_GATEWAY, 'envoy-gateway', { 'control-plane': 'envoy-gateway' });
const GRAFANA = pods(NS.MONITORING, 'grafana', { 'app.kubernetes.io/name': 'grafana' });
/** Prometheus pods (the operator labels them `app.kubernetes.io/name: prometheus`). */
const PROMETHEUS = pods(NS.MONITORING, 'prometheus', { 'app.kubernetes.io/name': 'prometheus' });
const LOKI = pods(NS.LOGGING, 'loki', { 'app.kubernetes.io/name': 'loki' });
const FLUENT_BIT = pods(NS.LOGGING, 'fluent-bit', { 'app.kubernetes.io/name': 'fluent-bit' });
const HEADLAMP = pods(NS.CONSOLE, 'headlamp', { 'app.kubernetes.io/name': 'headlamp' });
const REGISTRY = pods(NS.REGISTRY, 'registry', REGISTRY_SERVER_LABELS);
const TOKEN_SERVER = pods(NS.REGISTRY, 'registry-token-server', TOKEN_SERVER_LABELS);

const tcp = (port: number) => PortRange.tcp(port);
const DNS_PORTS = [PortRange.udp(53), PortRange.tcp(53)];
/** The API server, as pods reach it: the `kubernetes` Service translates to the masters' 6443. */
const API_SERVER = { to: peer(PeerKind.NODES), ports: [CLUSTER_PORTS.apiServer] } as const;

/**
 * Container port of an Envoy proxy for a Gateway listener port: Envoy Gateway adds 10000 to ports below
 * 1024 so that the proxy needs no capability (internal/gatewayapi/listener.go, v1.9).
 */
export function envoyContainerPort(listenerPort: number): number {
  return listenerPort < 1024 ? listenerPort + 10000 : listenerPort;
}
/** Envoy Gateway's xDS server (controller), the proxies' stats port and the topology webhook (v1.9). */
const ENVOY_XDS_PORT = 18000;
const ENVOY_STATS_PORT = 19001;
const ENVOY_GATEWAY_WEBHOOK_PORT = 9443;
/** The admission webhooks' and aggregated APIs' ports of the pinned charts. */
const CERT_MANAGER_WEBHOOK_PORT = 10250;
const PROMETHEUS_OPERATOR_WEBHOOK_PORT = 10250;
const METRICS_SERVER_PORT = 10250;
const COREDNS_METRICS_PORT = 9153;
const HEADLAMP_PORT = 4466;
const GRAFANA_PORT = 3000;

export interface PlatformFlowsProps {
  /** The enabled add-ons. */
  readonly addons: ReadonlySet<AddonName>;
  /** Platform namespaces that exist (get policies): egress DNS flows are derived for each. */
  readonly namespaces: readonly PlatformNamespace[];
  /** cert-manager solves ACME challenges (reaches the ACME server). */
  readonly acme: boolean;
}

/** Every flow the enabled add-ons need. */
export function platformFlows(props: PlatformFlowsProps): PlatformFlow[] {
  const on = (addon: AddonName) => props.addons.has(addon);
  const flows: PlatformFlow[] = [];
  const flow = (f: PlatformFlow) => flows.push(f);
  const api = (id: string, from: PodsPeer) =>
    flow({
      id: `${id}-api`,
      from,
      ...API_SERVER,
      purpose: `${from.name} reads and writes the Kubernetes API`,
    });

  flow({
    id: 'dns',
    from: peer(PeerKind.ANY_SOURCE),
    to: COREDNS_PODS,
    ports: DNS_PORTS,
    purpose: 'name resolution for every pod and node',
  });
  for (const namespace of props.namespaces.filter((ns) => OPEN_EGRESS[ns] === undefined)) {
    flow({
      id: `dns-${namespace}`,
      from: namespacePods(namespace),
      to: COREDNS_PODS,
      ports: DNS_PORTS,
      purpose: `name resolution for ${namespace}`,
    });
  }
  if (on(AddonName.METRICS_SERVER)) {
    flow({
      id: 'metrics-server',
      from: peer(PeerKind.ANY_SOURCE),
      to: METRICS_SERVER,
      ports: [tcp(METRICS_SERVER_PORT)],
      purpose: 'the API server serves metrics.k8s.io from metrics-server',
    });
  }

  if (on(AddonName.GATEWAY)) {
    flow({
      id: 'gateway-public',
      from: peer(PeerKind.ANY_SOURCE),
      to: ENVOY_PROXIES,
      ports: [CLUSTER_PORTS.http, CLUSTER_PORTS.https].map((p) => tcp(envoyContainerPort(p.from))),
      purpose: 'HTTP and HTTPS from the world, through the ingress load balancer',
    });
    flow({
      id: 'gateway-management-lb',
      from: peer(PeerKind.NODES),
      to: ENVOY_PROXIES,
      ports: [tcp(envoyContainerPort(MANAGEMENT_PORT))],
      purpose:
        'management listener through the ingress load balancer (member-side address in the node subnet)',
    });
    flow({
      id: 'gateway-management-admins',
      from: peer(PeerKind.ADMIN_NETWORKS),
      to: ENVOY_PROXIES,
      ports: [tcp(envoyContainerPort(MANAGEMENT_PORT))],
      purpose: 'management listener from admin networks (load balancers that keep the client address)',
    });
    flow({
      id: 'gateway-xds',
      from: ENVOY_PROXIES,
      to: ENVOY_CONTROLLER,
      ports: [tcp(ENVOY_XDS_PORT)],
      purpose: 'the proxies fetch their configuration from Envoy Gateway',
    });
    flow({
      id: 'gateway-webhook',
      from: peer(PeerKind.ANY_SOURCE),
      to: ENVOY_CONTROLLER,
      ports: [tcp(ENVOY_GATEWAY_WEBHOOK_PORT)],
      purpose: "the API server calls Envoy Gateway's topology-injector webhook",
    });
    flow({
      id: 'gateway-backends',
      from: ENVOY_PROXIES,
      to: peer(PeerKind.ANY_POD),
      purpose: 'the proxies forward requests to the routes’ backends, in any namespace',
    });
    api('envoy-gateway', namespacePods(NS.ENVOY_GATEWAY));
  }

  if (on(AddonName.CERT_MANAGER)) {
    flow({
      id: 'cert-manager-webhook',
      from: peer(PeerKind.ANY_SOURCE),
      to: namespacePods(NS.CERT_MANAGER),
      ports: [tcp(CERT_MANAGER_WEBHOOK_PORT)],
      purpose: "the API server calls cert-manager's webhook",
    });
    api('cert-manager', namespacePods(NS.CERT_MANAGER));
    if (props.acme) {
      flow({
        id: 'cert-manager-acme',
        from: namespacePods(NS.CERT_MANAGER),
        to: peer(PeerKind.OUTSIDE),
        ports: [CLUSTER_PORTS.http, CLUSTER_PORTS.https],
        purpose: 'the ACME server, and the HTTP-01 self-check through the public address',
      });
    }
  }

  if (on(AddonName.REGISTRY) && on(AddonName.GATEWAY)) {
    flow({
      id: 'registry-from-gateway',
      from: ENVOY_PROXIES,
      to: REGISTRY,
      ports: [tcp(REGISTRY_PORT)],
      purpose: 'pulls and pushes through the shared Gateway',
    });
    flow({
      id: 'registry-token-from-gateway',
      from: ENVOY_PROXIES,
      to: TOKEN_SERVER,
      ports: [tcp(TOKEN_SERVER_PORT)],
      purpose: 'clients fetch registry tokens through the shared Gateway',
    });
  }

  if (on(AddonName.CONSOLE)) {
    if (on(AddonName.GATEWAY)) {
      flow({
        id: 'console-from-gateway',
        from: ENVOY_PROXIES,
        to: HEADLAMP,
        ports: [tcp(HEADLAMP_PORT)],
        purpose: 'the console through the management listener',
      });
    }
    api('console', HEADLAMP);
  }

  if (on(AddonName.MONITORING)) {
    flow({
      id: 'monitoring-internal',
      from: namespacePods(NS.MONITORING),
      to: namespacePods(NS.MONITORING),
      purpose: 'Prometheus scrapes and alerts, Grafana queries Prometheus',
    });
    flow({
      id: 'monitoring-webhook',
      from: peer(PeerKind.ANY_SOURCE),
      to: namespacePods(NS.MONITORING),
      ports: [tcp(PROMETHEUS_OPERATOR_WEBHOOK_PORT)],
      purpose: "the API server calls the Prometheus operator's admission webhook",
    });
    flow({
      id: 'coredns-metrics',
      from: PROMETHEUS,
      to: COREDNS_PODS,
      ports: [tcp(COREDNS_METRICS_PORT)],
      purpose: 'Prometheus scrapes CoreDNS',
    });
    if (on(AddonName.GATEWAY)) {
      flow({
        id: 'grafana-from-gateway',
        from: ENVOY_PROXIES,
        to: GRAFANA,
        ports: [tcp(GRAFANA_PORT)],
        purpose: 'Grafana through the management listener',
      });
      flow({
        id: 'envoy-metrics',
        from: PROMETHEUS,
        to: ENVOY_PROXIES,
        ports: [tcp(ENVOY_STATS_PORT)],
        purpose: 'Prometheus scrapes the proxies (per-app request counters)',
      });
    }
  }

  if (on(AddonName.LOGGING)) {
    flow({
      id: 'loki-from-fluent-bit',
      from: FLUENT_BIT,
      to: LOKI,
      ports: [tcp(LOKI_PORT)],
      purpose: 'Fluent Bit ships every container log to Loki',
    });
    flow({
      id: 'loki-internal',
      from: LOKI,
      to: LOKI,
      purpose: "Loki's modules reach each other through its own Services (memberlist, gRPC)",
    });
    api('fluent-bit', FLUENT_BIT);
    if (on(AddonName.MONITORING)) {
      flow({
        id: 'loki-from-grafana',
        from: GRAFANA,
        to: LOKI,
        ports: [tcp(LOKI_PORT)],
        purpose: 'Grafana queries logs',
      });
    }
  }
  return flows;
}
