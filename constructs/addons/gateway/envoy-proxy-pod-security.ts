import { CHART_DEFAULT, RenderedChartPods } from '../core/rendered-pods';

/** Security context Envoy Gateway v1.9.0 gives a proxy container when the EnvoyProxy sets none. */
const PROXY_CONTAINER = {
  allowPrivilegeEscalation: false,
  capabilities: { drop: ['ALL'] },
  privileged: false,
  runAsNonRoot: true,
  seccompProfile: { type: 'RuntimeDefault' },
  runAsGroup: 65532,
  runAsUser: 65532,
};

/**
 * The Envoy proxies' pod, which Envoy Gateway's controller (the chart's appVersion v1.9.0) builds from
 * the Gateway and Berth's `EnvoyProxy` resource: read from the controller's source, not a chart. Its
 * `values` are keys of the EnvoyProxy resource Berth writes (`envoyProxy()` in envoy-proxy.ts).
 */
export const ENVOY_PROXY_RENDERED_PODS: RenderedChartPods = {
  chart: 'gateway-helm',
  version: 'v1.9.0',
  release: 'envoy-gateway',
  source:
    'envoyproxy/gateway at tag v1.9.0: internal/infrastructure/kubernetes/proxy/resource_provider.go (Deployment), ' +
    'resource.go (expectedEnvoySecurityContext, expectedShutdownManagerSecurityContext, expectedVolumes), ' +
    'internal/infrastructure/kubernetes/resource/resource.go (DefaultSecurityContext)',
  values: {
    'spec.provider.kubernetes.envoyDeployment.container.securityContext': CHART_DEFAULT,
    'spec.provider.kubernetes.envoyDeployment.container.volumeMounts': CHART_DEFAULT,
    'spec.provider.kubernetes.envoyDeployment.initContainers': CHART_DEFAULT,
    // Merged by container name into the Deployment: it sets the shutdown manager's resources only.
    'spec.provider.kubernetes.envoyDeployment.patch': {
      type: 'StrategicMerge',
      value: {
        spec: {
          template: {
            spec: {
              containers: [
                {
                  name: 'shutdown-manager',
                  resources: {
                    requests: { cpu: '10m', memory: '16Mi' },
                    limits: { cpu: '50m', memory: '32Mi' },
                  },
                },
              ],
            },
          },
        },
      },
    },
    'spec.provider.kubernetes.envoyDeployment.pod.securityContext': CHART_DEFAULT,
    'spec.provider.kubernetes.envoyDeployment.pod.volumes': CHART_DEFAULT,
  },
  pods: [
    {
      kind: 'Deployment',
      name: 'envoy-gateway-apps',
      namespace: 'envoy-gateway-system',
      operator: 'envoy-gateway v1.9.0',
      template:
        'proxy.ResourceRender.Deployment: containers envoy and shutdown-manager with the default security ' +
        'context minus readOnlyRootFilesystem, pod securityContext and initContainers from the EnvoyProxy, ' +
        'volumes certs (secret), sds (configMap), sa-token (projected) plus the EnvoyProxy pod volumes; ' +
        'listener ports below 1024 are shifted by 10000 so no capability is needed',
      valuesKeys: [
        'spec.provider.kubernetes.envoyDeployment.container.securityContext',
        'spec.provider.kubernetes.envoyDeployment.container.volumeMounts',
        'spec.provider.kubernetes.envoyDeployment.initContainers',
        'spec.provider.kubernetes.envoyDeployment.patch',
        'spec.provider.kubernetes.envoyDeployment.pod.securityContext',
        'spec.provider.kubernetes.envoyDeployment.pod.volumes',
      ],
      spec: {
        containers: [
          { name: 'envoy', securityContext: PROXY_CONTAINER },
          { name: 'shutdown-manager', securityContext: PROXY_CONTAINER },
        ],
        volumes: [
          { name: 'certs', secret: {} },
          { name: 'sds', configMap: {} },
          { name: 'sa-token', projected: {} },
        ],
      },
    },
  ],
};
