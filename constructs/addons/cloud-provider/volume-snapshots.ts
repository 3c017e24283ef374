import { Construct } from 'constructs';
import { ITerraformDependable } from 'cdktf';
import { PlatformNamespace } from '../../../config/platform-names';
import { WorkloadFootprint, WorkloadKind, container, scheduled } from '../core/footprint';
import { HelmAddonRelease, HelmChartRef } from '../core/helm-chart';
import { KubernetesObject } from '../core/kubernetes-object';
import { KubernetesResources, fixedResources, toKubernetesResources } from '../core/resources';
import { SNAPSHOT_CONTROLLER_IMAGES } from './cloud-provider-images';

/**
 * The snapshot controller and the snapshot CRDs of kubernetes-csi/external-snapshotter, packaged by the
 * Piraeus project (kubernetes-csi publishes no chart). Chart 5.2.0 ships external-snapshotter v8.6.0: the
 * `snapshot.storage.k8s.io/v1` API that Cinder CSI's csi-snapshotter sidecar (v8.4.0 in chart 2.36) uses.
 * Decision: docs/decisions/0020-volume-snapshots.md.
 */
export const SNAPSHOT_CONTROLLER_CHART: HelmChartRef = {
  repository: 'https://piraeus.io/helm-charts/',
  chart: 'snapshot-controller',
  version: '5.2.0',
  confirmedAt: 'tag snapshot-controller-5.2.0 of piraeusdatastore/helm-charts',
  images: SNAPSHOT_CONTROLLER_IMAGES,
};

const RESOURCES = {
  controller: fixedResources('10m', '32Mi', '100m', '64Mi'),
};

/** Values of the snapshot-controller chart that Berth sets. */
export interface SnapshotControllerChartValues {
  /**
   * The CRDs are templates of this chart (not `crds/`), so every chart bump upgrades them through Helm:
   * a CRD upgrade is the one-line version change, visible in the plan like any other.
   */
  readonly installCRDs: true;
  readonly controller: {
    readonly replicaCount: number;
    readonly resources: KubernetesResources;
  };
  /**
   * The conversion webhook serves only VolumeGroupSnapshot objects of older API versions: Cinder has
   * no group snapshots and a new cluster holds no old objects.
   */
  readonly webhook: { readonly enabled: false };
}

/** A `snapshot.storage.k8s.io/v1` VolumeSnapshotClass. */
export interface VolumeSnapshotClass extends KubernetesObject {
  readonly apiVersion: 'snapshot.storage.k8s.io/v1';
  readonly kind: 'VolumeSnapshotClass';
  readonly driver: string;
  readonly deletionPolicy: 'Delete' | 'Retain';
  readonly parameters?: Readonly<Record<string, string>>;
}

/** The default VolumeSnapshotClass of a CSI driver. */
export function defaultSnapshotClass(name: string, driver: string): VolumeSnapshotClass {
  return {
    apiVersion: 'snapshot.storage.k8s.io/v1',
    kind: 'VolumeSnapshotClass',
    metadata: { name, annotations: { 'snapshot.storage.kubernetes.io/is-default-class': 'true' } },
    driver,
    deletionPolicy: 'Delete',
  };
}

export interface VolumeSnapshotsProps {
  /** Name of the default VolumeSnapshotClass: the name of the StorageClass whose volumes it snapshots. */
  readonly className: string;
  /** The CSI driver whose snapshots the default class takes. */
  readonly driver: string;
  /** What must exist first (the CSI driver's release). @default nothing */
  readonly dependsOn?: readonly ITerraformDependable[];
}

/**
 * Volume snapshots for a CSI driver: the snapshot CRDs and controller (one release), and the default
 * VolumeSnapshotClass, an object of the add-on (applied by the platform-objects stack, planned once the
 * CRDs exist).
 */
export class VolumeSnapshots extends Construct {
  public readonly controller: HelmAddonRelease<SnapshotControllerChartValues>;
  public readonly snapshotClass: VolumeSnapshotClass;
  public readonly workloads: readonly WorkloadFootprint[];

  constructor(scope: Construct, id: string, props: VolumeSnapshotsProps) {
    super(scope, id);
    this.workloads = [
      scheduled(WorkloadKind.DEPLOYMENT, 'snapshot-controller', 1, [
        container('snapshot-controller', RESOURCES.controller),
      ]),
    ];
    this.controller = new HelmAddonRelease<SnapshotControllerChartValues>(this, 'controller', {
      chart: SNAPSHOT_CONTROLLER_CHART,
      releaseName: 'snapshot-controller',
      namespace: PlatformNamespace.KUBE_SYSTEM,
      values: {
        installCRDs: true,
        controller: { replicaCount: 1, resources: toKubernetesResources(RESOURCES.controller) },
        webhook: { enabled: false },
      },
      dependsOn: props.dependsOn,
    });
    this.snapshotClass = defaultSnapshotClass(props.className, props.driver);
  }
}
