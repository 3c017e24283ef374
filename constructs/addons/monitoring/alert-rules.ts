/** A Prometheus recording rule. */
export interface RecordingRule {
  readonly record: string;
  readonly expr: string;
}

/** A Prometheus alerting rule. */
export interface AlertingRule {
  readonly alert: string;
  readonly expr: string;
  /** Prometheus duration the condition must hold. */
  readonly for: string;
  readonly labels: { readonly severity: 'critical' | 'warning' };
  readonly annotations: { readonly summary: string; readonly description: string };
}

export interface RuleGroup {
  readonly name: string;
  readonly rules: readonly (RecordingRule | AlertingRule)[];
}

/** Per-app request rate (requests/s over 5 minutes), by `namespace` and `route` (the HTTPRoute). */
export const APP_REQUEST_RATE_RECORD = 'berth:app_requests:rate5m';

/** Per-app ratio of 5xx responses over 5 minutes, by `namespace` and `route`. */
export const APP_ERROR_RATIO_RECORD = 'berth:app_5xx:ratio5m';

/**
 * Envoy names the upstream cluster of an HTTPRoute rule `httproute/<namespace>/<route>/rule/<n>`:
 * these wrap an Envoy cluster metric into `namespace` and `route` labels.
 */
function byRoute(metric: string): string {
  const withNamespace = `label_replace(${metric}, "namespace", "$1", "envoy_cluster_name", "httproute/([^/]+)/.*")`;
  const withRoute = `label_replace(${withNamespace}, "route", "$1", "envoy_cluster_name", "httproute/[^/]+/([^/]+)/.*")`;
  return `sum by (namespace, route) (${withRoute})`;
}

/**
 * The platform's own alerts: node CPU, memory and disk pressure, nodes not ready, crash-looping pods,
 * and per-app request rate and 5xx ratio measured at the shared Gateway's Envoy proxies.
 *
 * @param errorRatioThreshold share of 5xx responses above which an app alerts
 */
export function platformRuleGroups(errorRatioThreshold: number): readonly RuleGroup[] {
  const condition = (name: string) => `kube_node_status_condition{condition="${name}",status="true"}`;
  return [
    {
      name: 'berth.nodes',
      rules: [
        {
          alert: 'NodeNotReady',
          expr: `${condition('Ready')} == 0`,
          for: '5m',
          labels: { severity: 'critical' },
          annotations: {
            summary: 'Node {{ $labels.node }} is not ready',
            description:
              'Node {{ $labels.node }} has not been Ready for 5 minutes; its pods are being evicted.',
          },
        },
        {
          alert: 'NodeCPUPressure',
          expr: '1 - avg by (instance) (rate(node_cpu_seconds_total{mode="idle"}[5m])) > 0.9',
          for: '15m',
          labels: { severity: 'warning' },
          annotations: {
            summary: 'Node {{ $labels.instance }} CPU above 90%',
            description:
              'CPU of {{ $labels.instance }} has been above 90% for 15 minutes; add minions or lower requests.',
          },
        },
        {
          alert: 'NodeMemoryPressure',
          expr: `${condition('MemoryPressure')} == 1`,
          for: '2m',
          labels: { severity: 'critical' },
          annotations: {
            summary: 'Node {{ $labels.node }} is under memory pressure',
            description: 'The kubelet on {{ $labels.node }} reports MemoryPressure and evicts pods.',
          },
        },
        {
          alert: 'NodeDiskPressure',
          expr: `${condition('DiskPressure')} == 1`,
          for: '2m',
          labels: { severity: 'critical' },
          annotations: {
            summary: 'Node {{ $labels.node }} is under disk pressure',
            description:
              'The kubelet on {{ $labels.node }} reports DiskPressure: images and logs fill its disk.',
          },
        },
      ],
    },
    {
      name: 'berth.pods',
      rules: [
        {
          alert: 'PodCrashLooping',
          expr: 'max_over_time(kube_pod_container_status_waiting_reason{reason="CrashLoopBackOff"}[5m]) >= 1',
          for: '10m',
          labels: { severity: 'warning' },
          annotations: {
            summary: 'Pod {{ $labels.namespace }}/{{ $labels.pod }} is crash-looping',
            description:
              'Container {{ $labels.container }} of {{ $labels.namespace }}/{{ $labels.pod }} keeps restarting.',
          },
        },
      ],
    },
    {
      name: 'berth.apps',
      rules: [
        {
          record: APP_REQUEST_RATE_RECORD,
          expr: byRoute('rate(envoy_cluster_upstream_rq_total{envoy_cluster_name=~"httproute/.*"}[5m])'),
        },
        {
          record: APP_ERROR_RATIO_RECORD,
          expr: `${byRoute(
            'rate(envoy_cluster_upstream_rq_xx{envoy_cluster_name=~"httproute/.*",envoy_response_code_class="5"}[5m])',
          )} / ${APP_REQUEST_RATE_RECORD}`,
        },
        {
          alert: 'AppHighErrorRatio',
          expr: `${APP_ERROR_RATIO_RECORD} > ${errorRatioThreshold} and ${APP_REQUEST_RATE_RECORD} > 0.1`,
          for: '10m',
          labels: { severity: 'warning' },
          annotations: {
            summary: 'App {{ $labels.namespace }}/{{ $labels.route }} answers with 5xx',
            description: `More than ${Math.round(errorRatioThreshold * 1000) / 10}% of requests to {{ $labels.namespace }}/{{ $labels.route }} failed with 5xx for 10 minutes.`,
          },
        },
      ],
    },
  ];
}
