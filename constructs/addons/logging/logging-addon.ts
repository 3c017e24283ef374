import {
  AddonName,
  AddonSettings,
  DataSize,
  ResolvedResources,
  TimeSpan,
  addonConfig,
  addonDuration,
  addonResources,
  addonSchema,
  addonVolumeSize,
  containerResources,
  resolveResources,
  withDefault,
  z,
} from '../../../config';
import { AddonDefinition } from '../core/addon-definition';
import { FLUENT_BIT_CHART, LOKI_CHART, Logging } from './logging';
import { loggingFlows } from './logging-flows';

/** Logging's defaults, unless `addons.logging` says otherwise. */
export const DEFAULT_LOGGING = {
  retention: '7d',
  storageSize: '10Gi',
  /** Loki's. */
  resources: containerResources('100m', '256Mi', '1', '512Mi'),
} as const;

/** `addons.logging`: its fields, messages, defaults and descriptions. */
export const LOGGING_SCHEMA = addonSchema(
  {
    doc: 'Loki and Fluent Bit: container logs, searchable in Grafana.',
    enabled: 'Deploy Loki (single binary) and Fluent Bit on every node.',
  },
  {
    retention: withDefault(addonDuration('How long Loki keeps logs.'), DEFAULT_LOGGING.retention),
    storageSize: withDefault(addonVolumeSize("Size of Loki's volume."), DEFAULT_LOGGING.storageSize),
    resources: addonResources(DEFAULT_LOGGING.resources, "Loki's resources."),
  },
);

/** `addons.logging`, as written in the platform file. */
export type LoggingAddonConfig = z.input<typeof LOGGING_SCHEMA>;

/** `addons.logging`, resolved. */
export interface LoggingSettings extends AddonSettings {
  readonly retention: TimeSpan;
  readonly storageSize: DataSize;
  readonly resources: ResolvedResources;
}

/** Loki and Fluent Bit: container logs, searchable in Grafana. */
export const LOGGING_ADDON: AddonDefinition<LoggingSettings, Logging> = {
  name: AddonName.LOGGING,
  id: 'logging',
  charts: [LOKI_CHART, FLUENT_BIT_CHART],
  usesVolumes: true,
  config: addonConfig(LOGGING_SCHEMA, (section) => ({
    retention: TimeSpan.tryParse(section.retention)!,
    storageSize: DataSize.tryParse(section.storageSize)!,
    resources: resolveResources(section.resources),
  })),
  install: (scope, { id, settings, cluster, dependsOn }) =>
    new Logging(scope, id, {
      storageClass: cluster.addons.storageClass,
      storageSize: settings.storageSize,
      retention: settings.retention,
      lokiResources: settings.resources,
      dependsOn,
    }),
  flows: () => loggingFlows(),
};
