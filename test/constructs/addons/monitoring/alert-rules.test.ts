import {
  APP_ERROR_RATIO_RECORD,
  APP_REQUEST_RATE_RECORD,
  AlertingRule,
  RecordingRule,
  platformRuleGroups,
} from '../../../../constructs/addons';

const rules = platformRuleGroups(0.05).flatMap((g) => g.rules);
const alert = (name: string) => rules.find((r) => (r as AlertingRule).alert === name) as AlertingRule;
const record = (name: string) => rules.find((r) => (r as RecordingRule).record === name) as RecordingRule;

describe('platformRuleGroups', () => {
  test('alerts on node CPU, memory and disk pressure and on nodes not ready', () => {
    expect(alert('NodeNotReady').expr).toBe(
      'kube_node_status_condition{condition="Ready",status="true"} == 0',
    );
    expect(alert('NodeMemoryPressure').expr).toContain('condition="MemoryPressure"');
    expect(alert('NodeDiskPressure').expr).toContain('condition="DiskPressure"');
    expect(alert('NodeCPUPressure').expr).toContain('node_cpu_seconds_total{mode="idle"}');
    expect(alert('NodeNotReady').labels.severity).toBe('critical');
  });

  test('alerts on crash-looping pods', () => {
    expect(alert('PodCrashLooping').expr).toContain('reason="CrashLoopBackOff"');
    expect(alert('PodCrashLooping').for).toBe('10m');
  });

  test('records per-app request rate and 5xx ratio from the Envoy proxies, by namespace and route', () => {
    expect(record(APP_REQUEST_RATE_RECORD).expr).toMatch(
      /^sum by \(namespace, route\) \(label_replace\(label_replace\(rate\(envoy_cluster_upstream_rq_total/,
    );
    expect(record(APP_ERROR_RATIO_RECORD).expr).toContain('envoy_response_code_class="5"');
    expect(record(APP_ERROR_RATIO_RECORD).expr).toMatch(
      new RegExp(`/ ${APP_REQUEST_RATE_RECORD.replace(/[:]/g, '\\:')}$`),
    );
  });

  test('the 5xx alert uses the configured threshold and ignores idle apps', () => {
    const high = platformRuleGroups(0.2)
      .flatMap((g) => g.rules)
      .find((r) => (r as AlertingRule).alert === 'AppHighErrorRatio') as AlertingRule;
    expect(high.expr).toBe(`${APP_ERROR_RATIO_RECORD} > 0.2 and ${APP_REQUEST_RATE_RECORD} > 0.1`);
    expect(high.annotations.description).toContain('More than 20%');
  });

  test('every alert has a summary, a description and a severity', () => {
    for (const r of rules.filter((r): r is AlertingRule => 'alert' in r)) {
      expect(r.annotations.summary.length).toBeGreaterThan(0);
      expect(r.annotations.description.length).toBeGreaterThan(0);
      expect(['critical', 'warning']).toContain(r.labels.severity);
      // Terraform would interpolate these: annotations use Prometheus's {{ $labels }} only.
      expect(JSON.stringify(r)).not.toMatch(/\$\{|%\{/);
    }
  });
});
