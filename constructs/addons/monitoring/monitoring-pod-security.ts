import { CHART_DEFAULT, RenderedChartPods } from '../core/rendered-pods';

/** Pods of the kube-prometheus-stack chart (pin `KUBE_PROMETHEUS_STACK_CHART`) with its sub-charts and hooks, and the Prometheus and Alertmanager StatefulSets its operator builds from the custom resources the chart renders, with Berth's values. */
export const KUBE_PROMETHEUS_STACK_RENDERED_PODS: RenderedChartPods = {
  chart: 'kube-prometheus-stack',
  version: '88.3.0',
  release: 'monitoring',
  source:
    'prometheus-community/helm-charts charts/kube-prometheus-stack at tag kube-prometheus-stack-88.3.0; sub-charts at tags kube-state-metrics-8.2.0, prometheus-node-exporter-4.56.1 (same repository) and grafana-12.10.4 (grafana-community/helm-charts)',
  values: {
    'alertmanager.alertmanagerSpec.containers': CHART_DEFAULT,
    'alertmanager.alertmanagerSpec.hostNetwork': CHART_DEFAULT,
    'alertmanager.alertmanagerSpec.initContainers': CHART_DEFAULT,
    'alertmanager.alertmanagerSpec.securityContext': CHART_DEFAULT,
    'alertmanager.alertmanagerSpec.volumes': CHART_DEFAULT,
    'grafana.containerSecurityContext': CHART_DEFAULT,
    'grafana.extraVolumes': CHART_DEFAULT,
    'grafana.initChownData.enabled': CHART_DEFAULT,
    'grafana.persistence.enabled': false,
    'grafana.securityContext': CHART_DEFAULT,
    'grafana.sidecar.dashboards.enabled': CHART_DEFAULT,
    'grafana.sidecar.datasources.enabled': CHART_DEFAULT,
    'grafana.sidecar.securityContext': CHART_DEFAULT,
    'kube-state-metrics.containerSecurityContext': CHART_DEFAULT,
    'kube-state-metrics.hostNetwork': CHART_DEFAULT,
    'kube-state-metrics.kubeRBACProxy.enabled': CHART_DEFAULT,
    'kube-state-metrics.securityContext': CHART_DEFAULT,
    'kube-state-metrics.volumes': CHART_DEFAULT,
    'prometheus-node-exporter.containerSecurityContext': CHART_DEFAULT,
    'prometheus-node-exporter.extraHostVolumeMounts': [
      {
        name: 'berth-node-metrics',
        hostPath: '/var/lib/node-exporter/textfile',
        type: 'DirectoryOrCreate',
        mountPath: '/var/lib/node-exporter/textfile',
        readOnly: true,
      },
    ],
    'prometheus-node-exporter.extraVolumes': CHART_DEFAULT,
    'prometheus-node-exporter.hostIPC': CHART_DEFAULT,
    'prometheus-node-exporter.hostNetwork': CHART_DEFAULT,
    'prometheus-node-exporter.hostPID': CHART_DEFAULT,
    'prometheus-node-exporter.hostRootFsMount.enabled': CHART_DEFAULT,
    'prometheus-node-exporter.kubeRBACProxy.enabled': CHART_DEFAULT,
    'prometheus-node-exporter.namespaceOverride': 'monitoring-agents',
    'prometheus-node-exporter.securityContext': CHART_DEFAULT,
    'prometheus.prometheusSpec.containers': CHART_DEFAULT,
    'prometheus.prometheusSpec.hostNetwork': CHART_DEFAULT,
    'prometheus.prometheusSpec.initContainers': CHART_DEFAULT,
    'prometheus.prometheusSpec.securityContext': CHART_DEFAULT,
    'prometheus.prometheusSpec.volumes': CHART_DEFAULT,
    'prometheusOperator.admissionWebhooks.createSecretJob.securityContext': CHART_DEFAULT,
    'prometheusOperator.admissionWebhooks.patch.securityContext': CHART_DEFAULT,
    'prometheusOperator.admissionWebhooks.patchWebhookJob.securityContext': CHART_DEFAULT,
    'prometheusOperator.containerSecurityContext': CHART_DEFAULT,
    'prometheusOperator.extraVolumes': CHART_DEFAULT,
    'prometheusOperator.hostNetwork': CHART_DEFAULT,
    'prometheusOperator.securityContext': CHART_DEFAULT,
  },
  pods: [
    {
      kind: 'DaemonSet',
      name: 'monitoring-prometheus-node-exporter',
      namespace: 'monitoring-agents',
      template: 'charts/prometheus-node-exporter/templates/daemonset.yaml',
      valuesKeys: [
        'prometheus-node-exporter.namespaceOverride',
        'prometheus-node-exporter.securityContext',
        'prometheus-node-exporter.containerSecurityContext',
        'prometheus-node-exporter.hostNetwork',
        'prometheus-node-exporter.hostPID',
        'prometheus-node-exporter.hostIPC',
        'prometheus-node-exporter.hostRootFsMount.enabled',
        'prometheus-node-exporter.extraVolumes',
        'prometheus-node-exporter.extraHostVolumeMounts',
        'prometheus-node-exporter.kubeRBACProxy.enabled',
      ],
      spec: {
        hostNetwork: true,
        hostPID: true,
        hostIPC: false,
        securityContext: {
          fsGroup: 65534,
          runAsGroup: 65534,
          runAsNonRoot: true,
          runAsUser: 65534,
        },
        containers: [
          {
            name: 'node-exporter',
            securityContext: {
              readOnlyRootFilesystem: true,
            },
          },
        ],
        volumes: [
          {
            name: 'proc',
            hostPath: {
              path: '/proc',
            },
          },
          {
            name: 'sys',
            hostPath: {
              path: '/sys',
            },
          },
          {
            name: 'root',
            hostPath: {
              path: '/',
            },
          },
          {
            name: 'berth-node-metrics',
            hostPath: {
              path: '/var/lib/node-exporter/textfile',
              type: 'DirectoryOrCreate',
            },
          },
        ],
      },
    },
    {
      kind: 'Deployment',
      name: 'monitoring-grafana',
      namespace: 'monitoring',
      template: 'charts/grafana/templates/deployment.yaml with charts/grafana/templates/_pod.tpl',
      valuesKeys: [
        'grafana.securityContext',
        'grafana.containerSecurityContext',
        'grafana.initChownData.enabled',
        'grafana.sidecar.securityContext',
        'grafana.sidecar.dashboards.enabled',
        'grafana.sidecar.datasources.enabled',
        'grafana.extraVolumes',
        'grafana.persistence.enabled',
      ],
      spec: {
        securityContext: {
          fsGroup: 472,
          runAsGroup: 472,
          runAsNonRoot: true,
          runAsUser: 472,
        },
        containers: [
          {
            name: 'grafana-sc-dashboard',
            securityContext: {
              allowPrivilegeEscalation: false,
              capabilities: {
                drop: ['ALL'],
              },
              seccompProfile: {
                type: 'RuntimeDefault',
              },
            },
          },
          {
            name: 'grafana-sc-datasources',
            securityContext: {
              allowPrivilegeEscalation: false,
              capabilities: {
                drop: ['ALL'],
              },
              seccompProfile: {
                type: 'RuntimeDefault',
              },
            },
          },
          {
            name: 'grafana',
            securityContext: {
              allowPrivilegeEscalation: false,
              capabilities: {
                drop: ['ALL'],
              },
              privileged: false,
              seccompProfile: {
                type: 'RuntimeDefault',
              },
            },
          },
        ],
        volumes: [
          {
            name: 'config',
            configMap: {},
          },
          {
            name: 'storage',
            emptyDir: {},
          },
          {
            name: 'search',
            emptyDir: {},
          },
          {
            name: 'sc-dashboard-volume',
            emptyDir: {},
          },
          {
            name: 'sc-dashboard-provider',
            configMap: {},
          },
          {
            name: 'sc-datasources-volume',
            emptyDir: {},
          },
        ],
      },
    },
    {
      kind: 'Deployment',
      name: 'monitoring-kube-state-metrics',
      namespace: 'monitoring',
      template: 'charts/kube-state-metrics/templates/deployment.yaml',
      valuesKeys: [
        'kube-state-metrics.securityContext',
        'kube-state-metrics.containerSecurityContext',
        'kube-state-metrics.hostNetwork',
        'kube-state-metrics.kubeRBACProxy.enabled',
        'kube-state-metrics.volumes',
      ],
      spec: {
        hostNetwork: false,
        securityContext: {
          fsGroup: 65534,
          runAsGroup: 65534,
          runAsNonRoot: true,
          runAsUser: 65534,
          seccompProfile: {
            type: 'RuntimeDefault',
          },
        },
        containers: [
          {
            name: 'kube-state-metrics',
            securityContext: {
              allowPrivilegeEscalation: false,
              capabilities: {
                drop: ['ALL'],
              },
              readOnlyRootFilesystem: true,
            },
          },
        ],
      },
    },
    {
      kind: 'Deployment',
      name: 'monitoring-kube-prometheus-operator',
      namespace: 'monitoring',
      template: 'templates/prometheus-operator/deployment.yaml',
      valuesKeys: [
        'prometheusOperator.securityContext',
        'prometheusOperator.containerSecurityContext',
        'prometheusOperator.hostNetwork',
        'prometheusOperator.extraVolumes',
      ],
      spec: {
        securityContext: {
          fsGroup: 65534,
          runAsGroup: 65534,
          runAsNonRoot: true,
          runAsUser: 65534,
          seccompProfile: {
            type: 'RuntimeDefault',
          },
        },
        containers: [
          {
            name: 'kube-prometheus-stack',
            securityContext: {
              allowPrivilegeEscalation: false,
              capabilities: {
                drop: ['ALL'],
              },
              readOnlyRootFilesystem: true,
            },
          },
        ],
        volumes: [
          {
            name: 'tls-secret',
            secret: {},
          },
        ],
      },
    },
    {
      kind: 'Job',
      name: 'monitoring-kube-prometheus-admission-create',
      namespace: 'monitoring',
      template: 'templates/prometheus-operator/admission-webhooks/job-patch/job-createSecret.yaml',
      valuesKeys: [
        'prometheusOperator.admissionWebhooks.patch.securityContext',
        'prometheusOperator.admissionWebhooks.createSecretJob.securityContext',
      ],
      hook: 'pre-install,pre-upgrade',
      spec: {
        securityContext: {
          runAsGroup: 2000,
          runAsNonRoot: true,
          runAsUser: 2000,
          seccompProfile: {
            type: 'RuntimeDefault',
          },
        },
        containers: [
          {
            name: 'create',
            securityContext: {
              allowPrivilegeEscalation: false,
              capabilities: {
                drop: ['ALL'],
              },
              readOnlyRootFilesystem: true,
            },
          },
        ],
      },
    },
    {
      kind: 'Job',
      name: 'monitoring-kube-prometheus-admission-patch',
      namespace: 'monitoring',
      template: 'templates/prometheus-operator/admission-webhooks/job-patch/job-patchWebhook.yaml',
      valuesKeys: [
        'prometheusOperator.admissionWebhooks.patch.securityContext',
        'prometheusOperator.admissionWebhooks.patchWebhookJob.securityContext',
      ],
      hook: 'post-install,post-upgrade',
      spec: {
        securityContext: {
          runAsGroup: 2000,
          runAsNonRoot: true,
          runAsUser: 2000,
          seccompProfile: {
            type: 'RuntimeDefault',
          },
        },
        containers: [
          {
            name: 'patch',
            securityContext: {
              allowPrivilegeEscalation: false,
              capabilities: {
                drop: ['ALL'],
              },
              readOnlyRootFilesystem: true,
            },
          },
        ],
      },
    },
    {
      kind: 'StatefulSet',
      name: 'alertmanager-monitoring-kube-prometheus-alertmanager',
      namespace: 'monitoring',
      operator: 'prometheus-operator v0.93.0',
      template:
        "templates/alertmanager/alertmanager.yaml renders the Alertmanager resource; prometheus-operator v0.93.0 (the chart's appVersion) builds its StatefulSet in pkg/alertmanager/statefulset.go (containers' securityContext fixed there and in pkg/operator/config_reloader.go; volumes secret, projected, emptyDir, configMap; storage through volumeClaimTemplates)",
      valuesKeys: [
        'alertmanager.alertmanagerSpec.securityContext',
        'alertmanager.alertmanagerSpec.hostNetwork',
        'alertmanager.alertmanagerSpec.volumes',
        'alertmanager.alertmanagerSpec.containers',
        'alertmanager.alertmanagerSpec.initContainers',
      ],
      spec: {
        hostNetwork: false,
        securityContext: {
          fsGroup: 2000,
          runAsGroup: 2000,
          runAsNonRoot: true,
          runAsUser: 1000,
          seccompProfile: {
            type: 'RuntimeDefault',
          },
        },
        initContainers: [
          {
            name: 'init-config-reloader',
            securityContext: {
              allowPrivilegeEscalation: false,
              readOnlyRootFilesystem: true,
              capabilities: {
                drop: ['ALL'],
              },
            },
          },
        ],
        containers: [
          {
            name: 'alertmanager',
            securityContext: {
              allowPrivilegeEscalation: false,
              readOnlyRootFilesystem: true,
              capabilities: {
                drop: ['ALL'],
              },
            },
          },
          {
            name: 'config-reloader',
            securityContext: {
              allowPrivilegeEscalation: false,
              readOnlyRootFilesystem: true,
              capabilities: {
                drop: ['ALL'],
              },
            },
          },
        ],
        volumes: [
          {
            name: 'config-volume',
            secret: {},
          },
          {
            name: 'tls-assets',
            projected: {},
          },
          {
            name: 'config-out',
            emptyDir: {},
          },
          {
            name: 'web-config',
            secret: {},
          },
          {
            name: 'alertmanager-monitoring-kube-prometheus-alertmanager-db',
            emptyDir: {},
          },
        ],
      },
    },
    {
      kind: 'StatefulSet',
      name: 'prometheus-monitoring-kube-prometheus-prometheus',
      namespace: 'monitoring',
      operator: 'prometheus-operator v0.93.0',
      template:
        "templates/prometheus/prometheus.yaml renders the Prometheus resource; prometheus-operator v0.93.0 (the chart's appVersion) builds its StatefulSet in pkg/prometheus/server/statefulset.go (containers' securityContext fixed there and in pkg/operator/config_reloader.go; volumes secret, projected, emptyDir, configMap; storage through volumeClaimTemplates)",
      valuesKeys: [
        'prometheus.prometheusSpec.securityContext',
        'prometheus.prometheusSpec.hostNetwork',
        'prometheus.prometheusSpec.volumes',
        'prometheus.prometheusSpec.containers',
        'prometheus.prometheusSpec.initContainers',
      ],
      spec: {
        hostNetwork: false,
        securityContext: {
          fsGroup: 2000,
          runAsGroup: 2000,
          runAsNonRoot: true,
          runAsUser: 1000,
          seccompProfile: {
            type: 'RuntimeDefault',
          },
        },
        initContainers: [
          {
            name: 'init-config-reloader',
            securityContext: {
              allowPrivilegeEscalation: false,
              readOnlyRootFilesystem: true,
              capabilities: {
                drop: ['ALL'],
              },
            },
          },
        ],
        containers: [
          {
            name: 'prometheus',
            securityContext: {
              allowPrivilegeEscalation: false,
              readOnlyRootFilesystem: true,
              capabilities: {
                drop: ['ALL'],
              },
            },
          },
          {
            name: 'config-reloader',
            securityContext: {
              allowPrivilegeEscalation: false,
              readOnlyRootFilesystem: true,
              capabilities: {
                drop: ['ALL'],
              },
            },
          },
        ],
        volumes: [
          {
            name: 'config',
            secret: {},
          },
          {
            name: 'tls-assets',
            projected: {},
          },
          {
            name: 'config-out',
            emptyDir: {},
          },
          {
            name: 'prometheus-monitoring-kube-prometheus-prometheus-rulefiles-0',
            configMap: {},
          },
          {
            name: 'web-config',
            secret: {},
          },
        ],
      },
    },
  ],
};

/** Pods of the node-problem-detector chart (pin `NODE_PROBLEM_DETECTOR_CHART`) as it renders them with Berth's values. */
export const NODE_PROBLEM_DETECTOR_RENDERED_PODS: RenderedChartPods = {
  chart: 'node-problem-detector',
  version: '2.3.16',
  release: 'node-problem-detector',
  source:
    'deliveryhero/helm-charts stable/node-problem-detector at commit 38be560 (Chart.yaml version 2.3.16)',
  values: {
    extraVolumes: CHART_DEFAULT,
    hostNetwork: CHART_DEFAULT,
    hostPID: CHART_DEFAULT,
    securityContext: CHART_DEFAULT,
  },
  pods: [
    {
      kind: 'DaemonSet',
      name: 'node-problem-detector',
      namespace: 'monitoring-agents',
      template: 'templates/daemonset.yaml',
      valuesKeys: ['securityContext', 'hostNetwork', 'hostPID', 'extraVolumes'],
      spec: {
        hostNetwork: false,
        hostPID: false,
        containers: [
          {
            name: 'node-problem-detector',
            securityContext: {
              privileged: true,
            },
          },
        ],
        volumes: [
          {
            name: 'log',
            hostPath: {
              path: '/var/log/',
            },
          },
          {
            name: 'localtime',
            hostPath: {
              path: '/etc/localtime',
              type: 'FileOrCreate',
            },
          },
          {
            name: 'custom-config',
            configMap: {},
          },
        ],
      },
    },
  ],
};
