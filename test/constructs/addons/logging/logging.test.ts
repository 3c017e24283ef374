import { Testing } from 'cdktf';
import * as YAML from 'yaml';
import { TimeSpan, DataSize } from '../../../../config';
import {
  FluentBitChartValues,
  LOKI_URL,
  Logging,
  LokiChartValues,
  fluentBitConfig,
  DEFAULT_LOGGING,
} from '../../../../constructs/addons';

function build() {
  let logging: Logging | undefined;
  const json = JSON.parse(
    Testing.synthScope((scope) => {
      logging = new Logging(scope, 'logging', {
        storageClass: 'cinder',
        storageSize: DataSize.gibibytes(10),
        retention: TimeSpan.days(7),
        lokiResources: DEFAULT_LOGGING.resources,
      });
    }),
  );
  const releases = Object.values(json.resource.helm_release) as {
    name: string;
    values: string[];
    repository: string;
  }[];
  const values = <T>(name: string) => YAML.parse(releases.find((r) => r.name === name)!.values[0]) as T;
  return { logging: logging!, releases, values };
}

describe('Logging', () => {
  test('one single-binary Loki on a Cinder volume, caches off, retention by the compactor', () => {
    const { values, releases } = build();
    expect(releases.find((r) => r.name === 'loki')!.repository).toBe(
      'https://grafana-community.github.io/helm-charts',
    );
    const v = values<LokiChartValues>('loki');
    expect(v.deploymentMode).toBe('SingleBinary');
    expect(v.singleBinary.persistence).toEqual({ enabled: true, size: '10Gi', storageClass: 'cinder' });
    expect([v.read.replicas, v.write.replicas, v.backend.replicas]).toEqual([0, 0, 0]);
    expect([v.chunksCache.enabled, v.resultsCache.enabled, v.gateway.enabled]).toEqual([false, false, false]);
    expect(v.loki.limits_config.retention_period).toBe('168h');
    expect(v.loki.compactor.retention_enabled).toBe(true);
  });

  test('Fluent Bit on every node ships container logs to Loki with low-cardinality labels', () => {
    const v = build().values<FluentBitChartValues>('fluent-bit');
    expect(v.kind).toBe('DaemonSet');
    expect(v.tolerations).toEqual([{ operator: 'Exists' }]);
    expect(v.config.inputs).toContain('    multiline.parser cri');
    expect(v.config.outputs).toContain('    Host loki.logging.svc.cluster.local');
    expect(v.config.outputs).toContain(
      "    Label_keys $kubernetes['namespace_name'],$kubernetes['pod_name'],$kubernetes['container_name']",
    );
    expect(LOKI_URL).toBe('http://loki.logging.svc.cluster.local:3100');
  });

  test('the pipeline has no Terraform interpolation sequences', () => {
    expect(JSON.stringify(fluentBitConfig())).not.toMatch(/\$\{|%\{/);
  });

  test('footprint: Loki once, Fluent Bit on every node', () => {
    expect(build().logging.footprint.workloads.map((w) => `${w.name}:${w.placement}`)).toEqual([
      'loki:minions',
      'fluent-bit:every-node',
    ]);
  });
});
