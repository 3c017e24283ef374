import { CHART_DEFAULT, RenderedChartPods } from '../core/rendered-pods';

/** Pods of the Headlamp chart (pin `HEADLAMP_CHART`) as it renders them with Berth's values. */
export const HEADLAMP_RENDERED_PODS: RenderedChartPods = {
  chart: 'headlamp',
  version: '0.43.0',
  release: 'headlamp',
  source: 'kubernetes-sigs/headlamp charts/headlamp at tag headlamp-helm-0.43.0',
  values: {
    hostUsers: CHART_DEFAULT,
    'pluginsManager.enabled': CHART_DEFAULT,
    podSecurityContext: {
      runAsNonRoot: true,
      seccompProfile: {
        type: 'RuntimeDefault',
      },
    },
    securityContext: {
      allowPrivilegeEscalation: false,
      privileged: false,
      readOnlyRootFilesystem: true,
      runAsNonRoot: true,
      capabilities: {
        drop: ['ALL'],
      },
      seccompProfile: {
        type: 'RuntimeDefault',
      },
      runAsUser: 100,
      runAsGroup: 101,
    },
    volumes: CHART_DEFAULT,
  },
  pods: [
    {
      kind: 'Deployment',
      name: 'headlamp',
      namespace: 'console',
      template: 'templates/deployment.yaml',
      valuesKeys: ['podSecurityContext', 'securityContext', 'volumes', 'hostUsers', 'pluginsManager.enabled'],
      spec: {
        securityContext: {
          runAsNonRoot: true,
          seccompProfile: {
            type: 'RuntimeDefault',
          },
        },
        containers: [
          {
            name: 'headlamp',
            securityContext: {
              allowPrivilegeEscalation: false,
              capabilities: {
                drop: ['ALL'],
              },
              privileged: false,
              readOnlyRootFilesystem: true,
              runAsGroup: 101,
              runAsNonRoot: true,
              runAsUser: 100,
              seccompProfile: {
                type: 'RuntimeDefault',
              },
            },
          },
        ],
        volumes: [
          {
            name: 'headlamp-tmp',
            emptyDir: {},
          },
        ],
      },
    },
  ],
};
