import { AddonName, ResolvedAddons } from '../../../config';
import { AddonDefinition, AddonStage } from '../core/addon-definition';
import { CINDER_CSI_CHART, CloudProvider, OPENSTACK_CCM_CHART } from './cloud-provider';
import { SNAPSHOT_CONTROLLER_CHART } from './volume-snapshots';

/** The OpenStack cloud controller manager and Cinder CSI: nodes stay tainted until it runs. */
export const CLOUD_PROVIDER_ADDON: AddonDefinition<ResolvedAddons['cloudProvider'], CloudProvider> = {
  name: AddonName.CLOUD_PROVIDER,
  id: 'cloud-provider',
  stage: AddonStage.NODE_INTEGRATION,
  charts: [OPENSTACK_CCM_CHART, CINDER_CSI_CHART, SNAPSHOT_CONTROLLER_CHART],
  settings: (cluster) => cluster.addons.cloudProvider,
  install: (scope, { id, settings, cluster, platformName, access, dependsOn }) =>
    new CloudProvider(scope, id, {
      clusterId: `${platformName}-${cluster.name}`,
      openstack: access.openstack,
      storageClassName: cluster.addons.storageClass,
      volumeType: settings.volumeType,
      reclaimPolicy: settings.reclaimPolicy,
      ignoreVolumeAz: settings.ignoreVolumeAz,
      dependsOn,
    }),
};
