/**
 * The images flannel runs at its pinned chart version with Berth's values, read from the chart's own
 * templates, and the values key that pins each by digest (`HelmChartRef.images`). The digests live in
 * constructs/addons/core/image-digests.json (`npm run pin-images`). docs/decisions/0025-image-digests.md.
 */
import { ChartImage, ChartImages, DigestKey } from '../core/platform-image';

const K8S = 'registry.k8s.io';

/**
 * flannel's image, named by Berth rather than left to the chart's default so that it is visible in the
 * synthesized values and used once: every node runs it (the DaemonSet), and the node upgrade Jobs
 * (kubernetes-upgrade.ts) reuse it for its shell tools. The chart's default at v0.28.9
 * (chart/kube-flannel/values.yaml) is this repository with the chart's version as tag; the chart has no
 * digest key, so its tag key takes `tag@sha256:…` once a digest is recorded. The image is built
 * `FROM alpine:3.24` (images/Dockerfile at tag v0.28.9), whose busybox has `sh`, `cp`, `install`, `sed`,
 * `printf` and `chroot` (alpinelinux/aports main/busybox/busyboxconfig).
 */
export const FLANNEL_IMAGE: ChartImage = {
  repository: 'ghcr.io/flannel-io/flannel',
  tag: 'v0.28.9',
  digestKey: DigestKey.tag('flannel.image.tag'),
};

export const FLANNEL_IMAGES: ChartImages = {
  readAt:
    'tag v0.28.9 of flannel-io/flannel: chart/kube-flannel/templates/daemonset.yaml renders "repository:tag" (no digest key)',
  images: [
    {
      repository: 'ghcr.io/flannel-io/flannel-cni-plugin',
      tag: 'v1.9.1-flannel3',
      digestKey: DigestKey.tag('flannel.flannel_cni.image.tag'),
    },
    FLANNEL_IMAGE,
    {
      repository: `${K8S}/networking/kube-network-policies`,
      tag: 'v1.0.0',
      digestKey: DigestKey.tag('netpol.image.tag'),
      runsWhen: 'network policies are enforced (netpol.enabled)',
    },
  ],
};
