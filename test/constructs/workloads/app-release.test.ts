import { Testing } from 'cdk8s';
import { AppRelease } from '../../../constructs/workloads/app-release';
import { AppProcessContext } from '../../../constructs/workloads/app-process-context';
import { AppImage } from '../../../constructs/workloads/app-image';
import { Json, at, testChart, workloadEnvironment } from '../../support/environments';

function releaseJob(image: AppImage): Json {
  const chart = testChart();
  const context = new AppProcessContext(
    { environment: workloadEnvironment('dev'), image },
    'shop',
    undefined,
    {
      volumes: [],
      mounts: [],
    },
  );
  new AppRelease(chart, 'release', { context, spec: { command: ['migrate'] }, image });
  return (Testing.synth(chart) as Json[])[0];
}

describe('AppRelease', () => {
  test('one Job per image version, named after it, with a ten-minute default deadline', () => {
    const a = releaseJob(AppImage.tag('team/shop', '1.0'));
    const b = releaseJob(AppImage.tag('team/shop', '1.1'));
    expect(at(a, 'kind')).toBe('Job');
    expect(at(a, 'metadata', 'name')).not.toEqual(at(b, 'metadata', 'name'));
    expect(String(at(a, 'metadata', 'name'))).toMatch(/^shop-release-/);
    expect(at(a, 'spec', 'activeDeadlineSeconds')).toBe(600);
    expect(at(a, 'spec', 'template', 'spec', 'restartPolicy')).toBe('Never');
  });
});
