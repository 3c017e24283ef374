import { Construct } from 'constructs';
import { ITerraformDependable } from 'cdktf';
import { SecretV1 } from '@cdktf/provider-kubernetes/lib/secret-v1';
import { StorageClassV1 } from '@cdktf/provider-kubernetes/lib/storage-class-v1';
import { AddonName, VolumeReclaimPolicy } from '../../../config';
import { PlatformAddon } from '../core/addon';
import { AddonFootprint, Placement, WorkloadKind, container, daemonSet, scheduled } from '../core/footprint';
import { KubernetesObject } from '../core/kubernetes-object';
import { HelmAddonRelease, HelmChartRef } from '../core/helm-chart';
import { PlatformNamespace } from '../../../config/platform-names';
import { KubernetesResources, fixedResources, toKubernetesResources } from '../core/resources';
import { VolumeSnapshots } from './volume-snapshots';
import { CINDER_CSI_IMAGES, OPENSTACK_CCM_IMAGES } from './cloud-provider-images';
import { ClusterOpenStackAccess } from '../core/cluster-access';

/** Both charts come from the cloud-provider-openstack project. */
const CPO_REPOSITORY = 'https://kubernetes.github.io/cloud-provider-openstack';

export const OPENSTACK_CCM_CHART: HelmChartRef = {
  repository: CPO_REPOSITORY,
  chart: 'openstack-cloud-controller-manager',
  version: '2.36.5',
  confirmedAt:
    'GitHub release openstack-cloud-controller-manager-2.36.5 of kubernetes/cloud-provider-openstack (values keys checked at tag openstack-cloud-controller-manager-2.36.0)',
  images: OPENSTACK_CCM_IMAGES,
};

export const CINDER_CSI_CHART: HelmChartRef = {
  repository: CPO_REPOSITORY,
  chart: 'openstack-cinder-csi',
  version: '2.36.2',
  confirmedAt:
    'GitHub release openstack-cinder-csi-2.36.2 of kubernetes/cloud-provider-openstack (values keys checked at tag openstack-cinder-csi-2.36.0)',
  images: CINDER_CSI_IMAGES,
};

/** Secret (in kube-system) holding `cloud.conf`, shared by the cloud controller and Cinder CSI. */
export const CLOUD_CONFIG_SECRET_NAME = 'cloud-config';

/** Key of `cloud.conf` in that Secret. */
export const CLOUD_CONFIG_KEY = 'cloud.conf';

/** Key of the cloud's CA bundle in that Secret, when the cloud has a private CA. */
export const CLOUD_CA_KEY = 'ca.crt';

/** Where both charts mount the Secret (CCM: its daemonset; Cinder CSI: `csi.plugin.volumeMounts`). */
export const CLOUD_CONFIG_MOUNT_PATH = '/etc/config';

/** The CSI driver name of Cinder. */
export const CINDER_CSI_DRIVER = 'cinder.csi.openstack.org';

const RESOURCES = {
  ccm: fixedResources('50m', '64Mi', '500m', '256Mi'),
  csiSidecar: fixedResources('10m', '24Mi', '100m', '64Mi'),
  // The CSI liveness probe only answers /healthz for the kubelet: a few MiB.
  livenessProbe: fixedResources('5m', '16Mi', '50m', '32Mi'),
  csiPlugin: fixedResources('20m', '32Mi', '200m', '128Mi'),
};

/** Taints a node carries until the cloud controller has initialized it (kubelet `--cloud-provider=external`). */
const CONTROL_PLANE_TOLERATIONS = [
  { key: 'node.cloudprovider.kubernetes.io/uninitialized', value: 'true', effect: 'NoSchedule' },
  { key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' },
] as const;

/** Values of the openstack-cloud-controller-manager chart that Berth sets. */
export interface OpenStackCcmChartValues {
  readonly secret: { readonly create: false; readonly name: string };
  readonly resources: KubernetesResources;
  readonly nodeSelector: Readonly<Record<string, string>>;
  readonly tolerations: readonly {
    readonly key: string;
    readonly value?: string;
    readonly operator?: 'Exists';
    readonly effect: 'NoSchedule';
  }[];
  /** The routes controller stays off: flannel routes pod traffic. */
  readonly enabledControllers: readonly ('cloud-node' | 'cloud-node-lifecycle' | 'service')[];
  /** Prefixes the names of the Octavia load balancers the controller creates. */
  readonly cluster: { readonly name: string };
}

/** Values of the openstack-cinder-csi chart that Berth sets. */
export interface CinderCsiChartValues {
  readonly secret: {
    readonly enabled: true;
    readonly create: false;
    readonly name: string;
    readonly filename: string;
  };
  /** Off: Berth creates its own default StorageClass, with a stable name. */
  readonly storageClass: { readonly enabled: false };
  readonly clusterID: string;
  readonly csi: {
    readonly attacher: { readonly resources: KubernetesResources };
    readonly provisioner: { readonly resources: KubernetesResources };
    readonly snapshotter: { readonly resources: KubernetesResources };
    readonly resizer: { readonly resources: KubernetesResources };
    readonly livenessprobe: { readonly resources: KubernetesResources };
    readonly nodeDriverRegistrar: { readonly resources: KubernetesResources };
    readonly plugin: {
      readonly resources: KubernetesResources;
      readonly controllerPlugin: { readonly replicas: number };
    };
  };
}

export interface CloudProviderProps {
  /** Name the cloud controller prefixes load balancers with, e.g. `berth-main`. */
  readonly clusterId: string;
  /** OpenStack access from the cluster stack (application credential, networks). */
  readonly openstack: ClusterOpenStackAccess;
  /** Name of the default StorageClass it creates: the cluster's `addons.storageClass`. */
  readonly storageClassName: string;
  /** Cinder volume type of the default StorageClass. @default the cloud's default type */
  readonly volumeType?: string;
  readonly reclaimPolicy: VolumeReclaimPolicy;
  /** Attach volumes regardless of availability zone. */
  readonly ignoreVolumeAz: boolean;
  /** What must exist first. @default nothing */
  readonly dependsOn?: readonly ITerraformDependable[];
}

/**
 * The OpenStack integration: the cloud controller manager (node addresses, Octavia `LoadBalancer`
 * Services) and Cinder CSI (volumes, with the default StorageClass `cinder` that allows expansion).
 * Both read `cloud.conf` from one Secret that Terraform writes from the cluster stack's application
 * credential: the credential's secret is a reference resolved at deploy time, never a value in a file.
 */
export class CloudProvider extends Construct implements PlatformAddon {
  public readonly addonName = AddonName.CLOUD_PROVIDER;
  public readonly footprint: AddonFootprint;
  public readonly releases: readonly HelmAddonRelease<object>[];
  public readonly objects: readonly KubernetesObject[];
  public readonly ready: readonly ITerraformDependable[];
  public readonly cloudConfig: SecretV1;
  public readonly storageClass: StorageClassV1;
  public readonly ccm: HelmAddonRelease<OpenStackCcmChartValues>;
  public readonly cinderCsi: HelmAddonRelease<CinderCsiChartValues>;
  /** Snapshot CRDs and controller, and the default VolumeSnapshotClass (named like the StorageClass). */
  public readonly volumeSnapshots: VolumeSnapshots;

  constructor(scope: Construct, id: string, props: CloudProviderProps) {
    super(scope, id);
    const os = props.openstack;
    this.cloudConfig = new SecretV1(this, 'cloud-config', {
      metadata: { name: CLOUD_CONFIG_SECRET_NAME, namespace: PlatformNamespace.KUBE_SYSTEM },
      type: 'Opaque',
      data: {
        [CLOUD_CONFIG_KEY]: cloudConf(os, props.ignoreVolumeAz),
        ...(os.caCertificatePem ? { [CLOUD_CA_KEY]: os.caCertificatePem } : {}),
      },
    });

    const sidecar = toKubernetesResources(RESOURCES.csiSidecar);
    this.footprint = {
      addon: this.addonName,
      workloads: [
        daemonSet('openstack-cloud-controller-manager', Placement.MASTERS, [
          container('openstack-cloud-controller-manager', RESOURCES.ccm),
        ]),
        scheduled(WorkloadKind.DEPLOYMENT, 'openstack-cinder-csi-controllerplugin', 1, [
          ...['csi-attacher', 'csi-provisioner', 'csi-snapshotter', 'csi-resizer'].map((name) =>
            container(name, RESOURCES.csiSidecar),
          ),
          container('liveness-probe', RESOURCES.livenessProbe),
          container('cinder-csi-plugin', RESOURCES.csiPlugin),
        ]),
        daemonSet('openstack-cinder-csi-nodeplugin', Placement.EVERY_NODE, [
          container('node-driver-registrar', RESOURCES.csiSidecar),
          container('liveness-probe', RESOURCES.livenessProbe),
          container('cinder-csi-plugin', RESOURCES.csiPlugin),
        ]),
      ],
    };

    const dependsOn = [this.cloudConfig, ...(props.dependsOn ?? [])];
    this.ccm = new HelmAddonRelease<OpenStackCcmChartValues>(this, 'ccm', {
      chart: OPENSTACK_CCM_CHART,
      releaseName: 'openstack-ccm',
      namespace: PlatformNamespace.KUBE_SYSTEM,
      values: {
        secret: { create: false, name: CLOUD_CONFIG_SECRET_NAME },
        resources: toKubernetesResources(RESOURCES.ccm),
        nodeSelector: { 'node-role.kubernetes.io/control-plane': '' },
        tolerations: CONTROL_PLANE_TOLERATIONS,
        enabledControllers: ['cloud-node', 'cloud-node-lifecycle', 'service'],
        cluster: { name: props.clusterId },
      },
      dependsOn,
    });
    this.cinderCsi = new HelmAddonRelease<CinderCsiChartValues>(this, 'cinder-csi', {
      chart: CINDER_CSI_CHART,
      releaseName: 'cinder-csi',
      namespace: PlatformNamespace.KUBE_SYSTEM,
      values: {
        secret: { enabled: true, create: false, name: CLOUD_CONFIG_SECRET_NAME, filename: CLOUD_CONFIG_KEY },
        storageClass: { enabled: false },
        clusterID: props.clusterId,
        csi: {
          attacher: { resources: sidecar },
          provisioner: { resources: sidecar },
          snapshotter: { resources: sidecar },
          resizer: { resources: sidecar },
          livenessprobe: { resources: toKubernetesResources(RESOURCES.livenessProbe) },
          nodeDriverRegistrar: { resources: sidecar },
          plugin: {
            resources: toKubernetesResources(RESOURCES.csiPlugin),
            controllerPlugin: { replicas: 1 },
          },
        },
      },
      dependsOn: [this.ccm.release, ...dependsOn],
    });

    this.storageClass = new StorageClassV1(this, 'storage-class', {
      metadata: {
        name: props.storageClassName,
        annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' },
      },
      storageProvisioner: CINDER_CSI_DRIVER,
      reclaimPolicy: props.reclaimPolicy,
      allowVolumeExpansion: true,
      // Create the volume in the zone of the node that first uses it.
      volumeBindingMode: 'WaitForFirstConsumer',
      parameters: props.volumeType ? { type: props.volumeType } : undefined,
      dependsOn: [this.cinderCsi.release],
    });

    this.volumeSnapshots = new VolumeSnapshots(this, 'volume-snapshots', {
      className: props.storageClassName,
      driver: CINDER_CSI_DRIVER,
      dependsOn: [this.cinderCsi.release],
    });
    this.footprint = {
      ...this.footprint,
      workloads: [...this.footprint.workloads, ...this.volumeSnapshots.workloads],
    };

    this.releases = [this.ccm, this.cinderCsi, this.volumeSnapshots.controller];
    this.objects = [this.volumeSnapshots.snapshotClass];
    this.ready = [this.ccm.release, this.cinderCsi.release, this.storageClass];
  }
}

/**
 * `cloud.conf` for the cloud controller and Cinder CSI (keys of cloud-provider-openstack's
 * using-openstack-cloud-controller-manager.md). Every value comes from the cluster stack; the
 * application credential's secret is quoted because gcfg treats `;` and `#` as comments. `lb-provider` and
 * `lb-method` are the platform's own load balancing, so Service load balancers are what the cloud accepts
 * (OVN: SOURCE_IP_PORT only); a private CA is the Secret's `ca.crt`, mounted beside `cloud.conf`.
 */
export function cloudConf(os: ClusterOpenStackAccess, ignoreVolumeAz: boolean): string {
  return [
    '[Global]',
    `auth-url=${os.authUrl}`,
    `region=${os.region}`,
    `application-credential-id=${os.applicationCredentialId}`,
    `application-credential-secret="${os.applicationCredentialSecret}"`,
    ...(os.caCertificatePem ? [`ca-file=${CLOUD_CONFIG_MOUNT_PATH}/${CLOUD_CA_KEY}`] : []),
    '',
    '[LoadBalancer]',
    `lb-provider=${os.loadBalancing.provider}`,
    `lb-method=${os.loadBalancing.algorithm}`,
    `floating-network-id=${os.floatingNetworkId}`,
    `subnet-id=${os.subnetId}`,
    'create-monitor=true',
    'manage-security-groups=true',
    '',
    '[BlockStorage]',
    `ignore-volume-az=${ignoreVolumeAz}`,
    'rescan-on-resize=true',
    '',
  ].join('\n');
}
