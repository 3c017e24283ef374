import {
  AddonName,
  AddonSettings,
  ResourcesConfig,
  ResolvedResources,
  addonResources,
  containerResources,
} from '../../../config';
import { AddonDefinition } from '../core/addon-definition';
import { CERT_MANAGER_ADDON } from '../cert-manager/cert-manager-addon';
import { ENVOY_GATEWAY_CHART, SharedGateway } from './gateway';
import { gatewayFlows } from './gateway-flows';

/** `addons.gateway`, as written in the platform file. */
export interface GatewayAddonConfig {
  /**
   * Deploy Envoy Gateway and the shared Gateway. Without it nothing is reachable from outside.
   * @default true
   */
  readonly enabled?: boolean;
  /**
   * Envoy proxy replicas behind the ingress load balancer (2 survive the loss of a minion).
   * @default 2
   */
  readonly replicas?: number;
  /** Resources of each Envoy proxy. @default 100m/128Mi requested, 500m/256Mi limit */
  readonly resources?: ResourcesConfig;
}

/** `addons.gateway`, resolved. */
export interface GatewaySettings extends AddonSettings {
  readonly replicas: number;
  readonly resources: ResolvedResources;
}

/** Envoy proxy replicas unless `addons.gateway.replicas` says otherwise (2 survive the loss of a minion). */
export const DEFAULT_GATEWAY_REPLICAS = 2;
/** Resources of each Envoy proxy unless `addons.gateway.resources` overrides them. */
export const DEFAULT_GATEWAY_PROXY_RESOURCES = containerResources('100m', '128Mi', '500m', '256Mi');

/** Envoy Gateway and the shared `*.apps.<domain>` Gateway: everything reachable from outside goes through it. */
export const GATEWAY_ADDON: AddonDefinition<GatewaySettings, SharedGateway> = {
  name: AddonName.GATEWAY,
  id: 'gateway',
  requires: [{ addon: CERT_MANAGER_ADDON, why: 'the shared Gateway serves a cert-manager certificate' }],
  charts: [ENVOY_GATEWAY_CHART],
  config: {
    fields: ['replicas', 'resources'],
    resolve: (read, raw, { path }) => ({
      replicas: read.integer(`${path}.replicas`, raw.replicas, DEFAULT_GATEWAY_REPLICAS, 1, 10),
      resources: addonResources(read, `${path}.resources`, raw.resources, DEFAULT_GATEWAY_PROXY_RESOURCES),
    }),
  },
  install: (scope, context) => {
    const { id, settings, cluster, access, environments, dependsOn } = context;
    const acme = context.settingsOf(CERT_MANAGER_ADDON).acme !== undefined;
    const gateway = new SharedGateway(scope, id, {
      domain: cluster.domain,
      environmentNames: environments.map((e) => e.name),
      ingressAddress: access.ingressAddress,
      nodePorts: access.ingressNodePorts,
      replicas: settings.replicas,
      proxyResources: settings.resources,
      acmeHttp01: acme,
      dependsOn,
    });
    // HTTP-01 through the Gateway: cert-manager starts once the Gateway API CRDs exist.
    const certManager = context.installed(CERT_MANAGER_ADDON);
    if (certManager && acme) certManager.helm.waitFor(gateway.controller.release);
    return gateway;
  },
  flows: () => gatewayFlows(),
};
