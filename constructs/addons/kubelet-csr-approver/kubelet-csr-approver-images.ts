/**
 * The images kubelet-csr-approver runs at its pinned chart version with Berth's values, read from the chart's own
 * templates, and the values key that pins each by digest (`HelmChartRef.images`). The digests live in
 * constructs/addons/core/image-digests.json (`npm run pin-images`). docs/decisions/0025-image-digests.md.
 */
import { ChartImages, DigestKey } from '../core/platform-image';

export const KUBELET_CSR_APPROVER_IMAGES: ChartImages = {
  readAt:
    'tag v1.2.14 of postfinance/kubelet-csr-approver: charts/kubelet-csr-approver/templates/deployment.yaml renders "repository:tag" (appVersion v1.2.14 in the gh-pages index.yaml)',
  images: [
    {
      repository: 'ghcr.io/postfinance/kubelet-csr-approver',
      tag: 'v1.2.14',
      digestKey: DigestKey.tag('image.tag'),
    },
  ],
};
