import { HelmChartRef } from './helm-chart';

/** How a chart ships CustomResourceDefinitions, which decides how they are upgraded. */
export enum CrdDelivery {
  /** The chart defines no CRDs. */
  NONE = 'none',
  /**
   * The CRDs are templates of the chart (cert-manager `crds.enabled`, snapshot-controller
   * `installCRDs`): every release upgrade applies them, so a chart bump upgrades them.
   */
  TEMPLATES = 'templates',
  /**
   * The CRDs are in the chart's `crds/` folder (or a subchart's): Helm installs them once and never
   * upgrades them. Before deploying a new chart version, apply them: {@link crdUpgradeCommand}.
   */
  CRDS_FOLDER = 'crds-folder',
}

/**
 * Where each chart Berth pins keeps its CRDs, checked at the chart's source at its pinned version. A test
 * fails when a pinned chart is missing here, so a new chart cannot skip the decision.
 */
export const CHART_CRDS: Readonly<Record<string, CrdDelivery>> = {
  'cert-manager': CrdDelivery.TEMPLATES,
  'snapshot-controller': CrdDelivery.TEMPLATES,
  // Gateway API and Envoy Gateway CRDs: charts/gateway-helm/crds/.
  'gateway-helm': CrdDelivery.CRDS_FOLDER,
  // Prometheus Operator CRDs: the `crds` subchart's crds/ folder.
  'kube-prometheus-stack': CrdDelivery.CRDS_FOLDER,
  'openstack-cloud-controller-manager': CrdDelivery.NONE,
  'openstack-cinder-csi': CrdDelivery.NONE,
  headlamp: CrdDelivery.NONE,
  flannel: CrdDelivery.NONE,
  'kubelet-csr-approver': CrdDelivery.NONE,
  loki: CrdDelivery.NONE,
  'fluent-bit': CrdDelivery.NONE,
  raw: CrdDelivery.NONE,
  'metrics-server': CrdDelivery.NONE,
  'node-problem-detector': CrdDelivery.NONE,
};

/** How `chart` delivers its CRDs; throws for a chart nobody classified. */
export function crdDeliveryOf(chart: HelmChartRef): CrdDelivery {
  const delivery = CHART_CRDS[chart.chart];
  if (delivery === undefined) {
    throw new Error(
      `chart ${chart.chart} is not in CHART_CRDS: record how it ships CRDs (constructs/addons/core/chart-crds.ts)`,
    );
  }
  return delivery;
}

/**
 * The command applying the CRDs of a chart version before the release is upgraded (`helm show crds`
 * prints the `crds/` folders of the chart and its subcharts; server-side apply takes ownership from
 * Helm's first install). Undefined when Helm upgrades the chart's CRDs itself or it has none.
 */
export function crdUpgradeCommand(chart: HelmChartRef): string | undefined {
  if (crdDeliveryOf(chart) !== CrdDelivery.CRDS_FOLDER) return undefined;
  const source = chart.repository.startsWith('oci://')
    ? `${chart.repository}/${chart.chart}`
    : `${chart.chart} --repo ${chart.repository}`;
  return `helm show crds ${source} --version ${chart.version} | kubectl apply --server-side --force-conflicts -f -`;
}
