import { Construct } from 'constructs';
import { ITerraformDependable } from 'cdktf';
import { AddonName } from '../../../config';
import { PlatformAddon } from '../core/addon';
import { AddonFootprint, WorkloadKind, container, scheduled } from '../core/footprint';
import { KubernetesObject } from '../core/kubernetes-object';
import { HelmAddonRelease, HelmChartRef } from '../core/helm-chart';
import { PlatformNamespace } from '../../../config/platform-names';
import { KubernetesResources, fixedResources, toKubernetesResources } from '../core/resources';
import { METRICS_SERVER_IMAGES } from './metrics-server-images';

export const METRICS_SERVER_CHART: HelmChartRef = {
  repository: 'https://kubernetes-sigs.github.io/metrics-server/',
  chart: 'metrics-server',
  version: '3.13.0',
  confirmedAt: 'gh-pages index.yaml entry metrics-server 3.13.0 of kubernetes-sigs/metrics-server',
  images: METRICS_SERVER_IMAGES,
};

/** metrics-server keeps about 2 MiB per node beyond its base: 128 MiB covers clusters of dozens of nodes. */
const RESOURCES = fixedResources('50m', '64Mi', '200m', '128Mi');

/** Values of the metrics-server chart that Berth sets. */
export interface MetricsServerChartValues {
  readonly replicas: number;
  readonly args: readonly string[];
  readonly resources: KubernetesResources;
}

export interface MetricsServerProps {
  /** Skip verifying kubelets' self-signed serving certificates. */
  readonly kubeletInsecureTls: boolean;
  /** What must exist first. @default nothing */
  readonly dependsOn?: readonly ITerraformDependable[];
}

/** metrics-server: CPU and memory of pods and nodes for `kubectl top` and HorizontalPodAutoscalers. */
export class MetricsServer extends Construct implements PlatformAddon {
  public readonly addonName = AddonName.METRICS_SERVER;
  public readonly footprint: AddonFootprint;
  public readonly releases: readonly HelmAddonRelease<object>[];
  public readonly objects: readonly KubernetesObject[] = [];
  public readonly ready: readonly ITerraformDependable[];
  public readonly helm: HelmAddonRelease<MetricsServerChartValues>;

  constructor(scope: Construct, id: string, props: MetricsServerProps) {
    super(scope, id);
    this.footprint = {
      addon: this.addonName,
      workloads: [
        scheduled(WorkloadKind.DEPLOYMENT, 'metrics-server', 1, [container('metrics-server', RESOURCES)]),
      ],
    };
    this.helm = new HelmAddonRelease<MetricsServerChartValues>(this, 'metrics-server', {
      chart: METRICS_SERVER_CHART,
      releaseName: 'metrics-server',
      namespace: PlatformNamespace.KUBE_SYSTEM,
      values: {
        replicas: 1,
        args: [
          '--kubelet-preferred-address-types=InternalIP',
          ...(props.kubeletInsecureTls ? ['--kubelet-insecure-tls'] : []),
        ],
        resources: toKubernetesResources(RESOURCES),
      },
      dependsOn: props.dependsOn,
    });
    this.releases = [this.helm];
    this.ready = [this.helm.release];
  }
}
