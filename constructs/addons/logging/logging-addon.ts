import {
  AddonName,
  AddonSettings,
  DataSize,
  ResolvedResources,
  ResourcesConfig,
  TimeSpan,
  addonDuration,
  addonResources,
  addonVolumeSize,
  containerResources,
} from '../../../config';
import { AddonDefinition } from '../core/addon-definition';
import { FLUENT_BIT_CHART, LOKI_CHART, Logging } from './logging';
import { loggingFlows } from './logging-flows';

/** `addons.logging`, as written in the platform file. */
export interface LoggingAddonConfig {
  /**
   * Deploy Loki (single binary) and Fluent Bit on every node.
   * @default true
   */
  readonly enabled?: boolean;
  /**
   * How long Loki keeps logs.
   * @default "7d"
   */
  readonly retention?: string;
  /**
   * Size of Loki's volume.
   * @default "10Gi"
   */
  readonly storageSize?: string;
  /** Loki's resources. @default 100m/256Mi requested, 1/512Mi limit */
  readonly resources?: ResourcesConfig;
}

/** `addons.logging`, resolved. */
export interface LoggingSettings extends AddonSettings {
  readonly retention: TimeSpan;
  readonly storageSize: DataSize;
  readonly resources: ResolvedResources;
}

/** Logging's defaults, unless `addons.logging` says otherwise. */
export const DEFAULT_LOGGING = {
  retention: '7d',
  storageSize: '10Gi',
  /** Loki's. */
  resources: containerResources('100m', '256Mi', '1', '512Mi'),
} as const;

/** Loki and Fluent Bit: container logs, searchable in Grafana. */
export const LOGGING_ADDON: AddonDefinition<LoggingSettings, Logging> = {
  name: AddonName.LOGGING,
  id: 'logging',
  charts: [LOKI_CHART, FLUENT_BIT_CHART],
  config: {
    fields: ['retention', 'storageSize', 'resources'],
    resolve: (read, raw, { path }) => ({
      retention: addonDuration(read, `${path}.retention`, raw.retention, DEFAULT_LOGGING.retention),
      storageSize: addonVolumeSize(read, `${path}.storageSize`, raw.storageSize, DEFAULT_LOGGING.storageSize),
      resources: addonResources(read, `${path}.resources`, raw.resources, DEFAULT_LOGGING.resources),
    }),
  },
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
