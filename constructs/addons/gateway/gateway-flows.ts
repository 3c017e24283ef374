import { MANAGEMENT_PORT, PlatformNamespace, SHARED_GATEWAY } from '../../../config/platform-names';
import { CLUSTER_PORTS } from '../../cluster/cluster-ports';
import {
  PeerKind,
  PlatformFlow,
  apiServerFlow,
  namespacePods,
  peer,
  pods,
  tcp,
} from '../core/platform-flows';
import { OWNING_GATEWAY_LABEL } from './envoy-proxy';

/** The shared Gateway's Envoy proxies. */
export const ENVOY_PROXIES = pods(PlatformNamespace.ENVOY_GATEWAY, 'envoy', {
  [OWNING_GATEWAY_LABEL]: SHARED_GATEWAY.name,
});
/** Envoy Gateway's controller (chart gateway-helm: `control-plane: envoy-gateway`). */
const ENVOY_CONTROLLER = pods(PlatformNamespace.ENVOY_GATEWAY, 'envoy-gateway', {
  'control-plane': 'envoy-gateway',
});

/**
 * Container port of an Envoy proxy for a Gateway listener port: Envoy Gateway adds 10000 to ports below
 * 1024 so that the proxy needs no capability (internal/gatewayapi/listener.go, v1.9).
 */
export function envoyContainerPort(listenerPort: number): number {
  return listenerPort < 1024 ? listenerPort + 10000 : listenerPort;
}
/** Envoy Gateway's xDS server (controller), the proxies' stats port and the topology webhook (v1.9). */
const ENVOY_XDS_PORT = 18000;
export const ENVOY_STATS_PORT = 19001;
const ENVOY_GATEWAY_WEBHOOK_PORT = 9443;

/** The flows of the shared Gateway: public and management listeners, its controller, its backends. */
export function gatewayFlows(): PlatformFlow[] {
  return [
    {
      id: 'gateway-public',
      from: peer(PeerKind.ANY_SOURCE),
      to: ENVOY_PROXIES,
      ports: [CLUSTER_PORTS.http, CLUSTER_PORTS.https].map((p) => tcp(envoyContainerPort(p.from))),
      purpose: 'HTTP and HTTPS from the world, through the ingress load balancer',
    },
    {
      id: 'gateway-management-lb',
      from: peer(PeerKind.NODES),
      to: ENVOY_PROXIES,
      ports: [tcp(envoyContainerPort(MANAGEMENT_PORT))],
      purpose:
        'management listener through the ingress load balancer (member-side address in the node subnet)',
    },
    {
      id: 'gateway-management-admins',
      from: peer(PeerKind.ADMIN_NETWORKS),
      to: ENVOY_PROXIES,
      ports: [tcp(envoyContainerPort(MANAGEMENT_PORT))],
      purpose: 'management listener from admin networks (load balancers that keep the client address)',
    },
    {
      id: 'gateway-xds',
      from: ENVOY_PROXIES,
      to: ENVOY_CONTROLLER,
      ports: [tcp(ENVOY_XDS_PORT)],
      purpose: 'the proxies fetch their configuration from Envoy Gateway',
    },
    {
      id: 'gateway-webhook',
      from: peer(PeerKind.ANY_SOURCE),
      to: ENVOY_CONTROLLER,
      ports: [tcp(ENVOY_GATEWAY_WEBHOOK_PORT)],
      purpose: "the API server calls Envoy Gateway's topology-injector webhook",
    },
    {
      id: 'gateway-backends',
      from: ENVOY_PROXIES,
      to: peer(PeerKind.ANY_POD),
      purpose: 'the proxies forward requests to the routes’ backends, in any namespace',
    },
    apiServerFlow('envoy-gateway', namespacePods(PlatformNamespace.ENVOY_GATEWAY)),
  ];
}
