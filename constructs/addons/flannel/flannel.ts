import { Construct } from 'constructs';
import { ITerraformDependable } from 'cdktf';
import { AddonName, Cidr, ResolvedResources } from '../../../config';
import { FLANNEL_VXLAN_PORT } from '../../cluster/cluster-ports';
import { PlatformAddon } from '../core/addon';
import { AddonNamespace, PodSecurityLevel } from '../core/addon-namespace';
import { AddonFootprint, ContainerFootprint, Placement, container, daemonSet } from '../core/footprint';
import { KubernetesObject } from '../core/kubernetes-object';
import { HelmAddonRelease, HelmChartRef } from '../core/helm-chart';
import { PlatformNamespace } from '../../../config/platform-names';
import { KubernetesResources, fixedResources, toKubernetesResources } from '../core/resources';
import { FLANNEL_IMAGE, FLANNEL_IMAGES } from './flannel-images';
import { recordedTag } from '../core/image-digests';

/**
 * UDP port of flannel's VXLAN backend. Defined once, in the cluster's port catalogue that the security
 * groups open (constructs/cluster-ports.ts); re-exported here for the add-on side.
 */
export { FLANNEL_VXLAN_PORT };

/** The flannel chart (flannel's own, published with each release). */
export const FLANNEL_CHART: HelmChartRef = {
  repository: 'https://flannel-io.github.io/flannel/',
  chart: 'flannel',
  version: 'v0.28.9',
  confirmedAt: 'tag v0.28.9 of flannel-io/flannel (chart/kube-flannel/Chart.yaml version v0.28.9)',
  images: FLANNEL_IMAGES,
};

/** Resources of the kube-network-policies sidecar, fixed by the flannel chart (no limits). */
const NETWORK_POLICY_SIDECAR: ContainerFootprint = {
  name: 'kube-network-policies',
  requests: fixedResources('100m', '50Mi', '100m', '50Mi').requests,
  fixedBy: `the flannel chart ${FLANNEL_CHART.version}`,
};

/** Values of the flannel chart that Berth sets. */
export interface FlannelChartValues {
  /** The cluster's pod network; flannel gives each node a /24 of it. */
  readonly podCidr: string;
  readonly flannel: {
    readonly image: { readonly repository: string; readonly tag: string };
    readonly backend: 'vxlan';
    readonly backendPort: number;
    readonly resources: KubernetesResources;
    readonly tolerations: readonly {
      readonly operator: 'Exists';
      readonly effect: 'NoSchedule' | 'NoExecute';
    }[];
  };
  /** kube-network-policies: enforces NetworkPolicies, which flannel alone ignores. */
  readonly netpol: { readonly enabled: boolean };
}

export interface FlannelProps {
  /** The cluster's pod network (kubeadm's podSubnet). */
  readonly podCidr: Cidr;
  /** Enforce NetworkPolicies. */
  readonly networkPolicies: boolean;
  /** Resources of the flanneld container. */
  readonly resources: ResolvedResources;
  /** What must exist first. @default nothing */
  readonly dependsOn?: readonly ITerraformDependable[];
}

/** flannel with the VXLAN backend on every node, masters included. */
export class Flannel extends Construct implements PlatformAddon {
  public readonly addonName = AddonName.FLANNEL;
  public readonly footprint: AddonFootprint;
  public readonly releases: readonly HelmAddonRelease<object>[];
  public readonly objects: readonly KubernetesObject[] = [];
  public readonly ready: readonly ITerraformDependable[];
  public readonly helm: HelmAddonRelease<FlannelChartValues>;

  constructor(scope: Construct, id: string, props: FlannelProps) {
    super(scope, id);
    // The CNI runs with host networking and NET_ADMIN: it cannot run under a stricter standard.
    const namespace = new AddonNamespace(this, 'namespace', {
      name: PlatformNamespace.FLANNEL,
      podSecurity: PodSecurityLevel.PRIVILEGED,
    });
    this.footprint = {
      addon: this.addonName,
      workloads: [
        daemonSet('kube-flannel-ds', Placement.EVERY_NODE, [
          container('kube-flannel', props.resources),
          ...(props.networkPolicies ? [NETWORK_POLICY_SIDECAR] : []),
        ]),
      ],
    };
    this.helm = new HelmAddonRelease<FlannelChartValues>(this, 'flannel', {
      chart: FLANNEL_CHART,
      releaseName: 'flannel',
      namespace: PlatformNamespace.FLANNEL,
      values: {
        podCidr: props.podCidr.toString(),
        flannel: {
          image: { repository: FLANNEL_IMAGE.repository, tag: recordedTag(FLANNEL_IMAGE) },
          backend: 'vxlan',
          backendPort: FLANNEL_VXLAN_PORT,
          resources: toKubernetesResources(props.resources),
          tolerations: [
            { operator: 'Exists', effect: 'NoSchedule' },
            { operator: 'Exists', effect: 'NoExecute' },
          ],
        },
        netpol: { enabled: props.networkPolicies },
      },
      dependsOn: [namespace.namespace, ...(props.dependsOn ?? [])],
    });
    this.releases = [this.helm];
    this.ready = [this.helm.release];
  }
}
