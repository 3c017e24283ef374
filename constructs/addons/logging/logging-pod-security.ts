import { CHART_DEFAULT, RenderedChartPods } from '../core/rendered-pods';

/** Pods of the Fluent Bit chart (pin `FLUENT_BIT_CHART`) as it renders them with Berth's values (its `helm test` Pod is never created). */
export const FLUENT_BIT_RENDERED_PODS: RenderedChartPods = {
  chart: 'fluent-bit',
  version: '0.58.1',
  release: 'fluent-bit',
  source: 'fluent/helm-charts charts/fluent-bit at tag fluent-bit-0.58.1',
  values: {
    daemonSetVolumes: CHART_DEFAULT,
    extraVolumes: CHART_DEFAULT,
    hostNetwork: CHART_DEFAULT,
    'hotReload.enabled': CHART_DEFAULT,
    'hotReload.securityContext': CHART_DEFAULT,
    kind: 'DaemonSet',
    podSecurityContext: CHART_DEFAULT,
    securityContext: CHART_DEFAULT,
  },
  pods: [
    {
      kind: 'DaemonSet',
      name: 'fluent-bit',
      namespace: 'logging-agents',
      template: 'templates/daemonset.yaml with templates/_pod.tpl',
      valuesKeys: [
        'kind',
        'podSecurityContext',
        'securityContext',
        'hostNetwork',
        'daemonSetVolumes',
        'extraVolumes',
        'hotReload.enabled',
        'hotReload.securityContext',
      ],
      spec: {
        hostNetwork: false,
        containers: [
          {
            name: 'fluent-bit',
          },
        ],
        volumes: [
          {
            name: 'config',
            configMap: {},
          },
          {
            name: 'varlog',
            hostPath: {
              path: '/var/log',
            },
          },
          {
            name: 'varlibdockercontainers',
            hostPath: {
              path: '/var/lib/docker/containers',
            },
          },
          {
            name: 'etcmachineid',
            hostPath: {
              path: '/etc/machine-id',
              type: 'File',
            },
          },
        ],
      },
    },
  ],
};

/** Pods of the Loki chart (pin `LOKI_CHART`) as it renders them with Berth's values (single binary; gateway, canary and caches off). */
export const LOKI_RENDERED_PODS: RenderedChartPods = {
  chart: 'loki',
  version: '6.56.1',
  release: 'loki',
  source: 'grafana-community/helm-charts charts/loki at tag loki-6.56.1',
  values: {
    deploymentMode: 'SingleBinary',
    'loki.containerSecurityContext': CHART_DEFAULT,
    'loki.podSecurityContext': {
      seccompProfile: {
        type: 'RuntimeDefault',
      },
    },
    'sidecar.rules.enabled': false,
    'sidecar.securityContext': CHART_DEFAULT,
    'singleBinary.extraVolumes': CHART_DEFAULT,
    'singleBinary.hostUsers': CHART_DEFAULT,
  },
  pods: [
    {
      kind: 'StatefulSet',
      name: 'loki',
      namespace: 'logging',
      template: 'templates/single-binary/statefulset.yaml',
      valuesKeys: [
        'deploymentMode',
        'loki.podSecurityContext',
        'loki.containerSecurityContext',
        'singleBinary.extraVolumes',
        'singleBinary.hostUsers',
        'sidecar.rules.enabled',
        'sidecar.securityContext',
      ],
      spec: {
        securityContext: {
          fsGroup: 10001,
          fsGroupChangePolicy: 'OnRootMismatch',
          runAsGroup: 10001,
          runAsNonRoot: true,
          runAsUser: 10001,
          seccompProfile: {
            type: 'RuntimeDefault',
          },
        },
        containers: [
          {
            name: 'loki',
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
            name: 'tmp',
            emptyDir: {},
          },
          {
            name: 'config',
            configMap: {},
          },
          {
            name: 'runtime-config',
            configMap: {},
          },
        ],
      },
    },
  ],
};
