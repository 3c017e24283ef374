/**
 * The images monitoring (kube-prometheus-stack, node-problem-detector) runs at its pinned chart version with Berth's values, read from the chart's own
 * templates, and the values key that pins each by digest (`HelmChartRef.images`). The digests live in
 * constructs/addons/core/image-digests.json (`npm run pin-images`). docs/decisions/0025-image-digests.md.
 */
import { ChartImages, DigestKey } from '../core/platform-image';

const K8S = 'registry.k8s.io';

export const KUBE_PROMETHEUS_STACK_IMAGES: ChartImages = {
  readAt:
    'tag kube-prometheus-stack-88.3.0 of prometheus-community/helm-charts (appVersion v0.93.0) with its dependencies at tags kube-state-metrics-8.2.0 and prometheus-node-exporter-4.56.1 (same repository) and grafana-12.10.4 of grafana-community/helm-charts',
  images: [
    {
      repository: 'quay.io/prometheus-operator/prometheus-operator',
      tag: 'v0.93.0',
      digestKey: DigestKey.sha('prometheusOperator.image.sha'),
    },
    {
      repository: 'quay.io/prometheus-operator/prometheus-config-reloader',
      tag: 'v0.93.0',
      digestKey: DigestKey.sha('prometheusOperator.prometheusConfigReloader.image.sha'),
    },
    {
      repository: 'ghcr.io/jkroepke/kube-webhook-certgen',
      tag: '1.8.5',
      digestKey: DigestKey.sha('prometheusOperator.admissionWebhooks.patch.image.sha'),
      runsWhen: 'on install and upgrade (hook Jobs that create and patch the webhook certificate)',
    },
    {
      repository: 'quay.io/prometheus/prometheus',
      tag: 'v3.13.2-distroless',
      digestKey: DigestKey.sha('prometheus.prometheusSpec.image.sha'),
    },
    {
      repository: 'quay.io/prometheus/alertmanager',
      tag: 'v0.33.1',
      digestKey: DigestKey.sha('alertmanager.alertmanagerSpec.image.sha'),
    },
    { repository: 'docker.io/grafana/grafana', tag: '13.1.3', digestKey: DigestKey.sha('grafana.image.sha') },
    {
      repository: 'quay.io/kiwigrid/k8s-sidecar',
      tag: '2.10.1',
      digestKey: DigestKey.sha('grafana.sidecar.image.sha'),
    },
    // kube-state-metrics' `image.sha` is written after "@" as it is: it takes the whole digest.
    {
      repository: `${K8S}/kube-state-metrics/kube-state-metrics`,
      tag: 'v2.19.1',
      digestKey: DigestKey.digest('kube-state-metrics.image.sha'),
    },
    {
      repository: 'quay.io/prometheus/node-exporter',
      tag: 'v1.12.1-distroless',
      digestKey: DigestKey.digest('prometheus-node-exporter.image.digest'),
    },
  ],
};

export const NODE_PROBLEM_DETECTOR_IMAGES: ChartImages = {
  readAt:
    'commit 38be560 of deliveryhero/helm-charts (Chart.yaml version 2.3.16): stable/node-problem-detector/templates/daemonset.yaml renders "repository@digest" when image.digest is set',
  images: [
    {
      repository: `${K8S}/node-problem-detector/node-problem-detector`,
      tag: 'v0.8.20',
      digestKey: DigestKey.digest('image.digest'),
    },
  ],
};
