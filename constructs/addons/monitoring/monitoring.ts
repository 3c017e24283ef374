import { Construct } from 'constructs';
import { ITerraformDependable } from 'cdktf';
import { AddonName, TimeSpan, ResolvedResources, DataSize } from '../../../config';
import { AlertReceiver, SmtpRelay } from './monitoring-section';
import { PlatformAddon } from '../core/addon';
import { AddonNamespace, PodSecurityLevel } from '../core/addon-namespace';
import { NODE_METRICS_DIR } from '../../cluster/etcd-backup-environment';
import { platformRuleGroups } from './alert-rules';
import { alertmanagerConfig } from './alertmanager-config';
import { KubePrometheusStackValues, NodeProblemDetectorValues, PodMonitorSpec } from './monitoring-values';
import { etcdBackupRuleGroups } from './backup-alerts';
import {
  AddonFootprint,
  Placement,
  WorkloadFootprint,
  WorkloadKind,
  container,
  daemonSet,
  scheduled,
} from '../core/footprint';
import { OWNING_GATEWAY_LABEL } from '../gateway/envoy-proxy';
import { ENVOY_PROXY_METRICS_PORT_NAME } from '../gateway/gateway';
import { RouteExposure, sharedGatewayRoute } from '../core/gateway-api';
import { HelmAddonRelease, HelmChartRef } from '../core/helm-chart';
import { KubernetesObject } from '../core/kubernetes-object';
import {
  PlatformNamespace,
  SHARED_GATEWAY,
  grafanaHost,
  managementUrl,
} from '../../../config/platform-names';
import { fixedResources, toKubernetesResources } from '../core/resources';
import { KUBE_PROMETHEUS_STACK_IMAGES, NODE_PROBLEM_DETECTOR_IMAGES } from './monitoring-images';

export const KUBE_PROMETHEUS_STACK_CHART: HelmChartRef = {
  repository: 'https://prometheus-community.github.io/helm-charts',
  chart: 'kube-prometheus-stack',
  version: '88.3.0',
  confirmedAt: 'chart-releaser tag kube-prometheus-stack-88.3.0 of prometheus-community/helm-charts',
  images: KUBE_PROMETHEUS_STACK_IMAGES,
};

export const NODE_PROBLEM_DETECTOR_CHART: HelmChartRef = {
  repository: 'oci://ghcr.io/deliveryhero/helm-charts',
  chart: 'node-problem-detector',
  version: '2.3.16',
  confirmedAt: 'index.yaml of deliveryhero/helm-charts lists node-problem-detector 2.3.16 at this OCI path',
  images: NODE_PROBLEM_DETECTOR_IMAGES,
};

/** Helm release name of kube-prometheus-stack; its Grafana Service is `<release>-grafana`. */
export const MONITORING_RELEASE = 'monitoring';

const RESOURCES = {
  configReloader: fixedResources('10m', '16Mi', '100m', '32Mi'),
  operator: fixedResources('20m', '64Mi', '200m', '128Mi'),
  admissionPatch: fixedResources('10m', '16Mi', '100m', '64Mi'),
  alertmanager: fixedResources('10m', '32Mi', '100m', '64Mi'),
  grafana: fixedResources('50m', '128Mi', '500m', '256Mi'),
  grafanaSidecar: fixedResources('10m', '48Mi', '100m', '96Mi'),
  kubeStateMetrics: fixedResources('10m', '48Mi', '100m', '128Mi'),
  nodeExporter: fixedResources('10m', '24Mi', '200m', '64Mi'),
  nodeProblemDetector: fixedResources('10m', '24Mi', '100m', '64Mi'),
};

export interface MonitoringProps {
  /** The cluster's domain; Grafana is `grafana.apps.<domain>`, on the management listener (8443). */
  readonly domain: string;
  readonly storageClass: string;
  readonly retention: TimeSpan;
  readonly storageSize: DataSize;
  readonly receivers: readonly AlertReceiver[];
  /** Mail relay for e-mail receivers. @default none */
  readonly smtp?: SmtpRelay;
  readonly errorRatioThreshold: number;
  readonly nodeProblemDetector: boolean;
  readonly prometheusResources: ResolvedResources;
  /**
   * Expose Grafana on the shared Gateway and scrape the Envoy proxies; needs the gateway add-on.
   * @default false
   */
  readonly gateway?: boolean;
  /** Loki's URL, added to Grafana as a data source. @default no logs data source */
  readonly lokiUrl?: string;
  /**
   * Interval of the masters' etcd backups: alert when the newest snapshot is too old.
   * @default no etcd backup alert (backups off)
   */
  readonly etcdBackupInterval?: TimeSpan;
  /** What must exist first (the CNI, the StorageClass). @default nothing */
  readonly dependsOn?: readonly ITerraformDependable[];
}

/**
 * node-exporter's arguments: kube-prometheus-stack's two filesystem exclusions (a list in values replaces
 * the chart's list, so they are restated as the chart 88.3.0 sets them) and the textfile collector on the
 * host directory where Berth's node scripts write metrics (mounted at the same path).
 */
export function nodeExporterArgs(): string[] {
  return [
    '--collector.filesystem.mount-points-exclude=^/(dev|proc|sys|run/containerd/.+|var/lib/docker/.+|var/lib/kubelet/.+)($|/)',
    '--collector.filesystem.fs-types-exclude=^(autofs|binfmt_misc|bpf|cgroup2?|configfs|debugfs|devpts|devtmpfs|fusectl|hugetlbfs|iso9660|mqueue|nsfs|overlay|proc|procfs|pstore|rpc_pipefs|securityfs|selinuxfs|squashfs|sysfs|tracefs|erofs)$',
    `--collector.textfile.directory=${NODE_METRICS_DIR}`,
  ];
}

/**
 * Monitoring and alerting: kube-prometheus-stack (Prometheus with retention on a Cinder volume,
 * Alertmanager with the configured receivers, Grafana behind the shared Gateway), the platform's alert
 * rules, and node-problem-detector.
 */
export class Monitoring extends Construct implements PlatformAddon {
  public readonly addonName = AddonName.MONITORING;
  public readonly footprint: AddonFootprint;
  public readonly releases: readonly HelmAddonRelease<object>[];
  public readonly ready: readonly ITerraformDependable[];
  public readonly stack: HelmAddonRelease<KubePrometheusStackValues>;
  public readonly nodeProblemDetector?: HelmAddonRelease<NodeProblemDetectorValues>;
  public readonly objects: readonly KubernetesObject[];

  constructor(scope: Construct, id: string, props: MonitoringProps) {
    super(scope, id);
    // Everything but the node agents meets restricted (monitoring-pod-security.ts records the pods).
    const namespace = new AddonNamespace(this, 'namespace', {
      name: PlatformNamespace.MONITORING,
      podSecurity: PodSecurityLevel.RESTRICTED,
    });
    // node-exporter reads the host's /proc, /sys and / with host networking and PID namespace;
    // node-problem-detector runs privileged and reads /dev/kmsg and /var/log: they live apart.
    const agentsNamespace = new AddonNamespace(this, 'agents-namespace', {
      name: PlatformNamespace.MONITORING_AGENTS,
      podSecurity: PodSecurityLevel.PRIVILEGED,
    });
    const dependsOn = [namespace.namespace, agentsNamespace.namespace, ...(props.dependsOn ?? [])];

    const workloads: WorkloadFootprint[] = [
      scheduled(WorkloadKind.STATEFUL_SET, 'prometheus', 1, [
        container('prometheus', props.prometheusResources),
        container('config-reloader', RESOURCES.configReloader),
      ]),
      scheduled(WorkloadKind.STATEFUL_SET, 'alertmanager', 1, [
        container('alertmanager', RESOURCES.alertmanager),
        container('config-reloader', RESOURCES.configReloader),
      ]),
      scheduled(WorkloadKind.DEPLOYMENT, 'prometheus-operator', 1, [
        container('prometheus-operator', RESOURCES.operator),
      ]),
      scheduled(WorkloadKind.DEPLOYMENT, 'kube-state-metrics', 1, [
        container('kube-state-metrics', RESOURCES.kubeStateMetrics),
      ]),
      scheduled(WorkloadKind.DEPLOYMENT, 'grafana', 1, [
        container('grafana', RESOURCES.grafana),
        container('grafana-sc-dashboard', RESOURCES.grafanaSidecar),
        container('grafana-sc-datasources', RESOURCES.grafanaSidecar),
      ]),
      daemonSet('prometheus-node-exporter', Placement.EVERY_NODE, [
        container('node-exporter', RESOURCES.nodeExporter),
      ]),
    ];
    if (props.nodeProblemDetector) {
      workloads.push(
        daemonSet('node-problem-detector', Placement.EVERY_NODE, [
          container('node-problem-detector', RESOURCES.nodeProblemDetector),
        ]),
      );
    }
    this.footprint = { addon: this.addonName, workloads };

    const storageGi = props.storageSize.toGibibytes();
    this.stack = new HelmAddonRelease<KubePrometheusStackValues>(this, 'kube-prometheus-stack', {
      chart: KUBE_PROMETHEUS_STACK_CHART,
      releaseName: MONITORING_RELEASE,
      namespace: PlatformNamespace.MONITORING,
      values: {
        crds: { enabled: true },
        defaultRules: {
          create: true,
          rules: {
            etcd: false,
            kubeControllerManager: false,
            kubeSchedulerAlerting: false,
            kubeSchedulerRecording: false,
            kubeProxy: false,
          },
        },
        // kubeadm binds these to localhost: scraping them would only raise TargetDown.
        kubeControllerManager: { enabled: false },
        kubeScheduler: { enabled: false },
        kubeEtcd: { enabled: false },
        kubeProxy: { enabled: false },
        prometheusOperator: {
          resources: toKubernetesResources(RESOURCES.operator),
          prometheusConfigReloader: { resources: toKubernetesResources(RESOURCES.configReloader) },
          admissionWebhooks: { patch: { resources: toKubernetesResources(RESOURCES.admissionPatch) } },
        },
        prometheus: {
          prometheusSpec: {
            retention: props.retention.toString(),
            // Stop at 90% of the volume, whatever the retention says.
            retentionSize: `${Math.floor(storageGi * 0.9)}GB`,
            resources: toKubernetesResources(props.prometheusResources),
            serviceMonitorSelectorNilUsesHelmValues: false,
            podMonitorSelectorNilUsesHelmValues: false,
            ruleSelectorNilUsesHelmValues: false,
            probeSelectorNilUsesHelmValues: false,
            storageSpec: {
              volumeClaimTemplate: {
                spec: {
                  storageClassName: props.storageClass,
                  accessModes: ['ReadWriteOnce'],
                  resources: { requests: { storage: props.storageSize.toString() } },
                },
              },
            },
          },
          additionalPodMonitors: props.gateway ? [envoyPodMonitor()] : [],
        },
        alertmanager: {
          alertmanagerSpec: { resources: toKubernetesResources(RESOURCES.alertmanager) },
          config: alertmanagerConfig(props.receivers, props.smtp),
        },
        grafana: {
          resources: toKubernetesResources(RESOURCES.grafana),
          persistence: { enabled: false },
          testFramework: { enabled: false },
          sidecar: { resources: toKubernetesResources(RESOURCES.grafanaSidecar) },
          'grafana.ini': { server: { root_url: managementUrl(grafanaHost(props.domain)) } },
          additionalDataSources: props.lokiUrl
            ? [{ name: 'Loki', type: 'loki', url: props.lokiUrl, access: 'proxy' }]
            : [],
        },
        'kube-state-metrics': { resources: toKubernetesResources(RESOURCES.kubeStateMetrics) },
        'prometheus-node-exporter': {
          namespaceOverride: PlatformNamespace.MONITORING_AGENTS,
          resources: toKubernetesResources(RESOURCES.nodeExporter),
          extraArgs: nodeExporterArgs(),
          // Created on every node (a missing directory would raise NodeTextFileCollectorScrapeError).
          extraHostVolumeMounts: [
            {
              name: 'berth-node-metrics',
              hostPath: NODE_METRICS_DIR,
              type: 'DirectoryOrCreate',
              mountPath: NODE_METRICS_DIR,
              readOnly: true,
            },
          ],
        },
        additionalPrometheusRulesMap: {
          berth: { groups: platformRuleGroups(props.errorRatioThreshold) },
          ...(props.etcdBackupInterval
            ? { 'berth-backups': { groups: etcdBackupRuleGroups(props.etcdBackupInterval) } }
            : {}),
        },
      },
      dependsOn,
      timeoutSeconds: 900,
    });

    const releases: HelmAddonRelease<object>[] = [this.stack];
    if (props.nodeProblemDetector) {
      this.nodeProblemDetector = new HelmAddonRelease<NodeProblemDetectorValues>(
        this,
        'node-problem-detector',
        {
          chart: NODE_PROBLEM_DETECTOR_CHART,
          releaseName: 'node-problem-detector',
          namespace: PlatformNamespace.MONITORING_AGENTS,
          values: {
            resources: toKubernetesResources(RESOURCES.nodeProblemDetector),
            metrics: { enabled: true, serviceMonitor: { enabled: true } },
            tolerations: [{ operator: 'Exists', effect: 'NoSchedule' }],
          },
          // Its ServiceMonitor needs the Prometheus Operator's CRDs.
          dependsOn: [this.stack.release, ...dependsOn],
        },
      );
      releases.push(this.nodeProblemDetector);
    }
    this.objects = props.gateway
      ? [
          sharedGatewayRoute({
            name: 'grafana',
            namespace: PlatformNamespace.MONITORING,
            hostname: grafanaHost(props.domain),
            service: `${MONITORING_RELEASE}-grafana`,
            port: 80,
            exposure: RouteExposure.ADMIN_NETWORKS,
          }),
        ]
      : [];
    this.releases = releases;
    this.ready = [this.stack.release];
  }
}

/** Scrapes the shared Gateway's Envoy proxies: per-app request and 5xx counters come from there. */
function envoyPodMonitor(): PodMonitorSpec {
  return {
    name: 'envoy-proxies',
    namespaceSelector: { matchNames: [PlatformNamespace.ENVOY_GATEWAY] },
    selector: { matchLabels: { [OWNING_GATEWAY_LABEL]: SHARED_GATEWAY.name } },
    podMetricsEndpoints: [{ port: ENVOY_PROXY_METRICS_PORT_NAME, path: '/stats/prometheus' }],
  };
}
