/**
 * Every record of rendered pods (`constructs/addons/<addon>/*-pod-security.ts`) with the chart pin it
 * was rendered for: what `npm run pod-records` checks renderings against and the platform's Pod Security
 * test holds against the namespaces.
 */
import { CINDER_CSI_CHART, OPENSTACK_CCM_CHART } from '../constructs/addons/cloud-provider/cloud-provider';
import {
  CINDER_CSI_RENDERED_PODS,
  OPENSTACK_CCM_RENDERED_PODS,
} from '../constructs/addons/cloud-provider/cloud-provider-pod-security';
import { SNAPSHOT_CONTROLLER_CHART } from '../constructs/addons/cloud-provider/volume-snapshots';
import { SNAPSHOT_CONTROLLER_RENDERED_PODS } from '../constructs/addons/cloud-provider/volume-snapshots-pod-security';
import { CERT_MANAGER_CHART } from '../constructs/addons/cert-manager/cert-manager';
import { CERT_MANAGER_RENDERED_PODS } from '../constructs/addons/cert-manager/cert-manager-pod-security';
import { HEADLAMP_CHART } from '../constructs/addons/console/console';
import { HEADLAMP_RENDERED_PODS } from '../constructs/addons/console/console-pod-security';
import { HelmChartRef } from '../constructs/addons/core/helm-chart';
import { RenderedChartPods } from '../constructs/addons/core/rendered-pods';
import { FLANNEL_CHART } from '../constructs/addons/flannel/flannel';
import { FLANNEL_RENDERED_PODS } from '../constructs/addons/flannel/flannel-pod-security';
import { ENVOY_PROXY_RENDERED_PODS } from '../constructs/addons/gateway/envoy-proxy-pod-security';
import { ENVOY_GATEWAY_CHART } from '../constructs/addons/gateway/gateway';
import { ENVOY_GATEWAY_RENDERED_PODS } from '../constructs/addons/gateway/gateway-pod-security';
import { KUBELET_CSR_APPROVER_CHART } from '../constructs/addons/kubelet-csr-approver/kubelet-csr-approver';
import { KUBELET_CSR_APPROVER_RENDERED_PODS } from '../constructs/addons/kubelet-csr-approver/kubelet-csr-approver-pod-security';
import { FLUENT_BIT_CHART, LOKI_CHART } from '../constructs/addons/logging/logging';
import {
  FLUENT_BIT_RENDERED_PODS,
  LOKI_RENDERED_PODS,
} from '../constructs/addons/logging/logging-pod-security';
import { METRICS_SERVER_CHART } from '../constructs/addons/metrics-server/metrics-server';
import { METRICS_SERVER_RENDERED_PODS } from '../constructs/addons/metrics-server/metrics-server-pod-security';
import {
  KUBE_PROMETHEUS_STACK_CHART,
  NODE_PROBLEM_DETECTOR_CHART,
} from '../constructs/addons/monitoring/monitoring';
import {
  KUBE_PROMETHEUS_STACK_RENDERED_PODS,
  NODE_PROBLEM_DETECTOR_RENDERED_PODS,
} from '../constructs/addons/monitoring/monitoring-pod-security';

/** A record with its pin. */
export interface PodRecordEntry {
  readonly record: RenderedChartPods;
  readonly pin: HelmChartRef;
}

export const RENDERED_POD_ENTRIES: readonly PodRecordEntry[] = [
  { record: FLANNEL_RENDERED_PODS, pin: FLANNEL_CHART },
  { record: OPENSTACK_CCM_RENDERED_PODS, pin: OPENSTACK_CCM_CHART },
  { record: CINDER_CSI_RENDERED_PODS, pin: CINDER_CSI_CHART },
  { record: SNAPSHOT_CONTROLLER_RENDERED_PODS, pin: SNAPSHOT_CONTROLLER_CHART },
  { record: CERT_MANAGER_RENDERED_PODS, pin: CERT_MANAGER_CHART },
  { record: ENVOY_GATEWAY_RENDERED_PODS, pin: ENVOY_GATEWAY_CHART },
  { record: ENVOY_PROXY_RENDERED_PODS, pin: ENVOY_GATEWAY_CHART },
  { record: KUBELET_CSR_APPROVER_RENDERED_PODS, pin: KUBELET_CSR_APPROVER_CHART },
  { record: METRICS_SERVER_RENDERED_PODS, pin: METRICS_SERVER_CHART },
  { record: KUBE_PROMETHEUS_STACK_RENDERED_PODS, pin: KUBE_PROMETHEUS_STACK_CHART },
  { record: NODE_PROBLEM_DETECTOR_RENDERED_PODS, pin: NODE_PROBLEM_DETECTOR_CHART },
  { record: HEADLAMP_RENDERED_PODS, pin: HEADLAMP_CHART },
  { record: LOKI_RENDERED_PODS, pin: LOKI_CHART },
  { record: FLUENT_BIT_RENDERED_PODS, pin: FLUENT_BIT_CHART },
];

export const RENDERED_POD_RECORDS: readonly RenderedChartPods[] = RENDERED_POD_ENTRIES.map((e) => e.record);
