import {
  AddonName,
  AddonSettings,
  ResolvedResources,
  addonConfig,
  addonResources,
  addonSchema,
  containerResources,
  integer,
  resolveResources,
  withDefault,
  z,
} from '../../../config';
import { AddonDefinition } from '../core/addon-definition';
import { CERT_MANAGER_ADDON } from '../cert-manager/cert-manager-addon';
import { ENVOY_GATEWAY_CHART, SharedGateway } from './gateway';
import { gatewayFlows } from './gateway-flows';
import { ENVOY_PROXY } from './gateway-images';

/** Envoy proxy replicas unless `addons.gateway.replicas` says otherwise (2 survive the loss of a minion). */
export const DEFAULT_GATEWAY_REPLICAS = 2;
/** Resources of each Envoy proxy unless `addons.gateway.resources` overrides them. */
export const DEFAULT_GATEWAY_PROXY_RESOURCES = containerResources('100m', '128Mi', '500m', '256Mi');

/** `addons.gateway`: its fields, messages, defaults and descriptions. */
export const GATEWAY_SCHEMA = addonSchema(
  {
    doc: 'Envoy Gateway and the shared `*.apps.<domain>` Gateway: everything reachable from outside goes through it.',
    enabled: 'Deploy Envoy Gateway and the shared Gateway. Without it nothing is reachable from outside.',
  },
  {
    replicas: withDefault(
      integer(
        1,
        10,
        'Envoy proxy replicas behind the ingress load balancer (2 survive the loss of a minion).',
      ),
      DEFAULT_GATEWAY_REPLICAS,
    ),
    resources: addonResources(DEFAULT_GATEWAY_PROXY_RESOURCES, 'Resources of each Envoy proxy.'),
  },
);

/** `addons.gateway`, as written in the platform file. */
export type GatewayAddonConfig = z.input<typeof GATEWAY_SCHEMA>;

/** `addons.gateway`, resolved. */
export interface GatewaySettings extends AddonSettings {
  readonly replicas: number;
  readonly resources: ResolvedResources;
}

/** Envoy Gateway and the shared `*.apps.<domain>` Gateway: everything reachable from outside goes through it. */
export const GATEWAY_ADDON: AddonDefinition<GatewaySettings, SharedGateway> = {
  name: AddonName.GATEWAY,
  id: 'gateway',
  requires: [{ addon: CERT_MANAGER_ADDON, why: 'the shared Gateway serves a cert-manager certificate' }],
  charts: [ENVOY_GATEWAY_CHART],
  images: [ENVOY_PROXY],
  config: addonConfig(GATEWAY_SCHEMA, (section) => ({
    replicas: section.replicas,
    resources: resolveResources(section.resources),
  })),
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
