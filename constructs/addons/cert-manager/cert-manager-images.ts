/**
 * The images cert-manager runs at its pinned chart version with Berth's values, read from the chart's own
 * templates, and the values key that pins each by digest (`HelmChartRef.images`). The digests live in
 * constructs/addons/core/image-digests.json (`npm run pin-images`). docs/decisions/0025-image-digests.md.
 */
import { ChartImages, DigestKey } from '../core/platform-image';

export const CERT_MANAGER_IMAGES: ChartImages = {
  readAt:
    'tag v1.20.2 of cert-manager/cert-manager: deploy/charts/cert-manager/templates/_helpers.tpl "image" (imageRegistry quay.io, imageNamespace jetstack, tag = appVersion)',
  images: [
    {
      repository: 'quay.io/jetstack/cert-manager-controller',
      tag: 'v1.20.2',
      digestKey: DigestKey.digest('image.digest'),
    },
    {
      repository: 'quay.io/jetstack/cert-manager-webhook',
      tag: 'v1.20.2',
      digestKey: DigestKey.digest('webhook.image.digest'),
    },
    {
      repository: 'quay.io/jetstack/cert-manager-cainjector',
      tag: 'v1.20.2',
      digestKey: DigestKey.digest('cainjector.image.digest'),
    },
    {
      repository: 'quay.io/jetstack/cert-manager-acmesolver',
      tag: 'v1.20.2',
      digestKey: DigestKey.digest('acmesolver.image.digest'),
      runsWhen: 'ACME HTTP-01 challenges are solved (solver pods)',
    },
    {
      repository: 'quay.io/jetstack/cert-manager-startupapicheck',
      tag: 'v1.20.2',
      digestKey: DigestKey.digest('startupapicheck.image.digest'),
      runsWhen: 'after each install or upgrade (a hook Job)',
    },
  ],
};
