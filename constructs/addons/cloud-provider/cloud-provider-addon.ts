import { AddonName, AddonSettings, VolumeReclaimPolicy, addonBoolean } from '../../../config';
import { AddonDefinition, AddonStage } from '../core/addon-definition';
import { CINDER_CSI_CHART, CloudProvider, OPENSTACK_CCM_CHART } from './cloud-provider';
import { SNAPSHOT_CONTROLLER_CHART } from './volume-snapshots';

/** `addons.cloudProvider`, as written in the platform file. */
export interface CloudProviderAddonConfig {
  /**
   * Deploy the OpenStack cloud controller manager and Cinder CSI.
   * @default true
   */
  readonly enabled?: boolean;
  /**
   * Cinder volume type of the default StorageClass.
   * @default the cloud's default volume type
   */
  readonly volumeType?: string;
  /**
   * Reclaim policy of the default StorageClass.
   * @default "Delete"
   */
  readonly reclaimPolicy?: `${VolumeReclaimPolicy}`;
  /**
   * Ignore availability zones when attaching volumes (clouds whose Nova and Cinder zones differ).
   * @default true
   */
  readonly ignoreVolumeAz?: boolean;
}

/** `addons.cloudProvider`, resolved. */
export interface CloudProviderSettings extends AddonSettings {
  readonly volumeType?: string;
  readonly reclaimPolicy: VolumeReclaimPolicy;
  readonly ignoreVolumeAz: boolean;
}

const RECLAIM_POLICIES = Object.values(VolumeReclaimPolicy) as string[];

/** The OpenStack cloud controller manager and Cinder CSI: nodes stay tainted until it runs. */
export const CLOUD_PROVIDER_ADDON: AddonDefinition<CloudProviderSettings, CloudProvider> = {
  name: AddonName.CLOUD_PROVIDER,
  id: 'cloud-provider',
  stage: AddonStage.NODE_INTEGRATION,
  charts: [OPENSTACK_CCM_CHART, CINDER_CSI_CHART, SNAPSHOT_CONTROLLER_CHART],
  config: {
    fields: ['volumeType', 'reclaimPolicy', 'ignoreVolumeAz'],
    resolve: (read, raw, { path }) => {
      const reclaimPolicy = read.string(
        `${path}.reclaimPolicy`,
        raw.reclaimPolicy,
        VolumeReclaimPolicy.DELETE,
      );
      if (!RECLAIM_POLICIES.includes(reclaimPolicy)) {
        read.problems.add(
          `${path}.reclaimPolicy`,
          reclaimPolicy,
          `must be one of ${RECLAIM_POLICIES.map((p) => `"${p}"`).join(', ')}`,
        );
      }
      return {
        volumeType: read.string(`${path}.volumeType`, raw.volumeType, undefined),
        reclaimPolicy: RECLAIM_POLICIES.includes(reclaimPolicy)
          ? (reclaimPolicy as VolumeReclaimPolicy)
          : VolumeReclaimPolicy.DELETE,
        ignoreVolumeAz: addonBoolean(read, `${path}.ignoreVolumeAz`, raw.ignoreVolumeAz, true),
      };
    },
  },
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
