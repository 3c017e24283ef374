import { ApiObject } from 'cdk8s';
import { k8s } from 'cdk8s-plus-33';
import { Construct } from 'constructs';
import { defaultAlertRules } from './app-alerts';
import { AppCronJob } from './app-cron-job';
import { appFiles } from './app-files';
import { appNetworkPolicy } from './app-network-policy';
import { AppProcessContext } from './app-process-context';
import { AppProps } from './app-props';
import { AppRelease } from './app-release';
import { appPropsProblems } from './app-rules';
import { AppWeb } from './app-web';
import { AppWorker } from './app-worker';
import { PrometheusRule } from './workload-monitoring';
import { workloadLabels } from '../core/workload-labels';
import { appFilesName, appObjectName } from './app-object-names';

/**
 * One app in one environment: its processes (web, workers, cron jobs, release), their Service, route,
 * autoscaler and disruption budget, volumes, configuration, network rules, scraping and alerts, all
 * under stable human names (`wordpress` in namespace `dev`). Pods meet the restricted Pod Security
 * Standard and run with a read-only root filesystem.
 */
export class App extends Construct {
  public readonly appName: string;
  /** The web Deployment, when there is a web process. */
  public readonly webDeployment?: k8s.KubeDeployment;
  /** The release Job, when there is a release process. */
  public readonly releaseJob?: k8s.KubeJob;
  /** Host names the app answers on (generated first), when public. */
  public readonly hostnames: readonly string[];
  /** Every workload object (Deployments, CronJobs, the Job). */
  public readonly workloads: readonly ApiObject[];

  constructor(scope: Construct, id: string, props: AppProps) {
    super(scope, id);
    const name = props.name ?? id;
    const problems = appPropsProblems(props, name);
    if (problems.length > 0) {
      throw new Error(
        `App ${name} is invalid:\n  ${problems.map((p) => `${p.path}: ${p.message}`).join('\n  ')}`,
      );
    }
    this.appName = name;
    const namespace = props.environment.name;
    const meta = (objectName: string, component: string) => ({
      name: objectName,
      namespace,
      labels: workloadLabels(name, component, namespace),
    });

    new k8s.KubeServiceAccount(this, 'service-account', {
      metadata: meta(name, 'app'),
      automountServiceAccountToken: false,
    });
    // Configuration shared by every process.
    const hasConfig = props.config !== undefined && Object.keys(props.config).length > 0;
    if (hasConfig) {
      new k8s.KubeConfigMap(this, 'config', { metadata: meta(name, 'app'), data: { ...props.config } });
    }
    const files = appFiles(this, props.files ?? {}, meta(appFilesName(name), 'app'));
    const context = new AppProcessContext(props, name, hasConfig ? name : undefined, files);
    const workloads: ApiObject[] = [];

    // Release: one Job per image version, completed before the Deployments roll.
    if (props.release) {
      const release = new AppRelease(this, 'release', {
        context,
        spec: props.release,
        image: props.image,
        bindings: props.bindings,
      });
      this.releaseJob = release.job;
      context.releaseJob = release.job;
      workloads.push(release.job);
    }
    if (props.web) {
      const web = new AppWeb(this, 'web', {
        context,
        web: props.web,
        volumes: props.volumes,
        metrics: props.metrics,
      });
      this.webDeployment = web.deployment;
      workloads.push(web.deployment);
      this.hostnames = web.hostnames;
    } else {
      this.hostnames = [];
    }
    for (const [worker, spec] of Object.entries(props.workers ?? {})) {
      workloads.push(new AppWorker(this, `worker-${worker}`, { context, worker, spec }).deployment);
    }
    for (const [cron, spec] of Object.entries(props.cronJobs ?? {})) {
      workloads.push(new AppCronJob(this, `cron-${cron}`, { context, cron, spec }).cronJob);
    }
    this.workloads = workloads;

    appNetworkPolicy(this, props, name, meta(name, 'app'));

    if (props.alerts !== false) {
      new PrometheusRule(this, 'alerts', {
        metadata: meta(name, 'app'),
        spec: {
          groups: [
            {
              name: `${namespace}-${name}`,
              rules: defaultAlertRules({
                app: name,
                namespace,
                deployments: [
                  ...(props.web ? [name] : []),
                  ...Object.keys(props.workers ?? {}).map((w) => appObjectName(name, w)),
                ],
                cronJobs: Object.keys(props.cronJobs ?? {}).map((c) => appObjectName(name, c)),
                releaseJob: this.releaseJob?.name,
                scrapedService: props.metrics ? name : undefined,
              }),
            },
          ],
        },
      });
    }
  }
}
