import { Construct } from 'constructs';
import { k8s } from 'cdk8s-plus-33';
import { AppProcessContext, disruptionBudget } from './app-process-context';
import { WorkerProcessProps } from './app-props';
import { selectorLabels } from '../core/workload-labels';
import { restrictedPodSpec } from './workload-pod';
import { appObjectName } from './app-object-names';

export interface AppWorkerProps {
  readonly context: AppProcessContext;
  /** The worker's name inside the app: its objects are `<app>-<worker>`. */
  readonly worker: string;
  readonly spec: WorkerProcessProps;
}

/** A background process: a Deployment without Service, rolled without losing capacity. */
export class AppWorker extends Construct {
  public readonly deployment: k8s.KubeDeployment;

  constructor(scope: Construct, id: string, props: AppWorkerProps) {
    super(scope, id);
    const { context, worker, spec } = props;
    const objectName = appObjectName(context.name, worker);
    const component = `worker-${worker}`;
    const selector = selectorLabels(context.name, component);
    const replicas = spec.replicas ?? 1;
    this.deployment = new k8s.KubeDeployment(this, 'deployment', {
      metadata: context.meta(objectName, component),
      spec: {
        replicas,
        revisionHistoryLimit: 5,
        selector: { matchLabels: selector },
        strategy: {
          type: 'RollingUpdate',
          rollingUpdate: {
            maxSurge: k8s.IntOrString.fromString('25%'),
            maxUnavailable: k8s.IntOrString.fromNumber(0),
          },
        },
        template: {
          metadata: { labels: context.labels(component) },
          spec: restrictedPodSpec({
            ...context.podCommon,
            labels: context.labels(component),
            spread: { replicas, selector },
            containers: [
              context.container(objectName, spec, { livenessProbe: spec.liveness?.toKube(undefined) }),
            ],
            volumes: context.commonVolumes,
          }),
        },
      },
    });
    context.afterRelease(this.deployment);
    disruptionBudget(this, 'disruption-budget', context.meta(objectName, component), selector, replicas);
  }
}
