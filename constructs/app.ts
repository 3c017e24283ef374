import { ApiObject, Cron, Duration } from 'cdk8s';
import { k8s } from 'cdk8s-plus-33';
import { Construct, IConstruct } from 'constructs';
import { Size } from '../config';
import { appHostName } from '../config/platform-names';
import { defaultAlertRules } from './app-alerts';
import { AppEgress } from './app-egress';
import { ConfigMapRef, EnvValue, SecretKeyRef, SecretRef, envProblems } from './app-env';
import { AppImage } from './app-image';
import { AppProbe, isPort } from './app-probe';
import { SizeClass, WorkloadResourcesOverride, resourcesFor } from './app-size';
import { ServiceConnection, connectionVariables } from './backing-service-connection';
import { HttpRoute } from './workload-http-route';
import { PrometheusRule, ServiceMonitor } from './workload-monitoring';
import { WorkloadEnvironment } from './workload-environment';
import { WorkloadLabel, selectorLabels, workloadLabels } from './workload-labels';
import { WorkloadContainerProps, restrictedPodSpec } from './workload-pod';

/** A DNS-1123 label (app, process and volume names). */
const LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
/** A lower-case DNS name with at least two labels. */
const HOSTNAME = /^(?=.{1,253}$)[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?(\.[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?)+$/;
/** CronJob names are limited to 52 characters (the controller appends an 11-character suffix). */
const MAX_CRON_JOB_NAME = 52;

/** Settings every process type shares. */
export interface ProcessProps {
  /**
   * Entrypoint override.
   * @default the image's ENTRYPOINT
   */
  readonly command?: readonly string[];
  /**
   * Arguments.
   * @default the image's CMD
   */
  readonly args?: readonly string[];
  /**
   * Size class of this process.
   * @default the app's size
   */
  readonly size?: SizeClass;
  /**
   * Overrides of the size class.
   * @default the app's resources override
   */
  readonly resources?: WorkloadResourcesOverride;
}

/** Autoscaling on CPU between `min` and `max` replicas. */
export interface AutoscaleProps {
  readonly min: number;
  readonly max: number;
  /**
   * Target average CPU use, in percent of the request.
   * @default 70
   */
  readonly cpuUtilization?: number;
}

/** The process that serves HTTP: a Deployment, a Service and, when public, an HTTPRoute. */
export interface WebProcessProps extends ProcessProps {
  /** Port the process listens on (unprivileged: 1024 or above, the container is not root). */
  readonly port: number;
  /** Required: traffic reaches a pod only once this succeeds. */
  readonly readiness: AppProbe;
  /**
   * Restarts the container when it fails.
   * @default none (a wrong liveness probe does more harm than none)
   */
  readonly liveness?: AppProbe;
  /**
   * Holds the other probes off until the process has started.
   * @default none
   */
  readonly startup?: AppProbe;
  /**
   * Fixed replica count; ignored when `autoscale` is set.
   * @default 1
   */
  readonly replicas?: number;
  /**
   * Scale on CPU instead of a fixed count.
   * @default no autoscaling
   */
  readonly autoscale?: AutoscaleProps;
  /**
   * Reachable from outside through the shared Gateway on `<app>.<env>.apps.<domain>` and `hostnames`.
   * @default true
   */
  readonly public?: boolean;
  /**
   * Further host names routed to the app, each one label under a name the shared Gateway's
   * certificate covers: `apps.<domain>` or `<env>.apps.<domain>` (e.g. `shop.apps.example.com`).
   * @default none
   */
  readonly hostnames?: readonly string[];
}

/** A background process: a Deployment without Service. */
export interface WorkerProcessProps extends ProcessProps {
  /**
   * Replica count.
   * @default 1
   */
  readonly replicas?: number;
  /**
   * Restarts the container when it fails.
   * @default none
   */
  readonly liveness?: AppProbe;
}

/** A scheduled process: a CronJob. */
export interface CronProcessProps extends ProcessProps {
  readonly schedule: Cron;
  /**
   * IANA time zone of the schedule.
   * @default "Etc/UTC"
   */
  readonly timeZone?: string;
  /**
   * Longest a run may take before it is stopped.
   * @default 1 hour
   */
  readonly deadline?: Duration;
}

/**
 * A one-off process run once per image version before the new version serves (migrations): a Job named
 * after the version. The delivery waits for it to complete before rolling out the Deployments.
 */
export interface ReleaseProcessProps extends ProcessProps {
  /**
   * Longest the release may take.
   * @default 10 minutes
   */
  readonly deadline?: Duration;
}

/** A persistent volume of the web process (Cinder, ReadWriteOnce). */
export interface AppVolumeProps {
  /** Mount path in the web container. */
  readonly path: string;
  readonly size: Size;
}

/** Prometheus scraping of the web process. */
export interface AppMetricsProps {
  /**
   * Port serving metrics.
   * @default the web port
   */
  readonly port?: number;
  /**
   * HTTP path of the metrics.
   * @default "/metrics"
   */
  readonly path?: string;
}

/**
 * Serve the app from a shared base image: the app image only carries an artifact (a `.war`), copied by
 * an init container into an emptyDir that the base image's container mounts. One base image serves
 * every version of every app built on it.
 */
export interface AppRuntimeProps {
  /** The shared base image (by digest: it is the same in every environment). */
  readonly baseImage: AppImage;
  /** Path of the artifact in the app image, e.g. `/artifact/ROOT.war`. */
  readonly artifactPath: string;
  /** Directory of the base image the artifact is copied into, e.g. `/usr/local/tomcat/webapps`. */
  readonly mountPath: string;
}

/** A backing service bound to the app. */
export interface AppBindingProps {
  /** Variable prefix: `DATABASE` gives `DATABASE_URL`, `DATABASE_HOST`, ... */
  readonly prefix: string;
  readonly connection: ServiceConnection;
  /** Labels of the service's pods, for the egress rule. */
  readonly selector: Readonly<Record<string, string>>;
  /**
   * Construct the release Job waits for (the service's StatefulSet becoming ready).
   * @default none
   */
  readonly dependency?: IConstruct;
}

export interface AppProps {
  readonly environment: WorkloadEnvironment;
  /**
   * Object name of the app (DNS-1123 label): the web Deployment and Service are named exactly this.
   * @default the construct id
   */
  readonly name?: string;
  /** The app image in the private registry. */
  readonly image: AppImage;
  /**
   * The HTTP process.
   * @default none
   */
  readonly web?: WebProcessProps;
  /**
   * Background processes by name (`<app>-<name>` Deployments).
   * @default none
   */
  readonly workers?: Readonly<Record<string, WorkerProcessProps>>;
  /**
   * Scheduled processes by name (`<app>-<name>` CronJobs).
   * @default none
   */
  readonly cronJobs?: Readonly<Record<string, CronProcessProps>>;
  /**
   * The release process.
   * @default none
   */
  readonly release?: ReleaseProcessProps;
  /**
   * Environment variables of every process (besides bindings and the environment ConfigMap).
   * @default none
   */
  readonly env?: Readonly<Record<string, EnvValue>>;
  /**
   * Whole Secrets and ConfigMaps read as environment variables, by reference.
   * @default none
   */
  readonly envFrom?: readonly (SecretRef | ConfigMapRef)[];
  /**
   * Plain settings in the app's own ConfigMap (`<app>`), read as environment variables.
   * @default none
   */
  readonly config?: Readonly<Record<string, string>>;
  /**
   * Files mounted read-only at absolute paths: text (in the `<app>-files` ConfigMap) or a Secret key.
   * @default none
   */
  readonly files?: Readonly<Record<string, string | SecretKeyRef>>;
  /**
   * Size class of every process.
   * @default SizeClass.S
   */
  readonly size?: SizeClass;
  /**
   * Overrides of the size class for every process.
   * @default none
   */
  readonly resources?: WorkloadResourcesOverride;
  /**
   * Persistent volumes of the web process by name (`<app>-<name>` claims). A Cinder volume attaches to
   * one node: an app with volumes runs one replica and is replaced, not rolled.
   * @default none
   */
  readonly volumes?: Readonly<Record<string, AppVolumeProps>>;
  /**
   * Directories that must be writable despite the read-only root filesystem (emptyDirs).
   * @default only /tmp
   */
  readonly writablePaths?: readonly string[];
  /**
   * Bound backing services by binding name.
   * @default none
   */
  readonly bindings?: Readonly<Record<string, AppBindingProps>>;
  /**
   * Run on a shared base image.
   * @default the app image runs itself
   */
  readonly runtime?: AppRuntimeProps;
  /**
   * Scrape the web process with Prometheus.
   * @default no scraping
   */
  readonly metrics?: AppMetricsProps;
  /**
   * Default alerts (a PrometheusRule).
   * @default true
   */
  readonly alerts?: boolean;
  /**
   * Apps of the environment that may call the web port.
   * @default none
   */
  readonly allowFrom?: readonly string[];
  /**
   * Egress besides DNS and bound services.
   * @default none
   */
  readonly egress?: readonly AppEgress[];
}

/** A problem with an app's props: the field path inside the props and what is wrong. */
export interface AppPropsProblem {
  readonly path: string;
  readonly message: string;
}

/** Every problem with an app's props (empty when valid). */
export function appPropsProblems(props: AppProps, name: string): AppPropsProblem[] {
  const problems: AppPropsProblem[] = [];
  const add = (path: string, message: string) => problems.push({ path, message });
  if (!LABEL.test(name)) add('name', `"${name}" must be a DNS-1123 label such as "shop" or "team-a-api"`);
  const processes = [
    ...(props.web ? ['web'] : []),
    ...Object.keys(props.workers ?? {}),
    ...Object.keys(props.cronJobs ?? {}),
    ...(props.release ? ['release'] : []),
  ];
  if (processes.length === 0)
    add('web', 'an app needs at least one process: web, a worker, a cron job or a release');

  const web = props.web;
  if (web) {
    if (!isPort(web.port) || web.port < 1024) {
      add(
        'web.port',
        `${web.port} must be an unprivileged port from 1024 to 65535 (containers do not run as root)`,
      );
    }
    if (!(web.readiness instanceof AppProbe)) {
      add(
        'web.readiness',
        'is required: a web process gets traffic only when ready, e.g. AppProbe.http("/healthz")',
      );
    }
    for (const [field, probe] of [
      ['readiness', web.readiness],
      ['liveness', web.liveness],
      ['startup', web.startup],
    ] as const) {
      if (probe instanceof AppProbe) probe.problems().forEach((m) => add(`web.${field}`, m));
    }
    checkReplicas(add, 'web.replicas', web.replicas);
    if (web.autoscale) {
      const { min, max, cpuUtilization } = web.autoscale;
      if (!Number.isInteger(min) || min < 1)
        add('web.autoscale.min', `${min} must be a whole number of 1 or more`);
      if (!Number.isInteger(max) || max < min || max > 50) {
        add('web.autoscale.max', `${max} must be a whole number from min (${min}) to 50`);
      }
      if (
        cpuUtilization !== undefined &&
        (!Number.isInteger(cpuUtilization) || cpuUtilization < 10 || cpuUtilization > 100)
      ) {
        add('web.autoscale.cpuUtilization', `${cpuUtilization} must be a whole percentage from 10 to 100`);
      }
    }
    (web.hostnames ?? []).forEach((host, i) => {
      if (!HOSTNAME.test(host))
        add(`web.hostnames[${i}]`, `"${host}" must be a lower-case DNS name such as "blog.example.com"`);
    });
    if (web.public === false && (web.hostnames ?? []).length > 0) {
      add('web.hostnames', 'only a public web process has host names; remove them or make it public');
    }
  }
  if (props.metrics && !web) add('metrics', 'needs a web process to scrape');
  if (props.metrics?.port !== undefined && !isPort(props.metrics.port)) {
    add('metrics.port', `${props.metrics.port} must be a whole number from 1 to 65535`);
  }
  if (props.metrics?.path !== undefined && !props.metrics.path.startsWith('/')) {
    add('metrics.path', `"${props.metrics.path}" must start with "/"`);
  }

  for (const [worker, spec] of Object.entries(props.workers ?? {})) {
    checkProcessName(add, `workers.${worker}`, name, worker, 63);
    checkReplicas(add, `workers.${worker}.replicas`, spec.replicas);
    spec.liveness?.problems().forEach((m) => add(`workers.${worker}.liveness`, m));
    if (spec.liveness?.needsPort && spec.liveness.options.port === undefined) {
      add(`workers.${worker}.liveness`, 'a worker has no port: give options.port or use AppProbe.exec');
    }
  }
  for (const cron of Object.keys(props.cronJobs ?? {})) {
    checkProcessName(add, `cronJobs.${cron}`, name, cron, MAX_CRON_JOB_NAME);
  }
  if (props.workers && props.cronJobs) {
    for (const both of Object.keys(props.workers).filter((w) => w in (props.cronJobs ?? {}))) {
      add(`cronJobs.${both}`, `is also a worker name; ${name}-${both} would name two workloads`);
    }
  }

  envProblems(props.env ?? {}).forEach((p) => add(`env.${p.name}`, p.message));
  envProblems(props.config ?? {}).forEach((p) => add(`config.${p.name}`, p.message));
  (props.envFrom ?? []).forEach((ref, i) => ref.problems().forEach((m) => add(`envFrom[${i}]`, m)));
  for (const [path, content] of Object.entries(props.files ?? {})) {
    if (!path.startsWith('/') || path.endsWith('/')) add(`files.${path}`, 'must be an absolute file path');
    if (typeof content !== 'string') content.problems().forEach((m) => add(`files.${path}`, m));
  }

  const volumes = Object.entries(props.volumes ?? {});
  for (const [volume, spec] of volumes) {
    if (!LABEL.test(volume)) add(`volumes.${volume}`, 'volume names must be DNS-1123 labels');
    if (!spec.path.startsWith('/')) add(`volumes.${volume}.path`, `"${spec.path}" must be an absolute path`);
    if (!spec.size.isWholeGibibytes)
      add(`volumes.${volume}.size`, `${spec.size.toString()} must be whole Gi (Cinder)`);
  }
  if (volumes.length > 0) {
    if (!web) add('volumes', 'are mounted in the web process; this app has none');
    if (web?.autoscale || (web?.replicas ?? 1) > 1) {
      add(
        'volumes',
        'a Cinder volume attaches to one node: an app with volumes runs exactly one web replica',
      );
    }
  }
  (props.writablePaths ?? []).forEach((path, i) => {
    if (!path.startsWith('/') || path === '/')
      add(`writablePaths[${i}]`, `"${path}" must be an absolute directory`);
  });
  if (props.runtime) {
    if (!props.runtime.baseImage.isDigest) {
      add('runtime.baseImage', 'must be a digest: one base image, identical in every environment');
    }
    if (!props.runtime.artifactPath.startsWith('/')) add('runtime.artifactPath', 'must be an absolute path');
    if (!props.runtime.mountPath.startsWith('/')) add('runtime.mountPath', 'must be an absolute path');
  }
  (props.allowFrom ?? []).forEach((app, i) => {
    if (!LABEL.test(app)) add(`allowFrom[${i}]`, `"${app}" must be an app name`);
  });
  if ((props.allowFrom ?? []).length > 0 && !web) add('allowFrom', 'needs a web process to receive calls');
  (props.egress ?? []).forEach((rule, i) => rule.problems().forEach((m) => add(`egress[${i}]`, m)));
  if (props.environment.production && !props.image.isDigest) {
    add(
      'image',
      `${props.image.toString()} must be a digest in production environment ${props.environment.name}`,
    );
  }
  return problems;
}

function checkReplicas(
  add: (path: string, message: string) => void,
  path: string,
  replicas: number | undefined,
): void {
  if (replicas !== undefined && (!Number.isInteger(replicas) || replicas < 0 || replicas > 50)) {
    add(path, `${replicas} must be a whole number from 0 to 50`);
  }
}

function checkProcessName(
  add: (path: string, message: string) => void,
  path: string,
  app: string,
  process: string,
  maxLength: number,
): void {
  const full = `${app}-${process}`;
  if (!LABEL.test(process)) add(path, `"${process}" must be a DNS-1123 label`);
  else if (full.length > maxLength) add(path, `object name "${full}" is longer than ${maxLength} characters`);
  if (process === 'release' || process === 'files') add(path, `"${process}" is reserved`);
}

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
    const env = props.environment;
    const namespace = env.name;
    const size = props.size ?? SizeClass.S;
    const labels = (component: string) => workloadLabels(name, component, namespace);
    const meta = (objectName: string, component: string) => ({
      name: objectName,
      namespace,
      labels: labels(component),
    });
    const workloads: ApiObject[] = [];

    new k8s.KubeServiceAccount(this, 'service-account', {
      metadata: meta(name, 'app'),
      automountServiceAccountToken: false,
    });

    // Configuration shared by every process.
    const envFrom: k8s.EnvFromSource[] = [{ configMapRef: { name: env.configMapName } }];
    if (props.config && Object.keys(props.config).length > 0) {
      new k8s.KubeConfigMap(this, 'config', { metadata: meta(name, 'app'), data: { ...props.config } });
      envFrom.push({ configMapRef: { name } });
    }
    for (const ref of props.envFrom ?? []) {
      envFrom.push(
        ref instanceof SecretRef ? { secretRef: { name: ref.name } } : { configMapRef: { name: ref.name } },
      );
    }
    const variables: Record<string, EnvValue> = {};
    for (const binding of Object.values(props.bindings ?? {})) {
      Object.assign(variables, connectionVariables(binding.prefix, binding.connection));
    }
    Object.assign(variables, props.env ?? {});

    const { volumes: fileVolumes, mounts: fileMounts } = this.files(
      props,
      name,
      meta(`${name}-files`, 'app'),
    );
    const imageRef = props.image.reference(env.registryPrefix);
    // A tag may move (dev's `main`): pull it whenever a pod starts. A digest never changes.
    const pullPolicy: WorkloadContainerProps['imagePullPolicy'] = props.image.isDigest
      ? 'IfNotPresent'
      : 'Always';
    const runtime = props.runtime;
    const container = (
      objectName: string,
      process: ProcessProps,
      extra: Partial<WorkloadContainerProps> = {},
    ): WorkloadContainerProps => ({
      name: objectName,
      image: runtime ? runtime.baseImage.reference(env.registryPrefix) : imageRef,
      imagePullPolicy: runtime ? 'IfNotPresent' : pullPolicy,
      command: process.command,
      args: process.args,
      env: variables,
      envFrom,
      resources: resourcesFor(process.size ?? size, { ...props.resources, ...process.resources }),
      volumeMounts: [...fileMounts, ...(runtime ? [{ name: 'artifact', mountPath: runtime.mountPath }] : [])],
      ...extra,
    });
    const artifact = runtime
      ? {
          initContainers: [
            {
              name: 'artifact',
              image: imageRef,
              imagePullPolicy: pullPolicy,
              command: ['cp', runtime.artifactPath, '/berth-artifact/'],
              resources: resourcesFor(SizeClass.S),
              volumeMounts: [{ name: 'artifact', mountPath: '/berth-artifact' }],
            },
          ],
          volumes: [{ name: 'artifact', emptyDir: {} }],
        }
      : { initContainers: [], volumes: [] };
    const podCommon = {
      environment: env,
      serviceAccountName: name,
      writablePaths: props.writablePaths,
      initContainers: artifact.initContainers,
    };

    // Release: one Job per image version, completed before the Deployments roll.
    if (props.release) {
      const jobName = `${name}-release-${props.image.versionSlug}`.slice(0, 63).replace(/-+$/, '');
      const job = new k8s.KubeJob(this, 'release', {
        metadata: meta(jobName, 'release'),
        spec: {
          backoffLimit: 2,
          activeDeadlineSeconds: (props.release.deadline ?? Duration.minutes(10)).toSeconds(),
          template: {
            metadata: { labels: labels('release') },
            spec: restrictedPodSpec({
              ...podCommon,
              labels: labels('release'),
              restartPolicy: 'Never',
              containers: [container(`${name}-release`, props.release)],
              volumes: [...fileVolumes, ...artifact.volumes],
            }),
          },
        },
      });
      for (const binding of Object.values(props.bindings ?? {})) {
        if (binding.dependency) job.node.addDependency(binding.dependency);
      }
      this.releaseJob = job;
      workloads.push(job);
    }

    // Web: Deployment, Service, route, autoscaler, disruption budget.
    const web = props.web;
    const volumes = Object.entries(props.volumes ?? {});
    let hostnames: string[] = [];
    if (web) {
      const selector = selectorLabels(name, 'web');
      const autoscale = web.autoscale;
      const replicas = autoscale ? autoscale.min : (web.replicas ?? 1);
      const podLabels = {
        ...labels('web'),
        ...(web.public === false ? {} : { [WorkloadLabel.GATEWAY]: 'true' }),
      };
      const claims = volumes.map(([volume, spec]) => {
        new k8s.KubePersistentVolumeClaim(this, `volume-${volume}`, {
          metadata: meta(`${name}-${volume}`, 'web'),
          spec: {
            accessModes: ['ReadWriteOnce'],
            storageClassName: env.storageClassName,
            resources: { requests: { storage: k8s.Quantity.fromString(spec.size.toString()) } },
          },
        });
        return { volume, spec };
      });
      const deployment = new k8s.KubeDeployment(this, 'web', {
        metadata: meta(name, 'web'),
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
              ...podCommon,
              labels: podLabels,
              ownsVolumes: claims.length > 0,
              spread: { replicas, selector },
              containers: [
                container(name, web, {
                  port: { name: 'http', containerPort: web.port },
                  readinessProbe: web.readiness.toKube(web.port),
                  livenessProbe: web.liveness?.toKube(web.port),
                  startupProbe: web.startup?.toKube(web.port),
                  volumeMounts: [
                    ...fileMounts,
                    ...(runtime ? [{ name: 'artifact', mountPath: runtime.mountPath }] : []),
                    ...claims.map(({ volume, spec }) => ({ name: `volume-${volume}`, mountPath: spec.path })),
                  ],
                }),
              ],
              volumes: [
                ...fileVolumes,
                ...artifact.volumes,
                ...claims.map(({ volume }) => ({
                  name: `volume-${volume}`,
                  persistentVolumeClaim: { claimName: `${name}-${volume}` },
                })),
              ],
            }),
          },
        },
      });
      if (this.releaseJob) deployment.node.addDependency(this.releaseJob);
      this.webDeployment = deployment;
      workloads.push(deployment);

      const metricsPort = props.metrics ? (props.metrics.port ?? web.port) : undefined;
      const servicePorts: k8s.ServicePort[] = [
        { name: 'http', port: 80, targetPort: k8s.IntOrString.fromNumber(web.port), protocol: 'TCP' },
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
        metadata: meta(name, 'web'),
        spec: { type: 'ClusterIP', selector, ports: servicePorts },
      });

      if (web.public !== false) {
        hostnames = [appHostName(name, env.hostDomain), ...(web.hostnames ?? [])];
        new HttpRoute(this, 'route', {
          metadata: meta(name, 'web'),
          spec: {
            parentRefs: [env.gateway],
            hostnames,
            rules: [
              { matches: [{ path: { type: 'PathPrefix', value: '/' } }], backendRefs: [{ name, port: 80 }] },
            ],
          },
        });
      }

      if (autoscale) {
        new k8s.KubeHorizontalPodAutoscalerV2(this, 'autoscaler', {
          metadata: meta(name, 'web'),
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
      this.disruptionBudget('web-disruption-budget', meta(name, 'web'), selector, replicas);

      if (props.metrics && metricsPort !== undefined) {
        new ServiceMonitor(this, 'service-monitor', {
          metadata: meta(name, 'web'),
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
    this.hostnames = hostnames;

    // Workers: Deployments without Service.
    for (const [worker, spec] of Object.entries(props.workers ?? {})) {
      const objectName = `${name}-${worker}`;
      const component = `worker-${worker}`;
      const selector = selectorLabels(name, component);
      const replicas = spec.replicas ?? 1;
      const deployment = new k8s.KubeDeployment(this, `worker-${worker}`, {
        metadata: meta(objectName, component),
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
            metadata: { labels: labels(component) },
            spec: restrictedPodSpec({
              ...podCommon,
              labels: labels(component),
              spread: { replicas, selector },
              containers: [container(objectName, spec, { livenessProbe: spec.liveness?.toKube(undefined) })],
              volumes: [...fileVolumes, ...artifact.volumes],
            }),
          },
        },
      });
      if (this.releaseJob) deployment.node.addDependency(this.releaseJob);
      workloads.push(deployment);
      this.disruptionBudget(
        `worker-${worker}-disruption-budget`,
        meta(objectName, component),
        selector,
        replicas,
      );
    }

    // Cron jobs.
    for (const [cron, spec] of Object.entries(props.cronJobs ?? {})) {
      const objectName = `${name}-${cron}`;
      const component = `cron-${cron}`;
      const cronJob = new k8s.KubeCronJob(this, `cron-${cron}`, {
        metadata: meta(objectName, component),
        spec: {
          schedule: spec.schedule.expressionString,
          timeZone: spec.timeZone ?? 'Etc/UTC',
          concurrencyPolicy: 'Forbid',
          startingDeadlineSeconds: 300,
          successfulJobsHistoryLimit: 3,
          failedJobsHistoryLimit: 3,
          jobTemplate: {
            metadata: { labels: labels(component) },
            spec: {
              backoffLimit: 2,
              activeDeadlineSeconds: (spec.deadline ?? Duration.hours(1)).toSeconds(),
              template: {
                metadata: { labels: labels(component) },
                spec: restrictedPodSpec({
                  ...podCommon,
                  labels: labels(component),
                  restartPolicy: 'Never',
                  containers: [container(objectName, spec)],
                  volumes: [...fileVolumes, ...artifact.volumes],
                }),
              },
            },
          },
        },
      });
      if (this.releaseJob) cronJob.node.addDependency(this.releaseJob);
      workloads.push(cronJob);
    }
    this.workloads = workloads;

    this.networkPolicy(props, name, meta(name, 'app'));

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
                  ...(web ? [name] : []),
                  ...Object.keys(props.workers ?? {}).map((w) => `${name}-${w}`),
                ],
                cronJobs: Object.keys(props.cronJobs ?? {}).map((c) => `${name}-${c}`),
                releaseJob: this.releaseJob?.name,
                scrapedService: props.metrics ? name : undefined,
              }),
            },
          ],
        },
      });
    }
  }

  /** A PodDisruptionBudget once there are two replicas or more: drains take one pod at a time. */
  private disruptionBudget(
    id: string,
    metadata: { readonly name: string; readonly namespace: string; readonly labels: Record<string, string> },
    selector: Record<string, string>,
    replicas: number,
  ): void {
    if (replicas < 2) return;
    new k8s.KubePodDisruptionBudget(this, id, {
      metadata,
      spec: { selector: { matchLabels: selector }, maxUnavailable: k8s.IntOrString.fromNumber(1) },
    });
  }

  /** Volumes and mounts for `files`: text in one ConfigMap, Secret keys from their Secrets. */
  private files(
    props: AppProps,
    name: string,
    metadata: { readonly name: string; readonly namespace: string; readonly labels: Record<string, string> },
  ): { volumes: k8s.Volume[]; mounts: k8s.VolumeMount[] } {
    const entries = Object.entries(props.files ?? {});
    const volumes: k8s.Volume[] = [];
    const mounts: k8s.VolumeMount[] = [];
    const text = entries.filter((e): e is [string, string] => typeof e[1] === 'string');
    if (text.length > 0) {
      const keyOf = (path: string) => path.replace(/^\//, '').replace(/[^-._a-zA-Z0-9]/g, '_');
      new k8s.KubeConfigMap(this, 'files', {
        metadata,
        data: Object.fromEntries(text.map(([path, content]) => [keyOf(path), content])),
      });
      volumes.push({ name: 'files', configMap: { name: `${name}-files` } });
      for (const [path] of text)
        mounts.push({ name: 'files', mountPath: path, subPath: keyOf(path), readOnly: true });
    }
    entries
      .filter((e): e is [string, SecretKeyRef] => typeof e[1] !== 'string')
      .forEach(([path, ref], i) => {
        const volume = `secret-file-${i}`;
        volumes.push({
          name: volume,
          secret: { secretName: ref.secretName, items: [{ key: ref.key, path: 'value' }] },
        });
        mounts.push({ name: volume, mountPath: path, subPath: 'value', readOnly: true });
      });
    return { volumes, mounts };
  }

  /** Ingress the app declares (callers, Prometheus) and egress (bound services, declared targets). */
  private networkPolicy(
    props: AppProps,
    name: string,
    metadata: { readonly name: string; readonly namespace: string; readonly labels: Record<string, string> },
  ): void {
    const ingress: k8s.NetworkPolicyIngressRule[] = [];
    const egress: k8s.NetworkPolicyEgressRule[] = [];
    const web = props.web;
    const callers = [...(props.allowFrom ?? [])].sort();
    if (web && callers.length > 0) {
      ingress.push({
        from: [
          {
            podSelector: { matchExpressions: [{ key: WorkloadLabel.NAME, operator: 'In', values: callers }] },
          },
        ],
        ports: [{ protocol: 'TCP', port: k8s.IntOrString.fromNumber(web.port) }],
      });
    }
    if (web && props.metrics) {
      ingress.push({
        from: [
          {
            namespaceSelector: {
              matchLabels: { 'kubernetes.io/metadata.name': props.environment.monitoringNamespace },
            },
          },
        ],
        ports: [{ protocol: 'TCP', port: k8s.IntOrString.fromNumber(props.metrics.port ?? web.port) }],
      });
    }
    for (const binding of Object.values(props.bindings ?? {})) {
      egress.push({
        to: [{ podSelector: { matchLabels: { ...binding.selector } } }],
        ports: [{ protocol: 'TCP', port: k8s.IntOrString.fromNumber(binding.connection.port) }],
      });
    }
    for (const rule of props.egress ?? []) egress.push(rule.toKube());
    if (ingress.length === 0 && egress.length === 0) return;
    const policyTypes = [
      ...(ingress.length > 0 ? ['Ingress'] : []),
      ...(egress.length > 0 ? ['Egress'] : []),
    ];
    new k8s.KubeNetworkPolicy(this, 'network-policy', {
      metadata,
      spec: {
        podSelector: { matchLabels: { [WorkloadLabel.NAME]: name } },
        policyTypes,
        ingress: ingress.length > 0 ? ingress : undefined,
        egress: egress.length > 0 ? egress : undefined,
      },
    });
  }
}
