import { Testing } from 'cdk8s';
import { appFiles } from '../../../constructs/workloads/app-files';
import { SecretRef } from '../../../constructs/workloads/app-env';
import { Json, at, testChart } from '../../support/environments';

describe('appFiles', () => {
  test('text files share one ConfigMap, secret keys mount from their Secret, all read-only', () => {
    const chart = testChart();
    const mounts = appFiles(
      chart,
      { '/etc/shop/app.yaml': 'a: 1\n', '/etc/shop/key.pem': SecretRef.named('tls').key('tls.key') },
      { name: 'shop-files', namespace: 'dev', labels: {} },
    );
    const [configMap] = Testing.synth(chart) as Json[];
    expect(at(configMap, 'data')).toEqual({ 'etc_shop_app.yaml': 'a: 1\n' });
    expect(mounts.volumes).toEqual([
      { name: 'files', configMap: { name: 'shop-files' } },
      { name: 'secret-file-0', secret: { secretName: 'tls', items: [{ key: 'tls.key', path: 'value' }] } },
    ]);
    expect(mounts.mounts.every((m) => m.readOnly)).toBe(true);
  });

  test('no files, no ConfigMap and no mounts', () => {
    const chart = testChart();
    expect(appFiles(chart, {}, { name: 'x-files', namespace: 'dev', labels: {} })).toEqual({
      volumes: [],
      mounts: [],
    });
    expect(Testing.synth(chart)).toEqual([]);
  });
});
