import * as fs from 'fs';
import * as path from 'path';
import {
  CHART_CRDS,
  CrdDelivery,
  ENVOY_GATEWAY_CHART,
  KUBE_PROMETHEUS_STACK_CHART,
  SNAPSHOT_CONTROLLER_CHART,
  crdDeliveryOf,
  crdUpgradeCommand,
} from '../../../../constructs/addons';

describe('CRD delivery of the pinned charts', () => {
  test('every chart an add-on pins is classified', () => {
    const dir = path.join(__dirname, '../../../../constructs/addons');
    const pinned = fs
      .readdirSync(dir, { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.ts'))
      .flatMap((f) => [...fs.readFileSync(path.join(dir, f), 'utf8').matchAll(/^\s+chart: '([^']+)',$/gm)])
      .map((m) => m[1]);
    expect(pinned.length).toBeGreaterThan(10);
    expect(pinned.filter((chart) => CHART_CRDS[chart] === undefined)).toEqual([]);
  });

  test('charts with a crds/ folder get an explicit apply of the new version, OCI or repository', () => {
    expect(crdUpgradeCommand(ENVOY_GATEWAY_CHART)).toBe(
      `helm show crds oci://docker.io/envoyproxy/gateway-helm --version ${ENVOY_GATEWAY_CHART.version} | kubectl apply --server-side --force-conflicts -f -`,
    );
    expect(crdUpgradeCommand(KUBE_PROMETHEUS_STACK_CHART)).toBe(
      `helm show crds kube-prometheus-stack --repo https://prometheus-community.github.io/helm-charts --version ${KUBE_PROMETHEUS_STACK_CHART.version} | kubectl apply --server-side --force-conflicts -f -`,
    );
    expect(crdDeliveryOf(SNAPSHOT_CONTROLLER_CHART)).toBe(CrdDelivery.TEMPLATES);
    expect(crdUpgradeCommand(SNAPSHOT_CONTROLLER_CHART)).toBeUndefined();
  });

  test('an unclassified chart is refused, naming the file to edit', () => {
    expect(() =>
      crdDeliveryOf({
        repository: 'https://x.example',
        chart: 'new-thing',
        version: '1.0.0',
        confirmedAt: 'a test',
        images: { readAt: 'a test', images: [] },
      }),
    ).toThrow('chart new-thing is not in CHART_CRDS');
  });
});
