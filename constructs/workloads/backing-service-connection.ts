import { EnvValue, SecretKeyRef, SecretRef } from './app-env';

/** Kinds of backing service Berth runs. */
export enum BackingServiceKind {
  MYSQL = 'mysql',
  POSTGRESQL = 'postgresql',
  REDIS = 'redis',
}

/** How to reach a backing service from an app in the same environment; no value here is secret. */
interface ConnectionBase {
  /** Object name of the service (StatefulSet, Service, Secret prefix), e.g. `wordpress-database`. */
  readonly service: string;
  /** DNS name inside the namespace (the headless Service). */
  readonly host: string;
  readonly port: number;
  /** The password, by reference to the generated Secret. */
  readonly password: SecretKeyRef;
  /** A complete URL with the password in it, by reference to the generated Secret. */
  readonly url: SecretKeyRef;
}

/** A MySQL or PostgreSQL database. */
export interface SqlConnection extends ConnectionBase {
  readonly kind: BackingServiceKind.MYSQL | BackingServiceKind.POSTGRESQL;
  readonly database: string;
  readonly username: string;
}

/** A Redis server. */
export interface RedisConnection extends ConnectionBase {
  readonly kind: BackingServiceKind.REDIS;
}

export type ServiceConnection = SqlConnection | RedisConnection;

/** Secret key of the password in a backing service's credentials Secret. */
export const PASSWORD_KEY = 'password';
/** Secret key of the full connection URL. */
export const URL_KEY = 'url';

/** Name of a backing service's generated credentials Secret. */
export function credentialsSecretName(service: string): string {
  return `${service}-credentials`;
}

/**
 * The connection to a SQL service named `name`: its headless Service, one database whose user has the
 * database's name, and the password and URL by reference to the generated credentials Secret.
 */
export function sqlConnection(
  kind: SqlConnection['kind'],
  name: string,
  port: number,
  database: string,
): SqlConnection {
  const secret = SecretRef.named(credentialsSecretName(name));
  return {
    kind,
    service: name,
    host: name,
    port,
    database,
    username: database,
    password: secret.key(PASSWORD_KEY),
    url: secret.key(URL_KEY),
  };
}

/**
 * The variables a binding injects, `DATABASE_URL` style: `<PREFIX>_URL`, `_HOST`, `_PORT`, `_PASSWORD`,
 * and for SQL `_NAME` and `_USER`. The URL and password come from the Secret by reference.
 */
export function connectionVariables(prefix: string, connection: ServiceConnection): Record<string, EnvValue> {
  const vars: Record<string, EnvValue> = {
    [`${prefix}_URL`]: connection.url,
    [`${prefix}_HOST`]: connection.host,
    [`${prefix}_PORT`]: String(connection.port),
  };
  if (connection.kind !== BackingServiceKind.REDIS) {
    vars[`${prefix}_NAME`] = connection.database;
    vars[`${prefix}_USER`] = connection.username;
  }
  vars[`${prefix}_PASSWORD`] = connection.password;
  return vars;
}

/** A binding's variable prefix from its key: `database` gives `DATABASE`, `jobQueue` gives `JOB_QUEUE`. */
export function bindingPrefix(key: string): string {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .toUpperCase();
}
