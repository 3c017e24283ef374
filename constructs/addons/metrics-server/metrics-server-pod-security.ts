import { CHART_DEFAULT, RenderedChartPods } from '../core/rendered-pods';

/** Pods of the metrics-server chart (pin `METRICS_SERVER_CHART`) as it renders them with Berth's values. */
export const METRICS_SERVER_RENDERED_PODS: RenderedChartPods = {
  chart: 'metrics-server',
  version: '3.13.0',
  release: 'metrics-server',
  source: 'kubernetes-sigs/metrics-server charts/metrics-server at tag metrics-server-helm-chart-3.13.0',
  values: {
    'addonResizer.enabled': CHART_DEFAULT,
    'addonResizer.securityContext': CHART_DEFAULT,
    extraVolumes: CHART_DEFAULT,
    'hostNetwork.enabled': CHART_DEFAULT,
    podSecurityContext: CHART_DEFAULT,
    securityContext: CHART_DEFAULT,
  },
  pods: [
    {
      kind: 'Deployment',
      name: 'metrics-server',
      namespace: 'kube-system',
      template: 'templates/deployment.yaml',
      valuesKeys: [
        'podSecurityContext',
        'securityContext',
        'hostNetwork.enabled',
        'extraVolumes',
        'addonResizer.enabled',
        'addonResizer.securityContext',
      ],
      spec: {
        containers: [
          {
            name: 'metrics-server',
            securityContext: {
              allowPrivilegeEscalation: false,
              capabilities: {
                drop: ['ALL'],
              },
              readOnlyRootFilesystem: true,
              runAsNonRoot: true,
              runAsUser: 1000,
              seccompProfile: {
                type: 'RuntimeDefault',
              },
            },
          },
        ],
        volumes: [
          {
            name: 'tmp',
            emptyDir: {},
          },
        ],
      },
    },
  ],
};
