import { PlatformNamespace } from '../../../config/platform-names';
import {
  COREDNS_METRICS_PORT,
  COREDNS_PODS,
  PeerKind,
  PlatformFlow,
  apiServerFlow,
  namespacePods,
  peer,
  pods,
  tcp,
} from '../core/platform-flows';
import { ENVOY_PROXIES, ENVOY_STATS_PORT } from '../gateway/gateway-flows';
import { LOKI_PORT } from '../logging/logging';
import { LOKI_PODS } from '../logging/logging-flows';

const NS = PlatformNamespace.MONITORING;
const GRAFANA = pods(NS, 'grafana', { 'app.kubernetes.io/name': 'grafana' });
/** Prometheus pods (the operator labels them `app.kubernetes.io/name: prometheus`). */
const PROMETHEUS = pods(NS, 'prometheus', { 'app.kubernetes.io/name': 'prometheus' });
/** The Prometheus operator's admission webhook port in the pinned chart. */
const PROMETHEUS_OPERATOR_WEBHOOK_PORT = 10250;
const GRAFANA_PORT = 3000;
/** node-problem-detector, in the node agents' (privileged) namespace. */
const NODE_PROBLEM_DETECTOR = pods(PlatformNamespace.MONITORING_AGENTS, 'node-problem-detector', {
  'app.kubernetes.io/name': 'node-problem-detector',
});
/** node-problem-detector's Prometheus exporter (chart 2.3.16, `--prometheus-port`). */
const NODE_PROBLEM_DETECTOR_METRICS_PORT = 20257;

/** Which of the add-ons monitoring works with are on. */
export interface MonitoringFlowsProps {
  /** Grafana is served through the shared Gateway, and Prometheus scrapes its proxies. */
  readonly gateway: boolean;
  /** Grafana queries Loki. */
  readonly logging: boolean;
}

/** Prometheus scraping and alerting, Grafana behind the Gateway and querying Loki. */
export function monitoringFlows(props: MonitoringFlowsProps): PlatformFlow[] {
  const flows: PlatformFlow[] = [
    {
      id: 'monitoring-internal',
      from: namespacePods(NS),
      to: namespacePods(NS),
      purpose: 'Prometheus scrapes and alerts, Grafana queries Prometheus',
    },
    {
      id: 'monitoring-webhook',
      from: peer(PeerKind.ANY_SOURCE),
      to: namespacePods(NS),
      ports: [tcp(PROMETHEUS_OPERATOR_WEBHOOK_PORT)],
      purpose: "the API server calls the Prometheus operator's admission webhook",
    },
    {
      id: 'node-problem-detector-metrics',
      from: PROMETHEUS,
      to: NODE_PROBLEM_DETECTOR,
      ports: [tcp(NODE_PROBLEM_DETECTOR_METRICS_PORT)],
      purpose: 'Prometheus scrapes node-problem-detector (node-exporter runs on the host network)',
    },
    apiServerFlow('node-problem-detector', NODE_PROBLEM_DETECTOR),
    {
      id: 'coredns-metrics',
      from: PROMETHEUS,
      to: COREDNS_PODS,
      ports: [tcp(COREDNS_METRICS_PORT)],
      purpose: 'Prometheus scrapes CoreDNS',
    },
  ];
  if (props.gateway) {
    flows.push(
      {
        id: 'grafana-from-gateway',
        from: ENVOY_PROXIES,
        to: GRAFANA,
        ports: [tcp(GRAFANA_PORT)],
        purpose: 'Grafana through the management listener',
      },
      {
        id: 'envoy-metrics',
        from: PROMETHEUS,
        to: ENVOY_PROXIES,
        ports: [tcp(ENVOY_STATS_PORT)],
        purpose: 'Prometheus scrapes the proxies (per-app request counters)',
      },
    );
  }
  if (props.logging) {
    flows.push({
      id: 'loki-from-grafana',
      from: GRAFANA,
      to: LOKI_PODS,
      ports: [tcp(LOKI_PORT)],
      purpose: 'Grafana queries logs',
    });
  }
  return flows;
}
