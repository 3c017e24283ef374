/**
 * What an app team writes for one app in one environment: its processes (web, workers, cron jobs,
 * release), volumes, configuration, bindings and network rules. `App` builds the objects from these.
 */
import { Cron, Duration } from 'cdk8s';
import { IConstruct } from 'constructs';
import { DataSize } from '../../config';
import { AppEgress } from './app-egress';
import { ConfigMapRef, EnvValue, SecretKeyRef, SecretRef } from './app-env';
import { AppImage } from './app-image';
import { AppProbe } from './app-probe';
import { SizeClass, WorkloadResourcesOverride } from './app-size';
import { ServiceConnection } from './backing-service-connection';
import { WorkloadEnvironment } from './workload-environment';

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
  readonly size: DataSize;
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
