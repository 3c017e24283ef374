import { KubernetesObject } from './kubernetes-object';
import { SHARED_GATEWAY } from '../../../config/platform-names';

/** API version of the Gateway API kinds Berth writes (standard channel). */
export const GATEWAY_API_VERSION = 'gateway.networking.k8s.io/v1';

/** Where a route attaches: a Gateway listener. */
export interface ParentReference {
  readonly group?: 'gateway.networking.k8s.io';
  readonly kind?: 'Gateway';
  readonly name: string;
  readonly namespace?: string;
  readonly sectionName?: string;
}

export interface BackendReference {
  readonly name: string;
  readonly namespace?: string;
  readonly port: number;
}

export interface HttpRequestRedirectFilter {
  readonly type: 'RequestRedirect';
  readonly requestRedirect: { readonly scheme: 'https'; readonly statusCode: 301 | 302 };
}

export interface HttpRouteRule {
  readonly matches?: readonly {
    readonly path: { readonly type: 'PathPrefix' | 'Exact'; readonly value: string };
  }[];
  readonly filters?: readonly HttpRequestRedirectFilter[];
  readonly backendRefs?: readonly BackendReference[];
  /** Gateway API durations, e.g. `30s`, `1h`. */
  readonly timeouts?: { readonly request?: string; readonly backendRequest?: string };
}

/**
 * An `HTTPRoute` as plain data, for add-ons applied as Kubernetes manifests. Apps' routes are cdk8s objects:
 * `WorkloadHttpRoute` (constructs/workloads/workload-http-route.ts).
 */
export interface HttpRouteManifest extends KubernetesObject {
  readonly kind: 'HTTPRoute';
  readonly spec: {
    readonly parentRefs: readonly ParentReference[];
    readonly hostnames?: readonly string[];
    readonly rules: readonly HttpRouteRule[];
  };
}

export interface GatewayListener {
  readonly name: string;
  readonly protocol: 'HTTP' | 'HTTPS';
  readonly port: number;
  readonly hostname?: string;
  readonly tls?: {
    readonly mode: 'Terminate';
    readonly certificateRefs: readonly { readonly kind?: 'Secret'; readonly name: string }[];
  };
  readonly allowedRoutes: {
    readonly namespaces:
      | { readonly from: 'All' | 'Same' }
      | {
          readonly from: 'Selector';
          readonly selector: { readonly matchLabels: Readonly<Record<string, string>> };
        };
    readonly kinds?: readonly { readonly kind: 'HTTPRoute' | 'GRPCRoute' }[];
  };
}

export interface Gateway extends KubernetesObject {
  readonly kind: 'Gateway';
  readonly spec: {
    readonly gatewayClassName: string;
    readonly addresses?: readonly { readonly type: 'IPAddress' | 'Hostname'; readonly value: string }[];
    readonly listeners: readonly GatewayListener[];
  };
}

export interface GatewayClass extends KubernetesObject {
  readonly kind: 'GatewayClass';
  readonly spec: {
    readonly controllerName: string;
    readonly parametersRef?: {
      readonly group: string;
      readonly kind: string;
      readonly name: string;
      readonly namespace?: string;
    };
  };
}

/** The parentRef of the shared Gateway's HTTPS listener, for every route that serves an app. */
export const SHARED_HTTPS_PARENT: ParentReference = {
  group: 'gateway.networking.k8s.io',
  kind: 'Gateway',
  name: SHARED_GATEWAY.name,
  namespace: SHARED_GATEWAY.namespace,
  sectionName: SHARED_GATEWAY.httpsListener,
};

/** The parentRef of the shared Gateway's management listener (admin networks only). */
export const SHARED_ADMIN_PARENT: ParentReference = {
  ...SHARED_HTTPS_PARENT,
  sectionName: SHARED_GATEWAY.adminListener,
};

/** Who may reach a route of the shared Gateway. */
export enum RouteExposure {
  /** The HTTPS listener on 443, open to the world: apps and the registry. */
  PUBLIC = 'public',
  /** The management listener on 8443, open to `cloud.adminCidrs` only: management UIs. */
  ADMIN_NETWORKS = 'admin-networks',
}

export interface SharedGatewayRouteProps {
  /** Route name (also the Service's usual name). */
  readonly name: string;
  readonly namespace: string;
  /** Host name under `*.apps.<domain>`. */
  readonly hostname: string;
  /** Service and port the route sends traffic to. */
  readonly service: string;
  readonly port: number;
  /**
   * Longest a request may take, Gateway API duration.
   * @default "60s"
   */
  readonly requestTimeout?: string;
  /**
   * Path prefix the route serves.
   * @default "/"
   */
  readonly pathPrefix?: string;
  /**
   * Which listener serves the route.
   * @default RouteExposure.PUBLIC
   */
  readonly exposure?: RouteExposure;
}

/** An HTTPRoute that serves one host name on the shared Gateway's public or management listener. */
export function sharedGatewayRoute(props: SharedGatewayRouteProps): HttpRouteManifest {
  return {
    apiVersion: GATEWAY_API_VERSION,
    kind: 'HTTPRoute',
    metadata: { name: props.name, namespace: props.namespace },
    spec: {
      parentRefs: [
        props.exposure === RouteExposure.ADMIN_NETWORKS ? SHARED_ADMIN_PARENT : SHARED_HTTPS_PARENT,
      ],
      hostnames: [props.hostname],
      rules: [
        {
          matches: [{ path: { type: 'PathPrefix', value: props.pathPrefix ?? '/' } }],
          backendRefs: [{ name: props.service, port: props.port }],
          timeouts: { request: props.requestTimeout ?? '60s' },
        },
      ],
    },
  };
}
