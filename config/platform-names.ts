/**
 * Names other code relies on (the environments' charts, apps, the cluster stack): the one place they are
 * spelled. Import these instead of writing the strings; the platform stack creates each object under
 * exactly this name.
 */

/** Namespaces the platform add-ons occupy; environments may not use them. */
export enum PlatformNamespace {
  /** flannel's DaemonSet. */
  FLANNEL = 'kube-flannel',
  /** Cloud controller, Cinder CSI, CoreDNS, metrics-server. */
  KUBE_SYSTEM = 'kube-system',
  /** Envoy Gateway's controller and the Envoy proxies it runs. */
  ENVOY_GATEWAY = 'envoy-gateway-system',
  /** The shared Gateway and its wildcard certificate. */
  GATEWAY = 'gateway',
  CERT_MANAGER = 'cert-manager',
  REGISTRY = 'registry',
  /** Prometheus, Alertmanager, Grafana, their operator, kube-state-metrics (restricted). */
  MONITORING = 'monitoring',
  /** node-exporter and node-problem-detector, which need the host (privileged). */
  MONITORING_AGENTS = 'monitoring-agents',
  /** Loki (restricted). */
  LOGGING = 'logging',
  /** Fluent Bit, which reads the host's logs (privileged). */
  LOGGING_AGENTS = 'logging-agents',
  CONSOLE = 'console',
}

/** Every namespace Berth's own add-ons use (plus the ones Kubernetes itself owns). */
export const PLATFORM_NAMESPACES: readonly string[] = [
  ...new Set<string>([...Object.values(PlatformNamespace), 'default', 'kube-public', 'kube-node-lease']),
];

/**
 * A namespace a registered add-on declares (`AddonDefinition.namespaces`) beyond Berth's own: the add-on
 * registry hands them to the config loader (`AddonRegistry.namespaces`, `resolvePlatform`'s
 * `addonNamespaces`), which keeps environments out of them.
 */
export interface AddonNamespaceClaim {
  /** The namespace's name. */
  readonly namespace: string;
  /** The add-on that creates it (its key under `addons`). */
  readonly addon: string;
}

/**
 * Namespaces environments may not take: Berth's own and Kubernetes' (`PLATFORM_NAMESPACES`), then those
 * the registered add-ons declare, each once, with the add-on named for humans.
 */
export function reservedNamespaces(
  addonNamespaces: readonly AddonNamespaceClaim[],
): ReadonlyMap<string, string | undefined> {
  const reserved = new Map<string, string | undefined>(PLATFORM_NAMESPACES.map((ns) => [ns, undefined]));
  for (const claim of addonNamespaces) {
    if (!reserved.has(claim.namespace)) reserved.set(claim.namespace, claim.addon);
  }
  return reserved;
}

/** The GatewayClass Envoy Gateway serves. */
export const GATEWAY_CLASS_NAME = 'envoy';

/**
 * The one shared Gateway every HTTPRoute attaches to. Its HTTPS listener serves `*.apps.<domain>` with the
 * wildcard certificate; its HTTP listener only redirects to HTTPS. Routes from any namespace may attach.
 *
 * An HTTPRoute's parentRef: `{ name: SHARED_GATEWAY.name, namespace: SHARED_GATEWAY.namespace,
 * sectionName: SHARED_GATEWAY.httpsListener }`.
 */
export const SHARED_GATEWAY = {
  name: 'apps',
  namespace: PlatformNamespace.GATEWAY,
  /** Listener name (sectionName) of the HTTPS wildcard listener. */
  httpsListener: 'https',
  /** Listener name of the HTTP listener, which redirects everything to HTTPS. */
  httpListener: 'http',
  /**
   * Listener name of the management listener (HTTPS on 8443, reachable from `cloud.adminCidrs` only):
   * the console and Grafana attach here, and only routes from platform namespaces may.
   */
  adminListener: 'admin',
} as const;

/** Label every object Berth creates carries (workloads, namespaces, policies, secrets, bindings). */
export const MANAGED_BY_BERTH_LABEL = { 'app.kubernetes.io/managed-by': 'berth' } as const;

/** Label every platform add-on namespace carries (and environments' namespaces do not). */
export const PLATFORM_NAMESPACE_LABEL = { 'berth.dev/platform': 'true' } as const;

/** Secret (in the gateway namespace) holding the `*.apps.<domain>` certificate. */
export const WILDCARD_CERTIFICATE_SECRET_NAME = 'apps-wildcard-tls';

/**
 * The ClusterIssuer for apps' certificates: the internal platform CA by default, ACME (HTTP-01 through
 * the shared Gateway) when configured. Same name either way, so nothing else changes when the issuer does.
 */
export const CLUSTER_ISSUER_NAME = 'berth';

/** The ClusterIssuer that always signs with the platform CA (the `*.apps` wildcard certificate uses it). */
export const PLATFORM_CA_ISSUER_NAME = 'berth-ca';

/**
 * Name of the `kubernetes.io/dockerconfigjson` Secret for the private registry in every environment
 * namespace; pods reference it in `imagePullSecrets`.
 */
export const REGISTRY_PULL_SECRET_NAME = 'registry-pull';

/** Stages of the registry: images are pushed to `dev/…` and promoted (copied by digest) to `prod/…`. */
export enum RegistryStage {
  DEV = 'dev',
  PROD = 'prod',
}

/**
 * Prefix of a node group's server names, `<platform>-<cluster>-<group>` (group `master` or a pool's
 * name); servers are `<prefix>-<n>`, n from 1, and Nova makes the name the node's host name.
 */
export function nodeNamePrefix(platformName: string, clusterName: string, group: string): string {
  return `${platformName}-${clusterName}-${group}`;
}

/** Wildcard parent domain of apps: `apps.<domain>`. */
export function appsDomain(clusterDomain: string): string {
  return `apps.${clusterDomain}`;
}

/** Parent domain of an environment's apps: `<env>.apps.<domain>`. */
export function environmentHostDomain(clusterDomain: string, environmentName: string): string {
  return `${environmentName}.${appsDomain(clusterDomain)}`;
}

/** The host name an app's public web process gets by default: `<app>.<env>.apps.<domain>`. */
export function appHostName(appName: string, environmentHostDomain: string): string {
  return `${appName}.${environmentHostDomain}`;
}

/** NetworkPolicies the environment chart writes in every environment namespace (apps may not reuse the names). */
export enum EnvironmentNetworkPolicy {
  /** Denies all ingress and egress not allowed by another policy. */
  DEFAULT_DENY = 'default-deny',
  /** Egress to the cluster DNS. */
  ALLOW_DNS = 'allow-dns',
  /** Ingress from the shared Gateway's proxies to pods labelled for it. */
  ALLOW_GATEWAY = 'allow-gateway',
}

/**
 * DNS names of the shared Gateway's wildcard certificate: `*.apps.<domain>` and `*.<env>.apps.<domain>`
 * for each environment on the cluster (the host names apps get by default).
 */
export function gatewayCertificateNames(
  clusterDomain: string,
  environmentNames: readonly string[],
): string[] {
  return [
    `*.${appsDomain(clusterDomain)}`,
    ...environmentNames.map((env) => `*.${environmentHostDomain(clusterDomain, env)}`),
  ];
}

/**
 * Whether the shared Gateway serves `host` over HTTPS: a wildcard certificate name covers exactly one
 * label, so `shop.dev.apps.<domain>` is served and `blog.example.com` or `a.b.apps.<domain>` are not.
 */
export function servedByGateway(host: string, certificateNames: readonly string[]): boolean {
  const dot = host.indexOf('.');
  return dot > 0 && certificateNames.includes(`*${host.slice(dot)}`);
}

/** Host name of the private registry, `registry.apps.<domain>`. */
export function registryHost(clusterDomain: string): string {
  return `registry.${appsDomain(clusterDomain)}`;
}

/** Host name of the web console (Headlamp), `console.apps.<domain>`, served on the management port. */
export function consoleHost(clusterDomain: string): string {
  return `console.${appsDomain(clusterDomain)}`;
}

/** Host name of Grafana, `grafana.apps.<domain>`. */
export function grafanaHost(clusterDomain: string): string {
  return `grafana.${appsDomain(clusterDomain)}`;
}

/**
 * Port of the shared Gateway's management listener and of the ingress entry's management listener
 * (`CLUSTER_PORTS.adminHttps`), open to `cloud.adminCidrs` only.
 */
export const MANAGEMENT_PORT = 8443;

/** URL of a management UI: its host on the shared Gateway's management port (admin networks only). */
export function managementUrl(host: string): string {
  return `https://${host}:${MANAGEMENT_PORT}`;
}

/** Where a stage's images live in the private registry: `registry.apps.<domain>/<stage>`. */
export function registryPrefix(clusterDomain: string, stage: RegistryStage): string {
  return `${registryHost(clusterDomain)}/${stage}`;
}

/** Image reference in the private registry: `registry.apps.<domain>/<stage>/<repository>`. */
export function registryImage(clusterDomain: string, stage: RegistryStage, repository: string): string {
  return `${registryPrefix(clusterDomain, stage)}/${repository}`;
}
