import { Cron, Duration, Testing } from 'cdk8s';
import { AppCronJob } from '../../../constructs/workloads/app-cron-job';
import { AppProcessContext } from '../../../constructs/workloads/app-process-context';
import { AppImage } from '../../../constructs/workloads/app-image';
import { Json, at, testChart, workloadEnvironment } from '../../support/environments';

describe('AppCronJob', () => {
  test('a CronJob <app>-<cron> in UTC that never overlaps itself, with its deadline', () => {
    const chart = testChart();
    const context = new AppProcessContext(
      { environment: workloadEnvironment('dev'), image: AppImage.tag('team/shop', '1.0') },
      'shop',
      undefined,
      { volumes: [], mounts: [] },
    );
    new AppCronJob(chart, 'cron-nightly', {
      context,
      cron: 'nightly',
      spec: { command: ['report'], schedule: Cron.daily(), deadline: Duration.minutes(5) },
    });
    const [cronJob] = Testing.synth(chart) as Json[];
    expect(at(cronJob, 'metadata', 'name')).toBe('shop-nightly');
    expect(at(cronJob, 'spec', 'timeZone')).toBe('Etc/UTC');
    expect(at(cronJob, 'spec', 'concurrencyPolicy')).toBe('Forbid');
    expect(at(cronJob, 'spec', 'jobTemplate', 'spec', 'activeDeadlineSeconds')).toBe(300);
  });
});
