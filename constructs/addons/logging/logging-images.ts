/**
 * The images logging (Loki, Fluent Bit) runs at its pinned chart version with Berth's values, read from the chart's own
 * templates, and the values key that pins each by digest (`HelmChartRef.images`). The digests live in
 * constructs/addons/core/image-digests.json (`npm run pin-images`). docs/decisions/0025-image-digests.md.
 */
import { ChartImages, DigestKey } from '../core/platform-image';

export const LOKI_IMAGES: ChartImages = {
  readAt:
    'tag loki-6.56.1 of grafana-community/helm-charts: charts/loki/templates/_helpers.tpl "loki.baseImage" (appVersion 3.6.7; single binary, every optional component off)',
  images: [
    { repository: 'docker.io/grafana/loki', tag: '3.6.7', digestKey: DigestKey.digest('loki.image.digest') },
  ],
};

export const FLUENT_BIT_IMAGES: ChartImages = {
  readAt:
    'tag fluent-bit-0.58.1 of fluent/helm-charts: charts/fluent-bit/templates/_helpers.tpl "fluent-bit.image" renders "repository:tag@digest" (appVersion 5.1.1; hot reload off; the test pod only runs under helm test)',
  images: [
    {
      repository: 'cr.fluentbit.io/fluent/fluent-bit',
      tag: '5.1.1',
      digestKey: DigestKey.digest('image.digest'),
    },
  ],
};
