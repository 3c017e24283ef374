import { Construct } from 'constructs';
import { DataSize } from '../../config';
import { SecretRef } from './app-env';
import { AppImage } from './app-image';
import { SizeClass } from './app-size';
import { BackingEngine, BackingService, BackingServiceProps } from './backing-service';
import { BackingServiceKind, PASSWORD_KEY, SqlConnection, sqlConnection } from './backing-service-connection';

/** Database and user every Berth PostgreSQL has; one database per service. */
export const POSTGRES_DATABASE = 'app';
export const POSTGRES_PORT = 5432;

/** The connection to a PostgreSQL service named `name`. */
export function postgresConnection(name: string): SqlConnection {
  return sqlConnection(BackingServiceKind.POSTGRESQL, name, POSTGRES_PORT, POSTGRES_DATABASE);
}

/**
 * PostgreSQL 17, the official image mirrored into the registry (`platform/postgres`). The cluster lives
 * in a sub-directory of the volume (PGDATA), as the image documents for mounted volumes.
 */
export const POSTGRES_ENGINE: BackingEngine = {
  kind: BackingServiceKind.POSTGRESQL,
  component: 'database',
  port: POSTGRES_PORT,
  defaultImage: AppImage.tag('platform/postgres', '17'),
  defaultSize: SizeClass.S,
  defaultStorage: DataSize.gibibytes(5),
  dataPath: '/var/lib/postgresql/data',
  writablePaths: ['/var/run/postgresql'],
  passwordKeys: [PASSWORD_KEY],
  environment: (secret) => ({
    POSTGRES_DB: POSTGRES_DATABASE,
    POSTGRES_USER: POSTGRES_DATABASE,
    POSTGRES_PASSWORD: SecretRef.named(secret).key(PASSWORD_KEY),
    PGDATA: '/var/lib/postgresql/data/pgdata',
  }),
  connection: postgresConnection,
  urlTemplate: (name) =>
    `postgresql://${POSTGRES_DATABASE}:{{${PASSWORD_KEY}}}@${name}:${POSTGRES_PORT}/${POSTGRES_DATABASE}`,
  backupAccess: { user: POSTGRES_DATABASE, database: POSTGRES_DATABASE, passwordKey: PASSWORD_KEY },
};

/** A PostgreSQL database for the apps bound to it. */
export class PostgresService extends BackingService {
  declare public readonly connection: SqlConnection;

  constructor(scope: Construct, id: string, props: BackingServiceProps) {
    super(scope, id, props, POSTGRES_ENGINE);
  }
}
