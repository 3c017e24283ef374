import { AlertRule, AlertSeverity } from './workload-monitoring';

/** What the default alerts of an app watch. */
export interface AppAlertTargets {
  readonly app: string;
  readonly namespace: string;
  /** Deployments (web and workers). */
  readonly deployments: readonly string[];
  /** CronJobs: their Jobs are named `<cronjob>-<minutes since epoch>`. */
  readonly cronJobs: readonly string[];
  /** The release Job, when the app has one. */
  readonly releaseJob?: string;
  /** The Service Prometheus scrapes, when the app exposes metrics. */
  readonly scrapedService?: string;
}

/** `tomcat-petclinic` gives `TomcatPetclinic`, the prefix of the app's alert names. */
export function alertPrefix(app: string): string {
  return app
    .split('-')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
}

/**
 * Alerts every app gets: a Deployment with no available replica (critical) or fewer than desired
 * (warning), containers restarting, failed cron and release Jobs, and a scrape target down. They rely
 * on kube-state-metrics and on Prometheus's own `up`, both part of the platform's monitoring.
 */
export function defaultAlertRules(targets: AppAlertTargets): AlertRule[] {
  const { app, namespace } = targets;
  const prefix = alertPrefix(app);
  const labels = (severity: AlertSeverity) => ({ severity, namespace, app });
  const rules: AlertRule[] = [];
  if (targets.deployments.length > 0) {
    const deployments = `namespace="${namespace}",deployment=~"${targets.deployments.join('|')}"`;
    rules.push(
      {
        alert: `${prefix}Down`,
        expr: `kube_deployment_status_replicas_available{${deployments}} == 0`,
        for: '5m',
        labels: labels(AlertSeverity.CRITICAL),
        annotations: {
          summary: `${app} in ${namespace} has no available replica`,
          description: 'Deployment {{ $labels.deployment }} has had no available pod for 5 minutes.',
        },
      },
      {
        alert: `${prefix}Degraded`,
        expr:
          `kube_deployment_status_replicas_available{${deployments}}` +
          ` < kube_deployment_spec_replicas{${deployments}}`,
        for: '15m',
        labels: labels(AlertSeverity.WARNING),
        annotations: {
          summary: `${app} in ${namespace} runs fewer replicas than desired`,
          description: 'Deployment {{ $labels.deployment }} has lacked replicas for 15 minutes.',
        },
      },
    );
  }
  // Containers are named after their workload; the release Job's container is `<app>-release`.
  const containers = [
    ...targets.deployments,
    ...targets.cronJobs,
    ...(targets.releaseJob ? [`${app}-release`] : []),
  ];
  rules.push({
    alert: `${prefix}Restarting`,
    expr:
      `increase(kube_pod_container_status_restarts_total{namespace="${namespace}",` +
      `container=~"${containers.join('|')}"}[15m]) > 3`,
    for: '5m',
    labels: labels(AlertSeverity.WARNING),
    annotations: {
      summary: `${app} in ${namespace} keeps restarting`,
      description:
        'Container {{ $labels.container }} of pod {{ $labels.pod }} restarted more than 3 times in 15 minutes.',
    },
  });
  const jobs = [
    ...targets.cronJobs.map((cron) => `${cron}-[0-9]+`),
    ...(targets.releaseJob ? [targets.releaseJob] : []),
  ];
  if (jobs.length > 0) {
    rules.push({
      alert: `${prefix}JobFailed`,
      expr: `kube_job_status_failed{namespace="${namespace}",job_name=~"${jobs.join('|')}"} > 0`,
      for: '1m',
      labels: labels(AlertSeverity.WARNING),
      annotations: {
        summary: `A job of ${app} in ${namespace} failed`,
        description: 'Job {{ $labels.job_name }} failed; see its pod logs.',
      },
    });
  }
  if (targets.scrapedService) {
    rules.push({
      alert: `${prefix}TargetDown`,
      expr: `up{namespace="${namespace}",service="${targets.scrapedService}"} == 0`,
      for: '5m',
      labels: labels(AlertSeverity.WARNING),
      annotations: {
        summary: `Prometheus cannot scrape ${app} in ${namespace}`,
        description: 'Metrics endpoint of pod {{ $labels.pod }} has not answered for 5 minutes.',
      },
    });
  }
  return rules;
}
