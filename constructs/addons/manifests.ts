import { Construct } from 'constructs';
import { ITerraformDependable } from 'cdktf';
import { HelmAddonRelease, HelmChartRef } from './helm-chart';

/** Metadata of a Kubernetes object. */
export interface ObjectMeta {
  readonly name: string;
  readonly namespace?: string;
  readonly labels?: Readonly<Record<string, string>>;
  readonly annotations?: Readonly<Record<string, string>>;
}

/** Any Kubernetes object: core kinds come from cdk8s-plus-33's typed `k8s` classes, custom ones from this folder. */
export interface KubernetesObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: ObjectMeta;
}

/**
 * The chart that carries Berth's own typed manifests (custom resources such as the Gateway, ClusterIssuers,
 * HTTPRoutes, and the registry's workload). Going through Helm rather than `kubernetes_manifest` lets a
 * custom resource be planned before the release that installs its CRD has run.
 */
export const RAW_CHART: HelmChartRef = {
  repository: 'https://bedag.github.io/helm-charts/',
  chart: 'raw',
  version: '2.0.1',
};

/** Values of the raw chart: a list of objects, rendered as they are. */
export interface RawChartValues {
  readonly resources: readonly KubernetesObject[];
}

export interface ManifestsReleaseProps {
  /** Helm release name. */
  readonly releaseName: string;
  /** Namespace of the release (objects name their own namespaces). */
  readonly namespace: string;
  /** The objects, in apply order. */
  readonly objects: readonly KubernetesObject[];
  /** What must exist first: the releases installing the CRDs and controllers these objects need. */
  readonly dependsOn?: readonly ITerraformDependable[];
}

/** A set of Berth's own Kubernetes objects, applied as one Helm release of {@link RAW_CHART}. */
export class ManifestsRelease extends Construct {
  public readonly helm: HelmAddonRelease<RawChartValues>;
  public readonly objects: readonly KubernetesObject[];

  constructor(scope: Construct, id: string, props: ManifestsReleaseProps) {
    super(scope, id);
    this.objects = props.objects;
    this.helm = new HelmAddonRelease<RawChartValues>(this, 'helm', {
      chart: RAW_CHART,
      releaseName: props.releaseName,
      namespace: props.namespace,
      values: { resources: props.objects },
      dependsOn: props.dependsOn,
      timeoutSeconds: 300,
    });
  }
}
