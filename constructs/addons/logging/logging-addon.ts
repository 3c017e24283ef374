import { AddonName, ResolvedAddons } from '../../../config';
import { AddonDefinition } from '../core/addon-definition';
import { FLUENT_BIT_CHART, LOKI_CHART, Logging } from './logging';
import { loggingFlows } from './logging-flows';

/** Loki and Fluent Bit: container logs, searchable in Grafana. */
export const LOGGING_ADDON: AddonDefinition<ResolvedAddons['logging'], Logging> = {
  name: AddonName.LOGGING,
  id: 'logging',
  charts: [LOKI_CHART, FLUENT_BIT_CHART],
  settings: (cluster) => cluster.addons.logging,
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
