/**
 * The images metrics-server runs at its pinned chart version with Berth's values, read from the chart's own
 * templates, and the values key that pins each by digest (`HelmChartRef.images`). The digests live in
 * constructs/addons/core/image-digests.json (`npm run pin-images`). docs/decisions/0025-image-digests.md.
 */
import { ChartImages, DigestKey } from '../core/platform-image';

const K8S = 'registry.k8s.io';

export const METRICS_SERVER_IMAGES: ChartImages = {
  readAt:
    'tag metrics-server-helm-chart-3.13.0 of kubernetes-sigs/metrics-server: templates/_helpers.tpl "metrics-server.image" renders "repository:tag" (tag defaults to v + appVersion 0.8.0)',
  images: [
    {
      repository: `${K8S}/metrics-server/metrics-server`,
      tag: 'v0.8.0',
      digestKey: DigestKey.tag('image.tag'),
    },
  ],
};
