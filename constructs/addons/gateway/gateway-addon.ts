import { AddonName, ResolvedAddons } from '../../../config';
import { AddonDefinition } from '../core/addon-definition';
import { CERT_MANAGER_ADDON } from '../cert-manager/cert-manager-addon';
import { ENVOY_GATEWAY_CHART, SharedGateway } from './gateway';
import { gatewayFlows } from './gateway-flows';

/** Envoy Gateway and the shared `*.apps.<domain>` Gateway: everything reachable from outside goes through it. */
export const GATEWAY_ADDON: AddonDefinition<ResolvedAddons['gateway'], SharedGateway> = {
  name: AddonName.GATEWAY,
  id: 'gateway',
  requires: [{ addon: CERT_MANAGER_ADDON, why: 'the shared Gateway serves a cert-manager certificate' }],
  charts: [ENVOY_GATEWAY_CHART],
  settings: (cluster) => cluster.addons.gateway,
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
