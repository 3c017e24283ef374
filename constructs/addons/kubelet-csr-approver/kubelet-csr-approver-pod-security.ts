import { CHART_DEFAULT, RenderedChartPods } from '../core/rendered-pods';

/** Pods of the kubelet-csr-approver chart (pin `KUBELET_CSR_APPROVER_CHART`) as it renders them with Berth's values (its `helm test` Job is never created: Berth runs no `helm test`). */
export const KUBELET_CSR_APPROVER_RENDERED_PODS: RenderedChartPods = {
  chart: 'kubelet-csr-approver',
  version: '1.2.14',
  release: 'kubelet-csr-approver',
  source: 'postfinance/kubelet-csr-approver charts/kubelet-csr-approver at tag v1.2.14',
  values: {
    podSecurityContext: CHART_DEFAULT,
    securityContext: CHART_DEFAULT,
  },
  pods: [
    {
      kind: 'Deployment',
      name: 'kubelet-csr-approver',
      namespace: 'kube-system',
      template: 'templates/deployment.yaml',
      valuesKeys: ['podSecurityContext', 'securityContext'],
      spec: {
        containers: [
          {
            name: 'kubelet-csr-approver',
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
