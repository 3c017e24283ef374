import {
  AddonName,
  AddonSettings,
  ResolvedResources,
  addonConfig,
  addonResources,
  addonSchema,
  boolean,
  containerResources,
  resolveResources,
  withDefault,
  z,
} from '../../../config';
import { AddonDefinition, AddonStage } from '../core/addon-definition';
import { FLANNEL_CHART, Flannel } from './flannel';

/** Resources of flannel's container unless `addons.flannel.resources` overrides them. */
export const DEFAULT_FLANNEL_RESOURCES = containerResources('50m', '64Mi', '200m', '128Mi');

/** `addons.flannel`: its fields, messages, defaults and descriptions. */
export const FLANNEL_SCHEMA = addonSchema(
  {
    doc: 'flannel, the pod network (VXLAN), with kube-network-policies enforcing NetworkPolicies.',
    enabled:
      "Deploy flannel. Turn off only when the cluster gets its CNI some other way: pods do not start without one. The VXLAN port is not configurable: the security groups open flannel's.",
  },
  {
    networkPolicies: withDefault(
      boolean(
        'Enforce NetworkPolicies (flannel alone does not) with the kube-network-policies sidecar that the flannel chart ships. The environments rely on it for their default-deny policies.',
      ),
      true,
    ),
    resources: addonResources(DEFAULT_FLANNEL_RESOURCES, "flannel's container."),
  },
);

/** `addons.flannel`, as written in the platform file. */
export type FlannelAddonConfig = z.input<typeof FLANNEL_SCHEMA>;

/** `addons.flannel`, resolved. */
export interface FlannelSettings extends AddonSettings {
  readonly networkPolicies: boolean;
  readonly resources: ResolvedResources;
}

/** flannel, the pod network (VXLAN), with kube-network-policies enforcing NetworkPolicies. */
export const FLANNEL_ADDON: AddonDefinition<FlannelSettings, Flannel> = {
  name: AddonName.FLANNEL,
  id: 'flannel',
  stage: AddonStage.POD_NETWORK,
  charts: [FLANNEL_CHART],
  config: addonConfig(FLANNEL_SCHEMA, (section) => ({
    networkPolicies: section.networkPolicies,
    resources: resolveResources(section.resources),
  })),
  install: (scope, { id, settings, cluster }) =>
    new Flannel(scope, id, {
      podCidr: cluster.podCidr,
      networkPolicies: settings.networkPolicies,
      resources: settings.resources,
    }),
};
