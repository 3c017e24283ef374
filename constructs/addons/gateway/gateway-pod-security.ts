import { CHART_DEFAULT, RenderedChartPods } from '../core/rendered-pods';

/** Pods of the Envoy Gateway chart (pin `ENVOY_GATEWAY_CHART`), hooks included, as it renders them with Berth's values. */
export const ENVOY_GATEWAY_RENDERED_PODS: RenderedChartPods = {
  chart: 'gateway-helm',
  version: 'v1.9.0',
  release: 'envoy-gateway',
  source: 'envoyproxy/gateway charts/gateway-helm at tag v1.9.0',
  values: {
    'certgen.job.pod.securityContext': CHART_DEFAULT,
    'certgen.job.securityContext': CHART_DEFAULT,
    'deployment.envoyGateway.securityContext': CHART_DEFAULT,
    'deployment.pod.extraVolumes': CHART_DEFAULT,
    'deployment.pod.securityContext': CHART_DEFAULT,
  },
  pods: [
    {
      kind: 'Deployment',
      name: 'envoy-gateway',
      namespace: 'envoy-gateway-system',
      template: 'templates/envoy-gateway-deployment.yaml',
      valuesKeys: [
        'deployment.pod.securityContext',
        'deployment.envoyGateway.securityContext',
        'deployment.pod.extraVolumes',
      ],
      spec: {
        securityContext: {
          fsGroup: 65532,
          runAsGroup: 65532,
          runAsNonRoot: true,
          runAsUser: 65532,
          seccompProfile: {
            type: 'RuntimeDefault',
          },
        },
        containers: [
          {
            name: 'envoy-gateway',
            securityContext: {
              allowPrivilegeEscalation: false,
              capabilities: {
                drop: ['ALL'],
              },
              privileged: false,
              readOnlyRootFilesystem: true,
              runAsGroup: 65532,
              runAsNonRoot: true,
              runAsUser: 65532,
              seccompProfile: {
                type: 'RuntimeDefault',
              },
            },
          },
        ],
        volumes: [
          {
            name: 'envoy-gateway-config',
            configMap: {},
          },
          {
            name: 'certs',
            secret: {},
          },
          {
            name: 'wasm-cache',
            emptyDir: {},
          },
        ],
      },
    },
    {
      kind: 'Job',
      name: 'envoy-gateway-gateway-helm-certgen',
      namespace: 'envoy-gateway-system',
      template: 'templates/certgen.yaml',
      valuesKeys: ['certgen.job.pod.securityContext', 'certgen.job.securityContext'],
      hook: 'pre-install, pre-upgrade',
      spec: {
        securityContext: {
          fsGroup: 65532,
          runAsGroup: 65532,
          runAsNonRoot: true,
          runAsUser: 65532,
          seccompProfile: {
            type: 'RuntimeDefault',
          },
        },
        containers: [
          {
            name: 'envoy-gateway-certgen',
            securityContext: {
              allowPrivilegeEscalation: false,
              capabilities: {
                drop: ['ALL'],
              },
              privileged: false,
              readOnlyRootFilesystem: true,
              runAsGroup: 65532,
              runAsNonRoot: true,
              runAsUser: 65532,
              seccompProfile: {
                type: 'RuntimeDefault',
              },
            },
          },
        ],
      },
    },
  ],
};
