import { DataSize } from '../config';
import {
  AppMetricsProps,
  AppRuntimeProps,
  AppVolumeProps,
  AutoscaleProps,
  CronProcessProps,
  ReleaseProcessProps,
  WebProcessProps,
  WorkerProcessProps,
} from '../constructs/workloads/app-props';
import { AppEgress } from '../constructs/workloads/app-egress';
import { ConfigMapRef, EnvValue, SecretKeyRef, SecretRef } from '../constructs/workloads/app-env';
import { SizeClass, WorkloadResourcesOverride } from '../constructs/workloads/app-size';
import { BackupSettings } from '../constructs/workloads/backup-policy';
import {
  BackingServiceKind,
  RedisConnection,
  ServiceConnection,
  SqlConnection,
} from '../constructs/workloads/backing-service-connection';
import { mysqlConnection } from '../constructs/workloads/backing-service-mysql';
import { postgresConnection } from '../constructs/workloads/backing-service-postgres';
import { redisConnection } from '../constructs/workloads/backing-service-redis';

/** An image version: a tag (development) or a digest (what production runs). */
export type ImageVersion =
  { readonly tag: string; readonly digest?: never } | { readonly digest: string; readonly tag?: never };

/** Settings of a backing service that may differ per environment. */
export interface BackingServiceSettings {
  /**
   * Resources.
   * @default SizeClass.M for MySQL, SizeClass.S for PostgreSQL and Redis
   */
  readonly size?: SizeClass;
  /**
   * Volume size.
   * @default 5Gi for databases, 1Gi for Redis
   */
  readonly storage?: DataSize;
  /**
   * Tag of the platform image (`platform/mysql`, `platform/postgres`, `platform/redis`).
   * @default "8.4" (MySQL), "17" (PostgreSQL), "7.4" (Redis)
   */
  readonly tag?: string;
  /**
   * Digest of the platform image; production needs one (the same one the promoting environment runs).
   * @default use the tag
   */
  readonly digest?: string;
  /**
   * Scheduled logical dumps (`pg_dump`, `mysqldump`, a Redis RDB), encrypted, to the environment's own
   * Swift container, with retention and an alert when the newest is too old; `{}` for a daily dump
   * kept a week, `false` to switch an environment's off. Restore: README, Operations.
   * @default no backups
   */
  readonly backup?: BackupSettings | false;
}

/** A backing service an app binds; the type parameter is the connection the binding hands to the app. */
export interface BackingServiceSpec<
  C extends ServiceConnection = ServiceConnection,
> extends BackingServiceSettings {
  readonly kind: BackingServiceKind;
  /**
   * Object name. Give one to share the service between apps (bind the same spec in each).
   * @default `<app>-<binding name>`, e.g. `wordpress-database`
   */
  readonly name?: string;
  /** The connection to the service named `name`; no value in it is secret. */
  connection(name: string): C;
}

/** A MySQL 8.4 database. */
export function mysql(
  settings: BackingServiceSettings & { readonly name?: string } = {},
): BackingServiceSpec<SqlConnection> {
  return { ...settings, kind: BackingServiceKind.MYSQL, connection: mysqlConnection };
}

/** A PostgreSQL 17 database. */
export function postgres(
  settings: BackingServiceSettings & { readonly name?: string } = {},
): BackingServiceSpec<SqlConnection> {
  return { ...settings, kind: BackingServiceKind.POSTGRESQL, connection: postgresConnection };
}

/** A Redis 7.4 server. */
export function redis(
  settings: BackingServiceSettings & { readonly name?: string } = {},
): BackingServiceSpec<RedisConnection> {
  return { ...settings, kind: BackingServiceKind.REDIS, connection: redisConnection };
}

/** The backing services of an app, by binding name. */
export type BackingServiceSpecs = Readonly<Record<string, BackingServiceSpec>>;

/** What an app sees of its bound services: for `{ database: mysql() }`, `{ database: SqlConnection }`. */
export type Bindings<S extends BackingServiceSpecs> = {
  readonly [K in keyof S]: S[K] extends BackingServiceSpec<infer C> ? C : never;
};

/** Per-worker settings that may differ per environment. */
export interface WorkerOverride {
  readonly replicas?: number;
  readonly size?: SizeClass;
}

/**
 * What may differ between environments, in one typed place per app. An app runs in exactly the
 * environments listed in its `environments`.
 */
export type AppEnvironmentOverride<S extends BackingServiceSpecs = BackingServiceSpecs> = ImageVersion & {
  /**
   * Web replicas.
   * @default the definition's web.replicas
   */
  readonly replicas?: number;
  /**
   * Web autoscaling.
   * @default the definition's web.autoscale
   */
  readonly autoscale?: AutoscaleProps;
  /**
   * Size class of every process.
   * @default the definition's size
   */
  readonly size?: SizeClass;
  /**
   * Resource overrides of every process.
   * @default the definition's resources
   */
  readonly resources?: WorkloadResourcesOverride;
  /**
   * Further host names (replace the definition's).
   * @default the definition's web.hostnames
   */
  readonly hostnames?: readonly string[];
  /**
   * Variables added to (and overriding) the definition's.
   * @default none
   */
  readonly env?: Readonly<Record<string, EnvValue>>;
  /**
   * Worker settings by worker name.
   * @default the definition's
   */
  readonly workers?: Readonly<Record<string, WorkerOverride>>;
  /**
   * Backing service settings by binding name.
   * @default the service spec's
   */
  readonly services?: { readonly [K in keyof S]?: BackingServiceSettings };
};

/**
 * A team's app: one small typed file under `apps/teams/`, registered in `apps/teams/index.ts`. The
 * environment charts turn it into an `App` (and its backing services) in every environment it lists.
 */
export interface AppDefinition<S extends BackingServiceSpecs = BackingServiceSpecs> {
  /** App name (DNS-1123 label): names its Deployment, Service and host `<name>.<env>.apps.<domain>`. */
  readonly name: string;
  /** Repository in the private registry, e.g. `sites/wordpress`; the version comes per environment. */
  readonly image: string;
  /**
   * Backing services by binding name; each injects `<BINDING>_URL`, `_HOST`, `_PORT`, `_PASSWORD` (and
   * `_NAME`, `_USER` for databases) and may connect; nothing else may.
   * @default none
   */
  readonly services?: S;
  /** @default none */
  readonly web?: WebProcessProps;
  /** @default none */
  readonly workers?: Readonly<Record<string, WorkerProcessProps>>;
  /** @default none */
  readonly cronJobs?: Readonly<Record<string, CronProcessProps>>;
  /** @default none */
  readonly release?: ReleaseProcessProps;
  /**
   * Variables of every process.
   * @default none
   */
  readonly env?: Readonly<Record<string, EnvValue>>;
  /**
   * Variables computed from the bound services (e.g. the names an image expects): only bound services
   * can be named here, so an unbound reference does not compile.
   * @default none
   */
  envFromServices?(services: Bindings<S>): Readonly<Record<string, EnvValue>>;
  /** @default none */
  readonly envFrom?: readonly (SecretRef | ConfigMapRef)[];
  /** @default none */
  readonly config?: Readonly<Record<string, string>>;
  /** @default none */
  readonly files?: Readonly<Record<string, string | SecretKeyRef>>;
  /** @default SizeClass.S */
  readonly size?: SizeClass;
  /** @default none */
  readonly resources?: WorkloadResourcesOverride;
  /** @default none */
  readonly volumes?: Readonly<Record<string, AppVolumeProps>>;
  /** @default only /tmp */
  readonly writablePaths?: readonly string[];
  /** @default the app image runs itself */
  readonly runtime?: AppRuntimeProps;
  /** @default no scraping */
  readonly metrics?: AppMetricsProps;
  /** @default true */
  readonly alerts?: boolean;
  /**
   * Apps that call this one: they get the egress, this one the ingress.
   * @default none
   */
  readonly calledBy?: readonly string[];
  /** @default none */
  readonly egress?: readonly AppEgress[];
  /** Where the app runs and what differs there, by environment name. */
  readonly environments: Readonly<Record<string, AppEnvironmentOverride<S>>>;
}

/** Declares an app; the identity function that lets TypeScript check bindings against `services`. */
export function defineApp<S extends BackingServiceSpecs = Record<string, never>>(
  definition: AppDefinition<S>,
): AppDefinition<S> {
  return definition;
}
