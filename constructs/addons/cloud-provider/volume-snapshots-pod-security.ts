import { CHART_DEFAULT, RenderedChartPods } from '../core/rendered-pods';

/** Pods of the snapshot-controller chart (pin `SNAPSHOT_CONTROLLER_CHART`) as it renders them with Berth's values. */
export const SNAPSHOT_CONTROLLER_RENDERED_PODS: RenderedChartPods = {
  chart: 'snapshot-controller',
  version: '5.2.0',
  release: 'snapshot-controller',
  source: 'piraeusdatastore/helm-charts charts/snapshot-controller at tag snapshot-controller-5.2.0',
  values: {
    'controller.hostNetwork': CHART_DEFAULT,
    'controller.podSecurityContext': CHART_DEFAULT,
    'controller.securityContext': CHART_DEFAULT,
  },
  pods: [
    {
      kind: 'Deployment',
      name: 'snapshot-controller',
      namespace: 'kube-system',
      template: 'templates/deployment_controller.yaml',
      valuesKeys: ['controller.hostNetwork', 'controller.podSecurityContext', 'controller.securityContext'],
      spec: {
        hostNetwork: false,
        containers: [
          {
            name: 'snapshot-controller',
            securityContext: {
              capabilities: {
                drop: ['ALL'],
              },
              readOnlyRootFilesystem: true,
              runAsNonRoot: true,
              runAsUser: 1000,
            },
          },
        ],
      },
    },
  ],
};
