import { GeneratedSecret } from '../../../constructs/workloads/workload-generated-secret';
import { testChart } from '../../support/environments';

describe('GeneratedSecret', () => {
  test('records what to generate and writes nothing to the chart', () => {
    const chart = testChart();
    const secret = new GeneratedSecret(chart, 'creds', {
      name: 'db-credentials',
      namespace: 'dev',
      passwordKeys: ['password'],
      derivedKeys: { url: 'mysql://app:{{password}}@db:3306/app' },
    });
    expect(chart.toJson()).toEqual([]);
    expect(GeneratedSecret.within(chart)).toEqual([secret]);
    expect(secret).toMatchObject({
      secretName: 'db-credentials',
      namespace: 'dev',
      passwordKeys: ['password'],
      labels: {},
    });
  });

  test('renders derived values from the generated passwords', () => {
    expect(GeneratedSecret.render('u:{{password}}@h/{{other}}', { password: 'P', other: 'O' })).toBe(
      'u:P@h/O',
    );
  });

  test('rejects a derived value that uses no generated password', () => {
    expect(
      () =>
        new GeneratedSecret(testChart(), 'creds', {
          name: 'db-credentials',
          namespace: 'dev',
          passwordKeys: ['password'],
          derivedKeys: { url: 'x:{{root}}' },
        }),
    ).toThrow('derived key url of Secret db-credentials uses {{root}}, which is not a password key');
  });
});
