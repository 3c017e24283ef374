import { alertPrefix, defaultAlertRules } from '../../../constructs/workloads/app-alerts';

describe('default alerts', () => {
  test('prefix alert names with the app in CamelCase', () => {
    expect(alertPrefix('tomcat-petclinic')).toBe('TomcatPetclinic');
  });

  test('watch deployments, restarts, jobs and scraping', () => {
    const rules = defaultAlertRules({
      app: 'shop',
      namespace: 'prod',
      deployments: ['shop', 'shop-mailer'],
      cronJobs: ['shop-nightly'],
      releaseJob: 'shop-release-1-2',
      scrapedService: 'shop',
    });
    expect(rules.map((r) => [r.alert, r.labels.severity])).toEqual([
      ['ShopDown', 'critical'],
      ['ShopDegraded', 'warning'],
      ['ShopRestarting', 'warning'],
      ['ShopJobFailed', 'warning'],
      ['ShopTargetDown', 'warning'],
    ]);
    expect(rules[0].expr).toBe(
      'kube_deployment_status_replicas_available{namespace="prod",deployment=~"shop|shop-mailer"} == 0',
    );
    expect(rules[2].expr).toContain('container=~"shop|shop-mailer|shop-nightly|shop-release"');
    expect(rules[3].expr).toBe(
      'kube_job_status_failed{namespace="prod",job_name=~"shop-nightly-[0-9]+|shop-release-1-2"} > 0',
    );
    expect(rules.every((r) => r.labels.namespace === 'prod' && r.labels.app === 'shop')).toBe(true);
  });

  test('a cron-only app gets only what applies to it', () => {
    const rules = defaultAlertRules({
      app: 'cleanup',
      namespace: 'dev',
      deployments: [],
      cronJobs: ['cleanup-daily'],
    });
    expect(rules.map((r) => r.alert)).toEqual(['CleanupRestarting', 'CleanupJobFailed']);
  });
});
