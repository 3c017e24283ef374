import { AddonName, ResolvedAddons } from '../../../config';
import { AddonDefinition, AddonStage } from '../core/addon-definition';
import { FLANNEL_CHART, Flannel } from './flannel';

/** flannel, the pod network (VXLAN), with kube-network-policies enforcing NetworkPolicies. */
export const FLANNEL_ADDON: AddonDefinition<ResolvedAddons['flannel'], Flannel> = {
  name: AddonName.FLANNEL,
  id: 'flannel',
  stage: AddonStage.POD_NETWORK,
  charts: [FLANNEL_CHART],
  settings: (cluster) => cluster.addons.flannel,
  install: (scope, { id, settings, cluster }) =>
    new Flannel(scope, id, {
      podCidr: cluster.podCidr,
      networkPolicies: settings.networkPolicies,
      resources: settings.resources,
    }),
};
