import { AddonName, ResolvedAddons } from '../../../config';
import { AddonDefinition } from '../core/addon-definition';
import { KUBELET_CSR_APPROVER_CHART, KubeletCsrApprover } from './kubelet-csr-approver';

/** kubelet-csr-approver: kubelets get serving certificates signed by the cluster CA. */
export const KUBELET_CSR_APPROVER_ADDON: AddonDefinition<
  ResolvedAddons['kubeletCsrApprover'],
  KubeletCsrApprover
> = {
  name: AddonName.KUBELET_CSR_APPROVER,
  id: 'kubelet-csr-approver',
  charts: [KUBELET_CSR_APPROVER_CHART],
  settings: (cluster) => cluster.addons.kubeletCsrApprover,
  install: (scope, { id, cluster, platformName, dependsOn }) =>
    new KubeletCsrApprover(scope, id, {
      nodeNamePrefix: `${platformName}-${cluster.name}`,
      nodeCidr: cluster.nodeCidr,
      dependsOn,
    }),
};
