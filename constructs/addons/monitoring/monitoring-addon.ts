import { TerraformOutput } from 'cdktf';
import { AddonName, addonConfig } from '../../../config';
import { grafanaHost, managementUrl } from '../../../config/platform-names';
import { AddonDefinition } from '../core/addon-definition';
import { GATEWAY_ADDON } from '../gateway/gateway-addon';
import { LOGGING_ADDON } from '../logging/logging-addon';
import { LOKI_URL } from '../logging/logging';
import { KUBE_PROMETHEUS_STACK_CHART, Monitoring, NODE_PROBLEM_DETECTOR_CHART } from './monitoring';
import { monitoringFlows } from './monitoring-flows';
import { MONITORING_SCHEMA, MonitoringSettings, resolveMonitoring } from './monitoring-section';

/**
 * kube-prometheus-stack, the platform's alert rules and node-problem-detector; Grafana on the shared
 * Gateway (output `grafana_url`) when that is on, with Loki as a data source when logging is on.
 */
export const MONITORING_ADDON: AddonDefinition<MonitoringSettings, Monitoring> = {
  name: AddonName.MONITORING,
  id: 'monitoring',
  charts: [KUBE_PROMETHEUS_STACK_CHART, NODE_PROBLEM_DETECTOR_CHART],
  usesVolumes: true,
  config: addonConfig(MONITORING_SCHEMA, resolveMonitoring),
  install: (scope, context) => {
    const { id, settings, cluster, dependsOn } = context;
    const gateway = context.isEnabled(GATEWAY_ADDON);
    const monitoring = new Monitoring(scope, id, {
      domain: cluster.domain,
      storageClass: cluster.addons.storageClass,
      retention: settings.retention,
      storageSize: settings.storageSize,
      receivers: settings.receivers,
      smtp: settings.smtp,
      errorRatioThreshold: settings.errorRatioThreshold,
      nodeProblemDetector: settings.nodeProblemDetector,
      prometheusResources: settings.resources,
      gateway,
      lokiUrl: context.isEnabled(LOGGING_ADDON) ? LOKI_URL : undefined,
      etcdBackupInterval: cluster.backups.etcd.enabled ? cluster.backups.etcd.interval : undefined,
      dependsOn,
    });
    if (gateway) {
      new TerraformOutput(scope, 'grafana_url', { value: managementUrl(grafanaHost(cluster.domain)) });
    }
    return monitoring;
  },
  flows: ({ isEnabled }) =>
    monitoringFlows({ gateway: isEnabled(GATEWAY_ADDON), logging: isEnabled(LOGGING_ADDON) }),
};
