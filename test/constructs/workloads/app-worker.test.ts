import { Testing } from 'cdk8s';
import { AppWorker } from '../../../constructs/workloads/app-worker';
import { AppProcessContext } from '../../../constructs/workloads/app-process-context';
import { AppImage } from '../../../constructs/workloads/app-image';
import { Json, at, find, testChart, workloadEnvironment } from '../../support/environments';

function synth(replicas?: number): Json[] {
  const chart = testChart();
  const context = new AppProcessContext(
    { environment: workloadEnvironment('dev'), image: AppImage.tag('team/shop', '1.0') },
    'shop',
    undefined,
    { volumes: [], mounts: [] },
  );
  new AppWorker(chart, 'worker-mailer', { context, worker: 'mailer', spec: { command: ['mail'], replicas } });
  return Testing.synth(chart) as Json[];
}

describe('AppWorker', () => {
  test('a worker is a Deployment <app>-<worker> without Service, rolled without losing capacity', () => {
    const objects = synth();
    expect(objects.map((o) => `${o.kind}/${at(o, 'metadata', 'name')}`)).toEqual(['Deployment/shop-mailer']);
    const deployment = find(objects, 'Deployment', 'shop-mailer');
    expect(at(deployment, 'spec', 'strategy', 'rollingUpdate', 'maxUnavailable')).toBe(0);
    expect(at(deployment, 'spec', 'template', 'spec', 'containers', 0, 'command')).toEqual(['mail']);
  });

  test('two replicas or more get a disruption budget', () => {
    expect(synth(2).map((o) => o.kind)).toEqual(['Deployment', 'PodDisruptionBudget']);
  });
});
