import {
  AddonName,
  AddonSettings,
  VolumeReclaimPolicy,
  addonConfig,
  addonSchema,
  boolean,
  oneOf,
  optional,
  text,
  withDefault,
  z,
} from '../../../config';
import { AddonDefinition, AddonStage } from '../core/addon-definition';
import { CINDER_CSI_CHART, CloudProvider, OPENSTACK_CCM_CHART } from './cloud-provider';
import { SNAPSHOT_CONTROLLER_CHART } from './volume-snapshots';

/** `addons.cloudProvider`: its fields, messages, defaults and descriptions. */
export const CLOUD_PROVIDER_SCHEMA = addonSchema(
  {
    doc: 'The OpenStack cloud controller manager and Cinder CSI (the default StorageClass).',
    enabled: 'Deploy the OpenStack cloud controller manager and Cinder CSI.',
  },
  {
    volumeType: optional(
      text({
        doc: "Cinder volume type of the default StorageClass. Default: the cloud's default volume type.",
      }),
    ),
    reclaimPolicy: withDefault(
      oneOf(
        Object.values(VolumeReclaimPolicy) as [VolumeReclaimPolicy, ...VolumeReclaimPolicy[]],
        undefined,
        'Reclaim policy of the default StorageClass.',
      ),
      VolumeReclaimPolicy.DELETE,
    ),
    ignoreVolumeAz: withDefault(
      boolean(
        'Ignore availability zones when attaching volumes (clouds whose Nova and Cinder zones differ).',
      ),
      true,
    ),
  },
);

/** `addons.cloudProvider`, as written in the platform file. */
export type CloudProviderAddonConfig = z.input<typeof CLOUD_PROVIDER_SCHEMA>;

/** `addons.cloudProvider`, resolved. */
export interface CloudProviderSettings extends AddonSettings {
  readonly volumeType?: string;
  readonly reclaimPolicy: VolumeReclaimPolicy;
  readonly ignoreVolumeAz: boolean;
}

/** The OpenStack cloud controller manager and Cinder CSI: nodes stay tainted until it runs. */
export const CLOUD_PROVIDER_ADDON: AddonDefinition<CloudProviderSettings, CloudProvider> = {
  name: AddonName.CLOUD_PROVIDER,
  id: 'cloud-provider',
  stage: AddonStage.NODE_INTEGRATION,
  charts: [OPENSTACK_CCM_CHART, CINDER_CSI_CHART, SNAPSHOT_CONTROLLER_CHART],
  config: addonConfig(CLOUD_PROVIDER_SCHEMA),
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
