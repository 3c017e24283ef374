import {
  AddonName,
  AddonSettings,
  ResolvedResources,
  ResourcesConfig,
  addonBoolean,
  addonResources,
  containerResources,
} from '../../../config';
import { AddonDefinition, AddonStage } from '../core/addon-definition';
import { FLANNEL_CHART, Flannel } from './flannel';

/** `addons.flannel`, as written in the platform file. */
export interface FlannelAddonConfig {
  /**
   * Deploy flannel. Turn off only when the cluster gets its CNI some other way: pods do not start
   * without one. The VXLAN port is not configurable: it is `FLANNEL_VXLAN_PORT`, which the security
   * groups open.
   * @default true
   */
  readonly enabled?: boolean;
  /**
   * Enforce NetworkPolicies (flannel alone does not) with the kube-network-policies sidecar that the
   * flannel chart ships. The environments rely on it for their default-deny policies.
   * @default true
   */
  readonly networkPolicies?: boolean;
  /** @default 50m/64Mi requested, 200m/128Mi limit */
  readonly resources?: ResourcesConfig;
}

/** `addons.flannel`, resolved. */
export interface FlannelSettings extends AddonSettings {
  readonly networkPolicies: boolean;
  readonly resources: ResolvedResources;
}

/** Resources of flannel's container unless `addons.flannel.resources` overrides them. */
export const DEFAULT_FLANNEL_RESOURCES = containerResources('50m', '64Mi', '200m', '128Mi');

/** flannel, the pod network (VXLAN), with kube-network-policies enforcing NetworkPolicies. */
export const FLANNEL_ADDON: AddonDefinition<FlannelSettings, Flannel> = {
  name: AddonName.FLANNEL,
  id: 'flannel',
  stage: AddonStage.POD_NETWORK,
  charts: [FLANNEL_CHART],
  config: {
    fields: ['networkPolicies', 'resources'],
    resolve: (read, raw, { path }) => ({
      networkPolicies: addonBoolean(read, `${path}.networkPolicies`, raw.networkPolicies, true),
      resources: addonResources(read, `${path}.resources`, raw.resources, DEFAULT_FLANNEL_RESOURCES),
    }),
  },
  install: (scope, { id, settings, cluster }) =>
    new Flannel(scope, id, {
      podCidr: cluster.podCidr,
      networkPolicies: settings.networkPolicies,
      resources: settings.resources,
    }),
};
