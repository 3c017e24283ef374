import { Testing } from 'cdk8s';
import { appNetworkPolicy } from '../../../constructs/workloads/app-network-policy';
import { AppProps } from '../../../constructs/workloads/app-props';
import { AppImage } from '../../../constructs/workloads/app-image';
import { AppProbe } from '../../../constructs/workloads/app-probe';
import { Json, at, testChart, workloadEnvironment } from '../../support/environments';

function policies(extra: Partial<AppProps>): Json[] {
  const chart = testChart();
  const props: AppProps = {
    environment: workloadEnvironment('dev'),
    image: AppImage.tag('team/shop', '1.0'),
    web: { port: 8080, readiness: AppProbe.http('/') },
    ...extra,
  };
  appNetworkPolicy(chart, props, 'shop', { name: 'shop', namespace: 'dev', labels: {} });
  return Testing.synth(chart) as Json[];
}

describe('appNetworkPolicy', () => {
  test('nothing declared, no policy (the environment default deny applies)', () => {
    expect(policies({})).toEqual([]);
  });

  test('callers may reach the web port, sorted; metrics open to the monitoring namespace', () => {
    const [policy] = policies({ allowFrom: ['zeta', 'alpha'], metrics: { port: 9090 } });
    expect(at(policy, 'spec', 'policyTypes')).toEqual(['Ingress']);
    expect(
      at(policy, 'spec', 'ingress', 0, 'from', 0, 'podSelector', 'matchExpressions', 0, 'values'),
    ).toEqual(['alpha', 'zeta']);
    expect(at(policy, 'spec', 'ingress', 1, 'ports', 0, 'port')).toBe(9090);
  });
});
