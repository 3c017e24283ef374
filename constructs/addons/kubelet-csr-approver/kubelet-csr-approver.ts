import { Construct } from 'constructs';
import { ITerraformDependable } from 'cdktf';
import { AddonName, Cidr } from '../../../config';
import { PlatformAddon } from '../core/addon';
import { AddonFootprint, WorkloadKind, container, scheduled } from '../core/footprint';
import { HelmAddonRelease, HelmChartRef } from '../core/helm-chart';
import { KubernetesObject } from '../core/kubernetes-object';
import { PlatformNamespace } from '../../../config/platform-names';
import { KubernetesResources, fixedResources, toKubernetesResources } from '../core/resources';
import { KUBELET_CSR_APPROVER_IMAGES } from './kubelet-csr-approver-images';

export const KUBELET_CSR_APPROVER_CHART: HelmChartRef = {
  repository: 'https://postfinance.github.io/kubelet-csr-approver',
  chart: 'kubelet-csr-approver',
  version: '1.2.14',
  confirmedAt:
    "tag v1.2.14 of postfinance/kubelet-csr-approver (commit 'Publish kubelet-csr-approver-1.2.14.tgz')",
  images: KUBELET_CSR_APPROVER_IMAGES,
};

const RESOURCES = fixedResources('10m', '16Mi', '100m', '64Mi');

/** Values of the kubelet-csr-approver chart that Berth sets (checked against the chart at 1.2.14). */
export interface KubeletCsrApproverChartValues {
  /** Every DNS name in a serving CSR must match it (and start with the requesting node's name). */
  readonly providerRegex: string;
  /** Every IP address in a serving CSR must lie in one of these. */
  readonly providerIpPrefixes: readonly string[];
  /** Node names do not resolve in the cluster's DNS; the name and address checks above still apply. */
  readonly bypassDnsResolution: true;
  /** One DNS name per certificate: the node's own. */
  readonly allowedDnsNames: 1;
  readonly replicas: number;
  readonly leaderElection: true;
  readonly metrics: { readonly enable: false };
  readonly resources: KubernetesResources;
}

export interface KubeletCsrApproverProps {
  /** Prefix every node name starts with, e.g. `berth-main` (servers are `<prefix>-<role or pool>-<n>`). */
  readonly nodeNamePrefix: string;
  /** The node network: the only addresses a kubelet serving certificate may name. */
  readonly nodeCidr: Cidr;
  /** What must exist first. @default nothing */
  readonly dependsOn?: readonly ITerraformDependable[];
}

/**
 * kubelet-csr-approver: approves the serving-certificate requests kubelets send when `serverTLSBootstrap`
 * is on (signer `kubernetes.io/kubelet-serving`, which Kubernetes never approves by itself), after
 * checking that the requester is `system:node:<name>`, that the certificate's common name is that user,
 * that its one DNS name starts with the node name and matches Berth's node names, and that every IP
 * address lies in the node network; anything else is denied. The certificates are then signed by the
 * cluster CA, so metrics-server (and the API server) can verify the kubelets.
 */
export class KubeletCsrApprover extends Construct implements PlatformAddon {
  public readonly addonName = AddonName.KUBELET_CSR_APPROVER;
  public readonly footprint: AddonFootprint;
  public readonly releases: readonly HelmAddonRelease<object>[];
  public readonly objects: readonly KubernetesObject[] = [];
  public readonly ready: readonly ITerraformDependable[];
  public readonly helm: HelmAddonRelease<KubeletCsrApproverChartValues>;

  constructor(scope: Construct, id: string, props: KubeletCsrApproverProps) {
    super(scope, id);
    if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(props.nodeNamePrefix)) {
      throw new Error(`internal: node name prefix "${props.nodeNamePrefix}" is not a DNS label`);
    }
    this.footprint = {
      addon: this.addonName,
      workloads: [
        scheduled(WorkloadKind.DEPLOYMENT, 'kubelet-csr-approver', 1, [
          container('kubelet-csr-approver', RESOURCES),
        ]),
      ],
    };
    this.helm = new HelmAddonRelease<KubeletCsrApproverChartValues>(this, 'kubelet-csr-approver', {
      chart: KUBELET_CSR_APPROVER_CHART,
      releaseName: 'kubelet-csr-approver',
      namespace: PlatformNamespace.KUBE_SYSTEM,
      values: {
        providerRegex: kubeletServingNamePattern(props.nodeNamePrefix),
        providerIpPrefixes: [props.nodeCidr.toString()],
        bypassDnsResolution: true,
        allowedDnsNames: 1,
        replicas: 1,
        leaderElection: true,
        metrics: { enable: false },
        resources: toKubernetesResources(RESOURCES),
      },
      dependsOn: props.dependsOn,
    });
    this.releases = [this.helm];
    this.ready = [this.helm.release];
  }
}

/** The regular expression every node name of the cluster matches: `<prefix>-` and a DNS label's rest. */
export function kubeletServingNamePattern(nodeNamePrefix: string): string {
  return `^${nodeNamePrefix}-[a-z0-9]([-a-z0-9]*[a-z0-9])?$`;
}
