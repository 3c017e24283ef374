import { Construct } from 'constructs';
import { k8s } from 'cdk8s-plus-33';
import { appHostName } from '../../config/platform-names';
import { AppProcessContext, disruptionBudget } from './app-process-context';
import { AppMetricsProps, AppVolumeProps, WebProcessProps } from './app-props';
import { WorkloadHttpRoute } from './workload-http-route';
import { ServiceMonitor } from './workload-monitoring';
import { WorkloadLabel, selectorLabels } from '../core/workload-labels';
import { restrictedPodSpec } from './workload-pod';
import { appObjectName } from './app-object-names';

/** Port of a web process's Service (`http://<app>.<env>.svc`), which the route targets too. */
export const WEB_SERVICE_PORT = 80;

export interface AppWebProps {
  readonly context: AppProcessContext;
  readonly web: WebProcessProps;
  /**
   * Persistent volumes, mounted in the web process.
   * @default none
   */
  readonly volumes?: Readonly<Record<string, AppVolumeProps>>;
  /**
   * Metrics Prometheus scrapes from the web process.
   * @default not scraped
   */
  readonly metrics?: AppMetricsProps;
}

/**
 * An app's web process: its Deployment (rolling without losing capacity, or recreated when it owns
 * volumes), the volumes' claims, the Service, the route on the shared Gateway, the autoscaler, the
 * disruption budget and the ServiceMonitor.
 */
export class AppWeb extends Construct {
  public readonly deployment: k8s.KubeDeployment;
  /** Host names the app answers on (generated first); empty when not public. */
  public readonly hostnames: readonly string[];

  constructor(scope: Construct, id: string, props: AppWebProps) {
    super(scope, id);
    const { context, web } = props;
    const name = context.name;
    const env = context.podCommon.environment;
    const meta = context.meta(name, 'web');
    const selector = selectorLabels(name, 'web');
    const autoscale = web.autoscale;
    const replicas = autoscale ? autoscale.min : (web.replicas ?? 1);
    const podLabels = {
      ...context.labels('web'),
      ...(web.public === false ? {} : { [WorkloadLabel.GATEWAY]: 'true' }),
    };
    const claims = Object.entries(props.volumes ?? {}).map(([volume, spec]) => {
      new k8s.KubePersistentVolumeClaim(this, `volume-${volume}`, {
        metadata: context.meta(appObjectName(name, volume), 'web'),
        spec: {
          accessModes: ['ReadWriteOnce'],
          storageClassName: env.storageClassName,
          resources: { requests: { storage: k8s.Quantity.fromString(spec.size.toString()) } },
        },
      });
      return { volume, spec };
    });
    this.deployment = new k8s.KubeDeployment(this, 'deployment', {
      metadata: meta,
      spec: {
        // The autoscaler owns the count; writing it here would fight it on every deploy.
        replicas: autoscale ? undefined : replicas,
        revisionHistoryLimit: 5,
        selector: { matchLabels: selector },
        strategy:
          claims.length > 0
            ? { type: 'Recreate' }
            : {
                type: 'RollingUpdate',
                // Start new pods before stopping old ones: capacity never drops during a rollout.
                rollingUpdate: {
                  maxSurge: k8s.IntOrString.fromString('25%'),
                  maxUnavailable: k8s.IntOrString.fromNumber(0),
                },
              },
        template: {
          metadata: { labels: podLabels },
          spec: restrictedPodSpec({
            ...context.podCommon,
            labels: podLabels,
            ownsVolumes: claims.length > 0,
            spread: { replicas, selector },
            containers: [
              context.container(name, web, {
                port: { name: 'http', containerPort: web.port },
                readinessProbe: web.readiness.toKube(web.port),
                livenessProbe: web.liveness?.toKube(web.port),
                startupProbe: web.startup?.toKube(web.port),
                volumeMounts: [
                  ...context.commonMounts,
                  ...claims.map(({ volume, spec }) => ({ name: `volume-${volume}`, mountPath: spec.path })),
                ],
              }),
            ],
            volumes: [
              ...context.commonVolumes,
              ...claims.map(({ volume }) => ({
                name: `volume-${volume}`,
                persistentVolumeClaim: { claimName: appObjectName(name, volume) },
              })),
            ],
          }),
        },
      },
    });
    context.afterRelease(this.deployment);

    const metricsPort = props.metrics ? (props.metrics.port ?? web.port) : undefined;
    const servicePorts: k8s.ServicePort[] = [
      {
        name: 'http',
        port: WEB_SERVICE_PORT,
        targetPort: k8s.IntOrString.fromNumber(web.port),
        protocol: 'TCP',
      },
    ];
    if (metricsPort !== undefined && metricsPort !== web.port) {
      servicePorts.push({
        name: 'metrics',
        port: metricsPort,
        targetPort: k8s.IntOrString.fromNumber(metricsPort),
        protocol: 'TCP',
      });
    }
    new k8s.KubeService(this, 'service', {
      metadata: meta,
      spec: { type: 'ClusterIP', selector, ports: servicePorts },
    });

    this.hostnames =
      web.public === false ? [] : [appHostName(name, env.hostDomain), ...(web.hostnames ?? [])];
    if (web.public !== false) {
      new WorkloadHttpRoute(this, 'route', {
        metadata: meta,
        spec: {
          parentRefs: [env.gateway],
          hostnames: [...this.hostnames],
          rules: [
            {
              matches: [{ path: { type: 'PathPrefix', value: '/' } }],
              backendRefs: [{ name, port: WEB_SERVICE_PORT }],
            },
          ],
        },
      });
    }

    if (autoscale) {
      new k8s.KubeHorizontalPodAutoscalerV2(this, 'autoscaler', {
        metadata: meta,
        spec: {
          scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name },
          minReplicas: autoscale.min,
          maxReplicas: autoscale.max,
          metrics: [
            {
              type: 'Resource',
              resource: {
                name: 'cpu',
                target: { type: 'Utilization', averageUtilization: autoscale.cpuUtilization ?? 70 },
              },
            },
          ],
        },
      });
    }
    disruptionBudget(this, 'disruption-budget', meta, selector, replicas);

    if (props.metrics && metricsPort !== undefined) {
      new ServiceMonitor(this, 'service-monitor', {
        metadata: meta,
        spec: {
          selector: { matchLabels: selector },
          endpoints: [
            {
              port: metricsPort === web.port ? 'http' : 'metrics',
              path: props.metrics.path ?? '/metrics',
              interval: '30s',
            },
          ],
        },
      });
    }
  }
}
