import { AddonName, AddonSettings, addonConfig, addonSchema, z } from '../../../config';
import { AddonDefinition } from '../core/addon-definition';
import { KUBELET_CSR_APPROVER_CHART, KubeletCsrApprover } from './kubelet-csr-approver';

/** `addons.kubeletCsrApprover`: it has no field besides `enabled`. */
export const KUBELET_CSR_APPROVER_SCHEMA = addonSchema(
  {
    doc: 'kubelet-csr-approver: kubelets get serving certificates signed by the cluster CA.',
    enabled:
      "Run kubelet-csr-approver, which approves the kubelets' serving-certificate requests (CSRs) when they name only the node itself and addresses in the node network; nodes then bootstrap serving certificates signed by the cluster CA (kubelet `serverTLSBootstrap`). Off: kubelets serve self-signed certificates, and metrics-server must skip verifying them.",
  },
  {},
);

/** `addons.kubeletCsrApprover`, as written in the platform file. */
export type KubeletCsrApproverAddonConfig = z.input<typeof KUBELET_CSR_APPROVER_SCHEMA>;

/** `addons.kubeletCsrApprover`, resolved: it has no field besides `enabled`. */
export type KubeletCsrApproverSettings = AddonSettings;

/** kubelet-csr-approver: kubelets get serving certificates signed by the cluster CA. */
export const KUBELET_CSR_APPROVER_ADDON: AddonDefinition<KubeletCsrApproverSettings, KubeletCsrApprover> = {
  name: AddonName.KUBELET_CSR_APPROVER,
  id: 'kubelet-csr-approver',
  charts: [KUBELET_CSR_APPROVER_CHART],
  config: addonConfig(KUBELET_CSR_APPROVER_SCHEMA),
  install: (scope, { id, cluster, platformName, dependsOn }) =>
    new KubeletCsrApprover(scope, id, {
      nodeNamePrefix: `${platformName}-${cluster.name}`,
      nodeCidr: cluster.nodeCidr,
      dependsOn,
    }),
};
