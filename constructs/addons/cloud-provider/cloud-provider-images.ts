/**
 * The images the OpenStack cloud provider (CCM, Cinder CSI, snapshot controller) runs at its pinned chart version with Berth's values, read from the chart's own
 * templates, and the values key that pins each by digest (`HelmChartRef.images`). The digests live in
 * constructs/addons/core/image-digests.json (`npm run pin-images`). docs/decisions/0025-image-digests.md.
 */
import { ChartImages, DigestKey } from '../core/platform-image';

const K8S = 'registry.k8s.io';
const CPO = 'kubernetes/cloud-provider-openstack';

export const OPENSTACK_CCM_IMAGES: ChartImages = {
  readAt: `pinned 2.36.5; templates/daemonset.yaml read at tag openstack-cloud-controller-manager-2.36.0 of ${CPO} (appVersion v1.36.0, unchanged at 2.36.1 on master); 2.36.5's appVersion is in no snapshot here`,
  images: [
    {
      repository: `${K8S}/provider-os/openstack-cloud-controller-manager`,
      tag: 'v1.36.0',
      digestKey: DigestKey.tag('image.tag'),
    },
  ],
};

export const CINDER_CSI_IMAGES: ChartImages = {
  readAt: `pinned 2.36.2; templates/controllerplugin-deployment.yaml and nodeplugin-daemonset.yaml read at tag openstack-cinder-csi-2.36.0 of ${CPO} (appVersion v1.36.0); 2.36.2's defaults are in no snapshot here`,
  images: [
    {
      repository: `${K8S}/sig-storage/csi-attacher`,
      tag: 'v4.10.0',
      digestKey: DigestKey.tag('csi.attacher.image.tag'),
    },
    {
      repository: `${K8S}/sig-storage/csi-provisioner`,
      tag: 'v5.3.0',
      digestKey: DigestKey.tag('csi.provisioner.image.tag'),
    },
    {
      repository: `${K8S}/sig-storage/csi-snapshotter`,
      tag: 'v8.4.0',
      digestKey: DigestKey.tag('csi.snapshotter.image.tag'),
    },
    {
      repository: `${K8S}/sig-storage/csi-resizer`,
      tag: 'v1.14.0',
      digestKey: DigestKey.tag('csi.resizer.image.tag'),
    },
    {
      repository: `${K8S}/sig-storage/livenessprobe`,
      tag: 'v2.17.0',
      digestKey: DigestKey.tag('csi.livenessprobe.image.tag'),
    },
    {
      repository: `${K8S}/sig-storage/csi-node-driver-registrar`,
      tag: 'v2.15.0',
      digestKey: DigestKey.tag('csi.nodeDriverRegistrar.image.tag'),
    },
    {
      repository: `${K8S}/provider-os/cinder-csi-plugin`,
      tag: 'v1.36.0',
      digestKey: DigestKey.tag('csi.plugin.image.tag'),
    },
  ],
};

export const SNAPSHOT_CONTROLLER_IMAGES: ChartImages = {
  readAt:
    'tag snapshot-controller-5.2.0 of piraeusdatastore/helm-charts: templates/deployment_controller.yaml renders "repository:tag" (appVersion v8.6.0; the webhook is off)',
  images: [
    {
      repository: `${K8S}/sig-storage/snapshot-controller`,
      tag: 'v8.6.0',
      digestKey: DigestKey.tag('controller.image.tag'),
    },
  ],
};
