import { Construct } from 'constructs';
import { DataSize } from '../../config';
import { SecretRef } from './app-env';
import { AppImage } from './app-image';
import { SizeClass } from './app-size';
import { BackingEngine, BackingService, BackingServiceProps } from './backing-service';
import {
  BackingServiceKind,
  PASSWORD_KEY,
  RedisConnection,
  URL_KEY,
  credentialsSecretName,
} from './backing-service-connection';

export const REDIS_PORT = 6379;

/** The server's environment variable holding its password, and the argument Kubernetes expands it in. */
export const REDIS_PASSWORD_ENV = 'REDIS_PASSWORD';
export const REDIS_PASSWORD_ARG = `$(${REDIS_PASSWORD_ENV})`;

/** The connection to a Redis service named `name`. */
export function redisConnection(name: string): RedisConnection {
  const secret = SecretRef.named(credentialsSecretName(name));
  return {
    kind: BackingServiceKind.REDIS,
    service: name,
    host: name,
    port: REDIS_PORT,
    password: secret.key(PASSWORD_KEY),
    url: secret.key(URL_KEY),
  };
}

/**
 * Redis 7.4 with append-only persistence, the official image mirrored into the registry
 * (`platform/redis`). The password reaches the server through `$(REDIS_PASSWORD)`, which Kubernetes
 * expands in the arguments: no shell, no config file with the password in it.
 */
export const REDIS_ENGINE: BackingEngine = {
  kind: BackingServiceKind.REDIS,
  component: 'cache',
  port: REDIS_PORT,
  defaultImage: AppImage.tag('platform/redis', '7.4'),
  defaultSize: SizeClass.S,
  defaultStorage: DataSize.gibibytes(1),
  // Redis keeps only appendonlydir/ and dump.rdb there; lost+found does not disturb it.
  dataPath: '/data',
  writablePaths: [],
  passwordKeys: [PASSWORD_KEY],
  environment: (secret) => ({ [REDIS_PASSWORD_ENV]: SecretRef.named(secret).key(PASSWORD_KEY) }),
  // No replicas: the only one that ever syncs is the backup's `redis-cli --rdb`, which Redis would keep
  // waiting repl-diskless-sync-delay (5 s by default) for other replicas to join it.
  args: [
    'redis-server',
    '--requirepass',
    REDIS_PASSWORD_ARG,
    '--appendonly',
    'yes',
    '--dir',
    '/data',
    '--repl-diskless-sync-delay',
    '0',
  ],
  connection: redisConnection,
  urlTemplate: (name) => `redis://:{{${PASSWORD_KEY}}}@${name}:${REDIS_PORT}/0`,
  backupAccess: { passwordKey: PASSWORD_KEY, offlineRestore: true },
};

/** A Redis server for the apps bound to it. */
export class RedisService extends BackingService {
  declare public readonly connection: RedisConnection;

  constructor(scope: Construct, id: string, props: BackingServiceProps) {
    super(scope, id, props, REDIS_ENGINE);
  }
}
