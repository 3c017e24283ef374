import { Testing } from 'cdk8s';
import {
  AlertSeverity,
  PrometheusRule,
  ServiceMonitor,
} from '../../../constructs/workloads/workload-monitoring';
import { schemaErrors } from '../../support/kubernetes-schema';
import { testChart } from '../../support/environments';

describe('Prometheus Operator objects', () => {
  test('a ServiceMonitor and a PrometheusRule of monitoring.coreos.com/v1', () => {
    const chart = testChart();
    new ServiceMonitor(chart, 'sm', {
      metadata: { name: 'shop', namespace: 'dev' },
      spec: {
        selector: { matchLabels: { a: 'b' } },
        endpoints: [{ port: 'http', path: '/metrics', interval: '30s' }],
      },
    });
    new PrometheusRule(chart, 'rule', {
      metadata: { name: 'shop', namespace: 'dev' },
      spec: {
        groups: [
          {
            name: 'g',
            rules: [
              {
                alert: 'ShopDown',
                expr: 'up == 0',
                for: '5m',
                labels: { severity: AlertSeverity.CRITICAL },
                annotations: { summary: 's', description: 'd' },
              },
            ],
          },
        ],
      },
    });
    const objects = Testing.synth(chart);
    expect(objects.map((o) => `${o.apiVersion} ${o.kind}`)).toEqual([
      'monitoring.coreos.com/v1 ServiceMonitor',
      'monitoring.coreos.com/v1 PrometheusRule',
    ]);
    expect(objects.flatMap(schemaErrors)).toEqual([]);
  });

  test('the shape check catches a bad duration and a missing field', () => {
    expect(
      schemaErrors({
        apiVersion: 'monitoring.coreos.com/v1',
        kind: 'PrometheusRule',
        metadata: { name: 'r', namespace: 'dev' },
        spec: {
          groups: [{ name: 'g', rules: [{ alert: 'A', expr: 'up', for: 'five minutes' }] }, { rules: [] }],
        },
      }),
    ).toEqual([
      'PrometheusRule/r.spec.groups[0].rules[0].for must be a Prometheus duration',
      'PrometheusRule/r.spec.groups[1].name is required',
    ]);
  });

  test('the schema check catches a wrong core object', () => {
    expect(
      schemaErrors({
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'd' },
        spec: { replicas: 'two' },
      })[0],
    ).toMatch(/^Deployment\/d: .*replicas/);
    expect(schemaErrors({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' } })).toEqual([
      'Widget/w: example.com/v1 Widget is neither a Kubernetes kind nor a known custom resource',
    ]);
  });
});
