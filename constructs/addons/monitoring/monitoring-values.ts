import { RuleGroup } from './alert-rules';
import { AlertmanagerConfig } from './alertmanager-config';
import { KubernetesResources } from '../core/resources';

/** A Prometheus Operator PodMonitor, as kube-prometheus-stack's `additionalPodMonitors` takes it. */
export interface PodMonitorSpec {
  readonly name: string;
  readonly namespaceSelector: { readonly matchNames: readonly string[] };
  readonly selector: { readonly matchLabels: Readonly<Record<string, string>> };
  readonly podMetricsEndpoints: readonly {
    readonly port?: string;
    readonly path: string;
    readonly portNumber?: number;
  }[];
}

/** Values of kube-prometheus-stack that Berth sets. */
export interface KubePrometheusStackValues {
  readonly crds: { readonly enabled: true };
  readonly defaultRules: {
    readonly create: true;
    /** Rule groups for control-plane parts kubeadm does not expose to Prometheus. */
    readonly rules: Readonly<Record<string, boolean>>;
  };
  readonly kubeControllerManager: { readonly enabled: false };
  readonly kubeScheduler: { readonly enabled: false };
  readonly kubeEtcd: { readonly enabled: false };
  readonly kubeProxy: { readonly enabled: false };
  readonly prometheusOperator: {
    readonly resources: KubernetesResources;
    readonly prometheusConfigReloader: { readonly resources: KubernetesResources };
    readonly admissionWebhooks: { readonly patch: { readonly resources: KubernetesResources } };
  };
  readonly prometheus: {
    readonly prometheusSpec: {
      readonly retention: string;
      readonly retentionSize: string;
      readonly resources: KubernetesResources;
      /** Pick up every ServiceMonitor, PodMonitor and PrometheusRule, not only this release's. */
      readonly serviceMonitorSelectorNilUsesHelmValues: false;
      readonly podMonitorSelectorNilUsesHelmValues: false;
      readonly ruleSelectorNilUsesHelmValues: false;
      readonly probeSelectorNilUsesHelmValues: false;
      readonly storageSpec: {
        readonly volumeClaimTemplate: {
          readonly spec: {
            readonly storageClassName: string;
            readonly accessModes: readonly ['ReadWriteOnce'];
            readonly resources: { readonly requests: { readonly storage: string } };
          };
        };
      };
    };
    readonly additionalPodMonitors: readonly PodMonitorSpec[];
  };
  readonly alertmanager: {
    readonly alertmanagerSpec: { readonly resources: KubernetesResources };
    readonly config: AlertmanagerConfig;
  };
  readonly grafana: {
    readonly resources: KubernetesResources;
    readonly persistence: { readonly enabled: false };
    readonly testFramework: { readonly enabled: false };
    readonly sidecar: { readonly resources: KubernetesResources };
    readonly 'grafana.ini': { readonly server: { readonly root_url: string } };
    readonly additionalDataSources: readonly {
      readonly name: string;
      readonly type: 'loki';
      readonly url: string;
      readonly access: 'proxy';
    }[];
  };
  readonly 'kube-state-metrics': { readonly resources: KubernetesResources };
  readonly 'prometheus-node-exporter': {
    /**
     * node-exporter needs the host (privileged Pod Security): the sub-chart puts it, its Service and
     * ServiceMonitor into this namespace rather than the release's, which enforces restricted.
     */
    readonly namespaceOverride: string;
    readonly resources: KubernetesResources;
    readonly extraArgs: readonly string[];
    readonly extraHostVolumeMounts: readonly {
      readonly name: string;
      readonly hostPath: string;
      readonly type: 'DirectoryOrCreate';
      readonly mountPath: string;
      readonly readOnly: true;
    }[];
  };
  readonly additionalPrometheusRulesMap: Readonly<Record<string, { readonly groups: readonly RuleGroup[] }>>;
}

/** Values of the node-problem-detector chart that Berth sets. */
export interface NodeProblemDetectorValues {
  readonly resources: KubernetesResources;
  readonly metrics: { readonly enabled: true; readonly serviceMonitor: { readonly enabled: true } };
  readonly tolerations: readonly { readonly operator: 'Exists'; readonly effect: 'NoSchedule' }[];
}
