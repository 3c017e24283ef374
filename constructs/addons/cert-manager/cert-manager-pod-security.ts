import { CHART_DEFAULT, RenderedChartPods } from '../core/rendered-pods';

/** Pods of the cert-manager chart (pin `CERT_MANAGER_CHART`), hooks included, as it renders them with Berth's values. */
export const CERT_MANAGER_RENDERED_PODS: RenderedChartPods = {
  chart: 'cert-manager',
  version: 'v1.20.2',
  release: 'cert-manager',
  source: 'cert-manager/cert-manager deploy/charts/cert-manager at tag v1.20.2',
  values: {
    'cainjector.containerSecurityContext': CHART_DEFAULT,
    'cainjector.securityContext': CHART_DEFAULT,
    'cainjector.volumes': CHART_DEFAULT,
    containerSecurityContext: CHART_DEFAULT,
    'global.hostUsers': CHART_DEFAULT,
    securityContext: CHART_DEFAULT,
    'startupapicheck.containerSecurityContext': CHART_DEFAULT,
    'startupapicheck.enabled': CHART_DEFAULT,
    'startupapicheck.securityContext': CHART_DEFAULT,
    'startupapicheck.volumes': CHART_DEFAULT,
    volumes: CHART_DEFAULT,
    'webhook.containerSecurityContext': CHART_DEFAULT,
    'webhook.hostNetwork': CHART_DEFAULT,
    'webhook.securityContext': CHART_DEFAULT,
    'webhook.volumes': CHART_DEFAULT,
  },
  pods: [
    {
      kind: 'Deployment',
      name: 'cert-manager-cainjector',
      namespace: 'cert-manager',
      template: 'templates/cainjector-deployment.yaml',
      valuesKeys: [
        'cainjector.securityContext',
        'cainjector.containerSecurityContext',
        'cainjector.volumes',
        'global.hostUsers',
      ],
      spec: {
        securityContext: {
          runAsNonRoot: true,
          seccompProfile: {
            type: 'RuntimeDefault',
          },
        },
        containers: [
          {
            name: 'cert-manager-cainjector',
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
      name: 'cert-manager',
      namespace: 'cert-manager',
      template: 'templates/deployment.yaml',
      valuesKeys: ['securityContext', 'containerSecurityContext', 'volumes', 'global.hostUsers'],
      spec: {
        securityContext: {
          runAsNonRoot: true,
          seccompProfile: {
            type: 'RuntimeDefault',
          },
        },
        containers: [
          {
            name: 'cert-manager-controller',
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
            name: 'config',
            configMap: {},
          },
        ],
      },
    },
    {
      kind: 'Deployment',
      name: 'cert-manager-webhook',
      namespace: 'cert-manager',
      template: 'templates/webhook-deployment.yaml',
      valuesKeys: [
        'webhook.securityContext',
        'webhook.containerSecurityContext',
        'webhook.hostNetwork',
        'webhook.volumes',
        'global.hostUsers',
      ],
      spec: {
        securityContext: {
          runAsNonRoot: true,
          seccompProfile: {
            type: 'RuntimeDefault',
          },
        },
        containers: [
          {
            name: 'cert-manager-webhook',
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
      name: 'cert-manager-startupapicheck',
      namespace: 'cert-manager',
      template: 'templates/startupapicheck-job.yaml',
      valuesKeys: [
        'startupapicheck.enabled',
        'startupapicheck.securityContext',
        'startupapicheck.containerSecurityContext',
        'startupapicheck.volumes',
        'global.hostUsers',
      ],
      hook: 'post-install',
      spec: {
        securityContext: {
          runAsNonRoot: true,
          seccompProfile: {
            type: 'RuntimeDefault',
          },
        },
        containers: [
          {
            name: 'cert-manager-startupapicheck',
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
  ],
};
