import { Testing } from 'cdktf';
import * as YAML from 'yaml';
import { MetricsServer, MetricsServerChartValues } from '../../../../constructs/addons';

function values(kubeletInsecureTls: boolean): MetricsServerChartValues {
  const json = JSON.parse(
    Testing.synthScope((scope) => {
      new MetricsServer(scope, 'metrics-server', { kubeletInsecureTls });
    }),
  );
  return YAML.parse((Object.values(json.resource.helm_release)[0] as { values: string[] }).values[0]);
}

describe('MetricsServer', () => {
  test('skips kubelet certificate checks only when told to (kubelets with self-signed certificates)', () => {
    expect(values(true).args).toEqual([
      '--kubelet-preferred-address-types=InternalIP',
      '--kubelet-insecure-tls',
    ]);
    expect(values(false).args).toEqual(['--kubelet-preferred-address-types=InternalIP']);
  });

  test('one small replica with requests and limits', () => {
    const v = values(true);
    expect(v.replicas).toBe(1);
    expect(v.resources).toEqual({
      requests: { cpu: '50m', memory: '64Mi' },
      limits: { cpu: '200m', memory: '128Mi' },
    });
  });
});
