import { OPENSTACK_CCM_CHART, CINDER_CSI_CHART } from '../cloud-provider/cloud-provider';
import { CERT_MANAGER_CHART } from '../cert-manager/cert-manager';
import { HEADLAMP_CHART } from '../console/console';
import { FLANNEL_CHART } from '../flannel/flannel';
import { ENVOY_GATEWAY_CHART } from '../gateway/gateway';
import { HelmChartRef } from './helm-chart';
import { KUBELET_CSR_APPROVER_CHART } from '../kubelet-csr-approver/kubelet-csr-approver';
import { FLUENT_BIT_CHART, LOKI_CHART } from '../logging/logging';
import { METRICS_SERVER_CHART } from '../metrics-server/metrics-server';
import { KUBE_PROMETHEUS_STACK_CHART, NODE_PROBLEM_DETECTOR_CHART } from '../monitoring/monitoring';
import { SNAPSHOT_CONTROLLER_CHART } from '../cloud-provider/volume-snapshots';

/**
 * Every Helm chart the platform installs, each pinned to an exact version with where that version was
 * confirmed to exist (`HelmChartRef.confirmedAt`). Each add-on reads its own pin from its constant; this
 * list is the record reviewers read and the tests check every `helm_release` against.
 */
export const CHART_PINS: readonly HelmChartRef[] = [
  FLANNEL_CHART,
  OPENSTACK_CCM_CHART,
  CINDER_CSI_CHART,
  SNAPSHOT_CONTROLLER_CHART,
  CERT_MANAGER_CHART,
  ENVOY_GATEWAY_CHART,
  KUBELET_CSR_APPROVER_CHART,
  METRICS_SERVER_CHART,
  KUBE_PROMETHEUS_STACK_CHART,
  NODE_PROBLEM_DETECTOR_CHART,
  HEADLAMP_CHART,
  LOKI_CHART,
  FLUENT_BIT_CHART,
];

/** A chart as a `helm_release` names it. */
export interface ChartRelease {
  readonly repository: string;
  readonly chart: string;
  readonly version: string;
}

/** Releases whose repository, chart and version are not a recorded pin, as `repository/chart@version`. */
export function unrecordedReleases(
  releases: readonly ChartRelease[],
  pins: readonly HelmChartRef[] = CHART_PINS,
): string[] {
  const recorded = new Set(pins.map((p) => `${p.repository}/${p.chart}@${p.version}`));
  return releases.map((r) => `${r.repository}/${r.chart}@${r.version}`).filter((r) => !recorded.has(r));
}
