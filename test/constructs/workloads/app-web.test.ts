import { Testing } from 'cdk8s';
import { DataSize } from '../../../config';
import { AppWeb } from '../../../constructs/workloads/app-web';
import { AppProcessContext } from '../../../constructs/workloads/app-process-context';
import { AppProps, WebProcessProps } from '../../../constructs/workloads/app-props';
import { AppImage } from '../../../constructs/workloads/app-image';
import { AppProbe } from '../../../constructs/workloads/app-probe';
import { Json, at, find, testChart, workloadEnvironment } from '../../support/environments';

const WEB: WebProcessProps = { port: 8080, readiness: AppProbe.http('/ready') };

function synth(extra: Partial<AppProps> = {}): Json[] {
  const props: AppProps = {
    environment: workloadEnvironment('dev'),
    image: AppImage.tag('team/shop', '1.0'),
    web: WEB,
    ...extra,
  };
  const chart = testChart();
  const context = new AppProcessContext(props, 'shop', undefined, { volumes: [], mounts: [] });
  new AppWeb(chart, 'web', { context, web: props.web!, volumes: props.volumes, metrics: props.metrics });
  return Testing.synth(chart) as Json[];
}

describe('AppWeb', () => {
  test('a public web process gets a Deployment, a Service on port 80 and a route on <app>.<env>.apps', () => {
    const objects = synth();
    expect(objects.map((o) => o.kind)).toEqual(['Deployment', 'Service', 'HTTPRoute']);
    expect(at(find(objects, 'HTTPRoute', 'shop'), 'spec', 'hostnames')).toEqual([
      `shop.${workloadEnvironment('dev').hostDomain}`,
    ]);
    expect(at(find(objects, 'Service', 'shop'), 'spec', 'ports', 0, 'targetPort')).toBe(8080);
  });

  test('a private web process has no route; autoscaling adds an autoscaler and a disruption budget', () => {
    const objects = synth({ web: { ...WEB, public: false, autoscale: { min: 2, max: 4 } } });
    expect(objects.map((o) => o.kind)).toEqual([
      'Deployment',
      'Service',
      'HorizontalPodAutoscaler',
      'PodDisruptionBudget',
    ]);
    expect(at(find(objects, 'Deployment', 'shop'), 'spec', 'replicas')).toBeUndefined();
  });

  test('volumes are claimed from the environment storage class and the Deployment is recreated', () => {
    const objects = synth({ volumes: { data: { path: '/data', size: DataSize.gibibytes(5) } } });
    const claim = find(objects, 'PersistentVolumeClaim', 'shop-data');
    expect(at(claim, 'spec', 'storageClassName')).toBe(workloadEnvironment('dev').storageClassName);
    expect(at(find(objects, 'Deployment', 'shop'), 'spec', 'strategy')).toEqual({ type: 'Recreate' });
  });

  test('metrics on another port add a metrics port and a ServiceMonitor', () => {
    const objects = synth({ metrics: { port: 9090 } });
    expect(at(find(objects, 'Service', 'shop'), 'spec', 'ports', 1, 'name')).toBe('metrics');
    expect(at(find(objects, 'ServiceMonitor', 'shop'), 'spec', 'endpoints', 0, 'port')).toBe('metrics');
  });
});
