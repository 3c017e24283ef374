import { Construct } from 'constructs';
import { ITerraformDependable } from 'cdktf';
import { AddonName, ResolvedResources } from '../../../config';
import { PlatformAddon } from '../core/addon';
import { AddonNamespace, PodSecurityLevel } from '../core/addon-namespace';
import { certificate } from '../cert-manager/cert-manager';
import { AddonFootprint, WorkloadKind, container, scheduled } from '../core/footprint';
import { GATEWAY_API_VERSION, Gateway, GatewayClass, HttpRouteManifest } from '../core/gateway-api';
import { HelmAddonRelease, HelmChartRef } from '../core/helm-chart';
import { CLUSTER_PORTS, IngressNodePorts } from '../../cluster/cluster-ports';
import { KubernetesObject } from '../core/kubernetes-object';
import {
  GATEWAY_CLASS_NAME,
  PLATFORM_CA_ISSUER_NAME,
  PLATFORM_NAMESPACE_LABEL,
  PlatformNamespace,
  SHARED_GATEWAY,
  WILDCARD_CERTIFICATE_SECRET_NAME,
  appsDomain,
  gatewayCertificateNames,
} from '../../../config/platform-names';
import { KubernetesResources, fixedResources, toKubernetesResources } from '../core/resources';
import { ENVOY_GATEWAY_IMAGES } from './gateway-images';
import { ENVOY_PROXY_NAME, envoyProxy } from './envoy-proxy';

/**
 * Envoy Gateway's chart (with the Gateway API CRDs), published as an OCI artifact. v1.9.0: tag v1.9.0 of
 * envoyproxy/gateway (v1.9.2, pinned before, has no tag or release). docs/decisions/0016-chart-pins.md.
 */
export const ENVOY_GATEWAY_CHART: HelmChartRef = {
  repository: 'oci://docker.io/envoyproxy',
  chart: 'gateway-helm',
  version: 'v1.9.0',
  confirmedAt: 'tag v1.9.0 of envoyproxy/gateway (v1.9.2 was never published)',
  images: ENVOY_GATEWAY_IMAGES,
};

/** The controller name Envoy Gateway answers to. */
export const ENVOY_GATEWAY_CONTROLLER = 'gateway.envoyproxy.io/gatewayclass-controller';

/** Name of the Envoy proxies' container port serving Prometheus metrics (19001, `/stats/prometheus`). */
export const ENVOY_PROXY_METRICS_PORT_NAME = 'metrics';

const RESOURCES = {
  controller: fixedResources('50m', '128Mi', '500m', '256Mi'),
  certgen: fixedResources('10m', '32Mi', '100m', '64Mi'),
  shutdownManager: fixedResources('10m', '16Mi', '50m', '32Mi'),
};

/** Values of Envoy Gateway's chart that Berth sets. */
export interface EnvoyGatewayChartValues {
  readonly deployment: {
    readonly replicas: number;
    readonly envoyGateway: { readonly resources: KubernetesResources };
  };
  readonly certgen: { readonly job: { readonly resources: KubernetesResources } };
}

export interface SharedGatewayProps {
  /** The cluster's domain; the Gateway serves `*.apps.<domain>`. */
  readonly domain: string;
  /**
   * Environments on this cluster: the wildcard certificate also covers `*.<env>.apps.<domain>`, the
   * host names apps get by default.
   * @default none
   */
  readonly environmentNames?: readonly string[];
  /** Floating IP of the ingress load balancer (cluster stack). */
  readonly ingressAddress: string;
  /** NodePorts the ingress load balancer forwards 80, 443 and 8443 to (cluster stack). */
  readonly nodePorts: IngressNodePorts;
  /** Envoy proxy replicas. */
  readonly replicas: number;
  /** Resources of each Envoy proxy. */
  readonly proxyResources: ResolvedResources;
  /** Let routes from any namespace attach to the HTTP listener (ACME HTTP-01 challenges). */
  readonly acmeHttp01: boolean;
  /** What must exist first. @default nothing */
  readonly dependsOn?: readonly ITerraformDependable[];
}

/**
 * Web routing: Envoy Gateway (a maintained Gateway API implementation; the retired NGINX ingress
 * controller is not used), the GatewayClass `envoy`, and the one shared Gateway `apps` with
 *  - an HTTPS listener for `*.apps.<domain>` terminating TLS with a wildcard certificate from the
 *    platform CA, open to routes from every namespace;
 *  - an HTTP listener whose only route redirects to HTTPS;
 *  - a management listener (HTTPS, 8443) for the console and Grafana, to which only routes from platform
 *    namespaces attach; the cluster stack opens 8443 to `cloud.adminCidrs` only (security group and
 *    Octavia's `allowed_cidrs`), and the platform's network policies admit the proxies' 8443 from the
 *    node subnet and the admin networks only, so pods cannot reach it from inside.
 * The proxies' Service is a NodePort Service on the ports the cluster stack's ingress load balancer
 * forwards to (`externalTrafficPolicy: Local`: no second hop, so the proxies see the load balancer's
 * address rather than a node's pod-network address, and Octavia's health check takes nodes without a
 * proxy out), and the Gateway advertises the load balancer's floating IP.
 */
export class SharedGateway extends Construct implements PlatformAddon {
  public readonly addonName = AddonName.GATEWAY;
  public readonly footprint: AddonFootprint;
  public readonly releases: readonly HelmAddonRelease<object>[];
  public readonly ready: readonly ITerraformDependable[];
  public readonly controller: HelmAddonRelease<EnvoyGatewayChartValues>;
  public readonly objects: readonly KubernetesObject[];
  /** DNS names of the wildcard certificate. */
  public readonly certificateDnsNames: readonly string[];

  constructor(scope: Construct, id: string, props: SharedGatewayProps) {
    super(scope, id);
    // Envoy proxies run in the controller's namespace. The controller, its certgen hook and the proxies
    // (Envoy Gateway v1.9.0 shifts listener ports below 1024 by 10000, so no capability is needed) all
    // meet restricted: gateway-pod-security.ts and envoy-proxy-pod-security.ts record them.
    const controllerNamespace = new AddonNamespace(this, 'controller-namespace', {
      name: PlatformNamespace.ENVOY_GATEWAY,
      podSecurity: PodSecurityLevel.RESTRICTED,
    });
    // Only the Gateway, its certificate and the redirect route live here: no pods at all.
    const gatewayNamespace = new AddonNamespace(this, 'gateway-namespace', {
      name: PlatformNamespace.GATEWAY,
      podSecurity: PodSecurityLevel.RESTRICTED,
    });

    this.footprint = {
      addon: this.addonName,
      workloads: [
        scheduled(WorkloadKind.DEPLOYMENT, 'envoy-gateway', 1, [
          container('envoy-gateway', RESOURCES.controller),
        ]),
        scheduled(
          WorkloadKind.DEPLOYMENT,
          `envoy-${SHARED_GATEWAY.namespace}-${SHARED_GATEWAY.name}`,
          props.replicas,
          [
            container('envoy', props.proxyResources),
            container('shutdown-manager', RESOURCES.shutdownManager),
          ],
        ),
      ],
    };

    this.controller = new HelmAddonRelease<EnvoyGatewayChartValues>(this, 'envoy-gateway', {
      chart: ENVOY_GATEWAY_CHART,
      releaseName: 'envoy-gateway',
      namespace: PlatformNamespace.ENVOY_GATEWAY,
      values: {
        deployment: { replicas: 1, envoyGateway: { resources: toKubernetesResources(RESOURCES.controller) } },
        certgen: { job: { resources: toKubernetesResources(RESOURCES.certgen) } },
      },
      dependsOn: [controllerNamespace.namespace, ...(props.dependsOn ?? [])],
    });

    const apps = appsDomain(props.domain);
    this.certificateDnsNames = gatewayCertificateNames(props.domain, props.environmentNames ?? []);
    this.objects = [
      envoyProxy({ ...props, shutdownManagerResources: RESOURCES.shutdownManager }),
      gatewayClass(),
      certificate({
        name: 'apps-wildcard',
        namespace: SHARED_GATEWAY.namespace,
        secretName: WILDCARD_CERTIFICATE_SECRET_NAME,
        dnsNames: this.certificateDnsNames,
        issuer: PLATFORM_CA_ISSUER_NAME,
      }),
      sharedGateway(apps, props),
      httpsRedirect(),
    ];
    this.releases = [this.controller];
    this.ready = [this.controller.release, gatewayNamespace.namespace];
  }
}

function gatewayClass(): GatewayClass {
  return {
    apiVersion: GATEWAY_API_VERSION,
    kind: 'GatewayClass',
    metadata: { name: GATEWAY_CLASS_NAME },
    spec: {
      controllerName: ENVOY_GATEWAY_CONTROLLER,
      parametersRef: {
        group: 'gateway.envoyproxy.io',
        kind: 'EnvoyProxy',
        name: ENVOY_PROXY_NAME,
        namespace: PlatformNamespace.ENVOY_GATEWAY,
      },
    },
  };
}

function sharedGateway(apps: string, props: SharedGatewayProps): Gateway {
  return {
    apiVersion: GATEWAY_API_VERSION,
    kind: 'Gateway',
    metadata: { name: SHARED_GATEWAY.name, namespace: SHARED_GATEWAY.namespace },
    spec: {
      gatewayClassName: GATEWAY_CLASS_NAME,
      addresses: [{ type: 'IPAddress', value: props.ingressAddress }],
      listeners: [
        {
          name: SHARED_GATEWAY.httpListener,
          protocol: 'HTTP',
          port: CLUSTER_PORTS.http.from,
          hostname: `*.${apps}`,
          // Plain HTTP only redirects; with ACME, cert-manager's challenge routes attach here too.
          allowedRoutes: {
            namespaces: { from: props.acmeHttp01 ? 'All' : 'Same' },
            kinds: [{ kind: 'HTTPRoute' }],
          },
        },
        {
          name: SHARED_GATEWAY.httpsListener,
          protocol: 'HTTPS',
          port: CLUSTER_PORTS.https.from,
          hostname: `*.${apps}`,
          tls: {
            mode: 'Terminate',
            certificateRefs: [{ kind: 'Secret', name: WILDCARD_CERTIFICATE_SECRET_NAME }],
          },
          allowedRoutes: {
            namespaces: { from: 'All' },
            kinds: [{ kind: 'HTTPRoute' }, { kind: 'GRPCRoute' }],
          },
        },
        {
          name: SHARED_GATEWAY.adminListener,
          protocol: 'HTTPS',
          port: CLUSTER_PORTS.adminHttps.from,
          hostname: `*.${apps}`,
          tls: {
            mode: 'Terminate',
            certificateRefs: [{ kind: 'Secret', name: WILDCARD_CERTIFICATE_SECRET_NAME }],
          },
          // Teams cannot label namespaces (`edit` has no rights on Namespace objects).
          allowedRoutes: {
            namespaces: { from: 'Selector', selector: { matchLabels: PLATFORM_NAMESPACE_LABEL } },
            kinds: [{ kind: 'HTTPRoute' }],
          },
        },
      ],
    },
  };
}

function httpsRedirect(): HttpRouteManifest {
  return {
    apiVersion: GATEWAY_API_VERSION,
    kind: 'HTTPRoute',
    metadata: { name: 'https-redirect', namespace: SHARED_GATEWAY.namespace },
    spec: {
      parentRefs: [
        {
          group: 'gateway.networking.k8s.io',
          kind: 'Gateway',
          name: SHARED_GATEWAY.name,
          namespace: SHARED_GATEWAY.namespace,
          sectionName: SHARED_GATEWAY.httpListener,
        },
      ],
      rules: [
        { filters: [{ type: 'RequestRedirect', requestRedirect: { scheme: 'https', statusCode: 301 } }] },
      ],
    },
  };
}
