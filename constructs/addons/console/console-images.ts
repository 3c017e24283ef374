/**
 * The images the console (Headlamp) runs at its pinned chart version with Berth's values, read from the chart's own
 * templates, and the values key that pins each by digest (`HelmChartRef.images`). The digests live in
 * constructs/addons/core/image-digests.json (`npm run pin-images`). docs/decisions/0025-image-digests.md.
 */
import { ChartImages, DigestKey } from '../core/platform-image';

export const HEADLAMP_IMAGES: ChartImages = {
  readAt:
    'tag headlamp-helm-0.43.0 of kubernetes-sigs/headlamp: charts/headlamp/templates/deployment.yaml renders "registry/repository:tag" (tag defaults to v + appVersion 0.43.0; the plugin manager is off)',
  images: [
    { repository: 'ghcr.io/headlamp-k8s/headlamp', tag: 'v0.43.0', digestKey: DigestKey.tag('image.tag') },
  ],
};
