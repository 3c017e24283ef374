import { ApiObject, ApiObjectMetadata } from 'cdk8s';
import { Construct } from 'constructs';

/** A Gateway (listener) an HTTPRoute attaches to. */
export interface HttpRouteParentRef {
  readonly name: string;
  readonly namespace: string;
  /** Listener name on the Gateway. */
  readonly sectionName?: string;
}

/** A Service the route sends traffic to. */
export interface HttpRouteBackendRef {
  readonly name: string;
  readonly port: number;
}

export interface HttpRouteRule {
  readonly matches?: readonly {
    readonly path: { readonly type: 'PathPrefix' | 'Exact'; readonly value: string };
  }[];
  readonly backendRefs: readonly HttpRouteBackendRef[];
}

export interface HttpRouteSpec {
  readonly parentRefs: readonly HttpRouteParentRef[];
  readonly hostnames: readonly string[];
  readonly rules: readonly HttpRouteRule[];
}

export interface HttpRouteProps {
  readonly metadata: ApiObjectMetadata;
  readonly spec: HttpRouteSpec;
}

/** Gateway API `HTTPRoute` (gateway.networking.k8s.io/v1), the standard way to publish HTTP. */
export class HttpRoute extends ApiObject {
  public static readonly API_VERSION = 'gateway.networking.k8s.io/v1';
  public static readonly KIND = 'HTTPRoute';

  constructor(scope: Construct, id: string, props: HttpRouteProps) {
    super(scope, id, { apiVersion: HttpRoute.API_VERSION, kind: HttpRoute.KIND, ...props });
  }
}
