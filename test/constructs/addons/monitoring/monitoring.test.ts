import { Testing } from 'cdktf';
import * as YAML from 'yaml';
import { TimeSpan, DataSize } from '../../../../config';
import {
  DEFAULT_MONITORING,
  HttpRouteManifest,
  KubePrometheusStackValues,
  Monitoring,
  MonitoringProps,
  NodeProblemDetectorValues,
} from '../../../../constructs/addons';

const BASE: MonitoringProps = {
  domain: 'main.example.com',
  storageClass: 'cinder',
  retention: TimeSpan.days(7),
  storageSize: DataSize.gibibytes(10),
  receivers: [],
  errorRatioThreshold: 0.05,
  nodeProblemDetector: true,
  prometheusResources: DEFAULT_MONITORING.resources,
};

function build(props: Partial<MonitoringProps> = {}) {
  let monitoring: Monitoring | undefined;
  const json = JSON.parse(
    Testing.synthScope((scope) => {
      monitoring = new Monitoring(scope, 'monitoring', { ...BASE, ...props });
    }),
  );
  const releases = Object.values(json.resource.helm_release) as {
    name: string;
    values: string[];
    depends_on: string[];
  }[];
  const values = <T>(name: string) => {
    const release = releases.find((r) => r.name === name);
    return release ? (YAML.parse(release.values[0]) as T) : undefined;
  };
  return { monitoring: monitoring!, releases, values };
}

describe('Monitoring', () => {
  test('Prometheus keeps the configured retention on a Cinder volume and stops at 90% of it', () => {
    const spec = build().values<KubePrometheusStackValues>('monitoring')!.prometheus.prometheusSpec;
    expect(spec.retention).toBe('1w');
    expect(spec.retentionSize).toBe('9GB');
    expect(spec.storageSpec.volumeClaimTemplate.spec).toEqual({
      storageClassName: 'cinder',
      accessModes: ['ReadWriteOnce'],
      resources: { requests: { storage: '10Gi' } },
    });
    expect(spec.resources).toEqual({
      requests: { cpu: '100m', memory: '512Mi' },
      limits: { cpu: '1', memory: '1024Mi' },
    });
    expect(spec.serviceMonitorSelectorNilUsesHelmValues).toBe(false);
  });

  test("carries the platform's alert rules and skips control-plane parts kubeadm keeps on localhost", () => {
    const v = build().values<KubePrometheusStackValues>('monitoring')!;
    expect(v.additionalPrometheusRulesMap.berth.groups.map((g) => g.name)).toEqual([
      'berth.nodes',
      'berth.pods',
      'berth.apps',
    ]);
    expect(v.kubeEtcd.enabled).toBe(false);
    expect(v.kubeScheduler.enabled).toBe(false);
  });

  test('Grafana is served on the shared Gateway and scrapes the Envoy proxies only with the gateway add-on', () => {
    const without = build();
    expect(without.monitoring.objects).toEqual([]);
    expect(without.values<KubePrometheusStackValues>('monitoring')!.prometheus.additionalPodMonitors).toEqual(
      [],
    );
    const withGateway = build({ gateway: true });
    const route = withGateway.monitoring.objects[0] as HttpRouteManifest;
    expect(route.spec.hostnames).toEqual(['grafana.apps.main.example.com']);
    // The management listener (8443, admin networks only), not the public HTTPS listener.
    expect(route.spec.parentRefs.map((p) => p.sectionName)).toEqual(['admin']);
    expect(route.spec.rules[0].backendRefs).toEqual([{ name: 'monitoring-grafana', port: 80 }]);
    const v = withGateway.values<KubePrometheusStackValues>('monitoring')!;
    expect(v.prometheus.additionalPodMonitors[0].namespaceSelector.matchNames).toEqual([
      'envoy-gateway-system',
    ]);
    expect(v.grafana['grafana.ini'].server.root_url).toBe('https://grafana.apps.main.example.com:8443');
  });

  test('Grafana gets Loki as a data source when logging is on', () => {
    expect(build().values<KubePrometheusStackValues>('monitoring')!.grafana.additionalDataSources).toEqual(
      [],
    );
    const v = build({
      lokiUrl: 'http://loki.logging.svc.cluster.local:3100',
    }).values<KubePrometheusStackValues>('monitoring')!;
    expect(v.grafana.additionalDataSources).toEqual([
      { name: 'Loki', type: 'loki', url: 'http://loki.logging.svc.cluster.local:3100', access: 'proxy' },
    ]);
  });

  test('node-problem-detector runs on every node unless turned off', () => {
    const on = build();
    const npd = on.values<NodeProblemDetectorValues>('node-problem-detector')!;
    expect(npd.metrics.serviceMonitor.enabled).toBe(true);
    expect(on.monitoring.footprint.workloads.map((w) => w.name)).toContain('node-problem-detector');
    const off = build({ nodeProblemDetector: false });
    expect(off.releases.map((r) => r.name)).not.toContain('node-problem-detector');
    expect(off.monitoring.footprint.workloads.map((w) => w.name)).not.toContain('node-problem-detector');
  });
});

describe('etcd backup monitoring', () => {
  test("node-exporter reads the textfile directory, created on every node, keeping the chart's exclusions", () => {
    const { values } = build();
    const exporter = values<KubePrometheusStackValues>('monitoring')!['prometheus-node-exporter'];
    expect(exporter.extraArgs).toContain('--collector.textfile.directory=/var/lib/node-exporter/textfile');
    expect(exporter.extraArgs.filter((a) => a.startsWith('--collector.filesystem.'))).toHaveLength(2);
    expect(exporter.extraHostVolumeMounts).toEqual([
      expect.objectContaining({
        hostPath: '/var/lib/node-exporter/textfile',
        type: 'DirectoryOrCreate',
        readOnly: true,
      }),
    ]);
  });

  test('the backup alert comes with the backup interval, and only then', () => {
    const rules = (props: Partial<MonitoringProps>) =>
      Object.keys(build(props).values<KubePrometheusStackValues>('monitoring')!.additionalPrometheusRulesMap);
    expect(rules({ etcdBackupInterval: TimeSpan.hours(1) })).toEqual(['berth', 'berth-backups']);
    expect(rules({})).toEqual(['berth']);
  });
});
