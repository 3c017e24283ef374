import { ApiObject, ApiObjectMetadata } from 'cdk8s';
import { Construct } from 'constructs';

/** A Gateway (listener) an HTTPRoute attaches to. */
export interface WorkloadHttpRouteParentRef {
  readonly name: string;
  readonly namespace: string;
  /** Listener name on the Gateway. */
  readonly sectionName?: string;
}

/** A Service the route sends traffic to. */
export interface WorkloadHttpRouteBackendRef {
  readonly name: string;
  readonly port: number;
}

export interface WorkloadHttpRouteRule {
  readonly matches?: readonly {
    readonly path: { readonly type: 'PathPrefix' | 'Exact'; readonly value: string };
  }[];
  readonly backendRefs: readonly WorkloadHttpRouteBackendRef[];
}

export interface WorkloadHttpRouteSpec {
  readonly parentRefs: readonly WorkloadHttpRouteParentRef[];
  readonly hostnames: readonly string[];
  readonly rules: readonly WorkloadHttpRouteRule[];
}

export interface WorkloadHttpRouteProps {
  readonly metadata: ApiObjectMetadata;
  readonly spec: WorkloadHttpRouteSpec;
}

/**
 * Gateway API `HTTPRoute` (gateway.networking.k8s.io/v1), the standard way to publish HTTP, as a cdk8s object
 * in an environment chart. (Add-ons write theirs as plain data: `HttpRouteManifest`.)
 */
export class WorkloadHttpRoute extends ApiObject {
  public static readonly API_VERSION = 'gateway.networking.k8s.io/v1';
  public static readonly KIND = 'HTTPRoute';

  constructor(scope: Construct, id: string, props: WorkloadHttpRouteProps) {
    super(scope, id, { apiVersion: WorkloadHttpRoute.API_VERSION, kind: WorkloadHttpRoute.KIND, ...props });
  }
}
