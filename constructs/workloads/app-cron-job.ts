import { Duration } from 'cdk8s';
import { Construct } from 'constructs';
import { k8s } from 'cdk8s-plus-33';
import { AppProcessContext } from './app-process-context';
import { CronProcessProps } from './app-props';
import { restrictedPodSpec } from './workload-pod';
import { appObjectName } from './app-object-names';

export interface AppCronJobProps {
  readonly context: AppProcessContext;
  /** The cron job's name inside the app: its CronJob is `<app>-<cron>`. */
  readonly cron: string;
  readonly spec: CronProcessProps;
}

/** A scheduled process: a CronJob that never overlaps itself and keeps a short history. */
export class AppCronJob extends Construct {
  public readonly cronJob: k8s.KubeCronJob;

  constructor(scope: Construct, id: string, props: AppCronJobProps) {
    super(scope, id);
    const { context, cron, spec } = props;
    const objectName = appObjectName(context.name, cron);
    const component = `cron-${cron}`;
    this.cronJob = new k8s.KubeCronJob(this, 'cron-job', {
      metadata: context.meta(objectName, component),
      spec: {
        schedule: spec.schedule.expressionString,
        timeZone: spec.timeZone ?? 'Etc/UTC',
        concurrencyPolicy: 'Forbid',
        startingDeadlineSeconds: 300,
        successfulJobsHistoryLimit: 3,
        failedJobsHistoryLimit: 3,
        jobTemplate: {
          metadata: { labels: context.labels(component) },
          spec: {
            backoffLimit: 2,
            activeDeadlineSeconds: (spec.deadline ?? Duration.hours(1)).toSeconds(),
            template: {
              metadata: { labels: context.labels(component) },
              spec: restrictedPodSpec({
                ...context.podCommon,
                labels: context.labels(component),
                restartPolicy: 'Never',
                containers: [context.container(objectName, spec)],
                volumes: context.commonVolumes,
              }),
            },
          },
        },
      },
    });
    context.afterRelease(this.cronJob);
  }
}
