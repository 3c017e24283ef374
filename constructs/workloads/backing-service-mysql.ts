import { Construct } from 'constructs';
import { DataSize } from '../../config';
import { SecretRef } from './app-env';
import { AppImage } from './app-image';
import { SizeClass } from './app-size';
import { BackingEngine, BackingService, BackingServiceProps } from './backing-service';
import { BackingServiceKind, PASSWORD_KEY, SqlConnection, sqlConnection } from './backing-service-connection';

/** Database and user every Berth MySQL has; one database per service. */
export const MYSQL_DATABASE = 'app';
export const MYSQL_PORT = 3306;
/** Secret key of the root password (never given to apps). */
export const MYSQL_ROOT_PASSWORD_KEY = 'root-password';

/** The connection to a MySQL service named `name`. */
export function mysqlConnection(name: string): SqlConnection {
  return sqlConnection(BackingServiceKind.MYSQL, name, MYSQL_PORT, MYSQL_DATABASE);
}

/**
 * MySQL 8.4 LTS. The image is the official one mirrored into the registry (`platform/mysql`); it runs as
 * any non-root user when its data directory is writable, which the volume group ensures.
 */
export const MYSQL_ENGINE: BackingEngine = {
  kind: BackingServiceKind.MYSQL,
  component: 'database',
  port: MYSQL_PORT,
  defaultImage: AppImage.tag('platform/mysql', '8.4'),
  defaultSize: SizeClass.M,
  defaultStorage: DataSize.gibibytes(5),
  dataPath: '/var/lib/mysql',
  // A sub-directory: initialisation refuses a data directory that holds anything (ext4's lost+found).
  args: ['--datadir=/var/lib/mysql/data'],
  writablePaths: ['/var/run/mysqld'],
  passwordKeys: [PASSWORD_KEY, MYSQL_ROOT_PASSWORD_KEY],
  environment: (secret) => ({
    MYSQL_DATABASE,
    MYSQL_USER: MYSQL_DATABASE,
    MYSQL_PASSWORD: SecretRef.named(secret).key(PASSWORD_KEY),
    MYSQL_ROOT_PASSWORD: SecretRef.named(secret).key(MYSQL_ROOT_PASSWORD_KEY),
  }),
  connection: mysqlConnection,
  urlTemplate: (name) =>
    `mysql://${MYSQL_DATABASE}:{{${PASSWORD_KEY}}}@${name}:${MYSQL_PORT}/${MYSQL_DATABASE}`,
  backupAccess: { user: 'root', database: MYSQL_DATABASE, passwordKey: MYSQL_ROOT_PASSWORD_KEY },
};

/** A MySQL database for the apps bound to it. */
export class MySqlService extends BackingService {
  declare public readonly connection: SqlConnection;

  constructor(scope: Construct, id: string, props: BackingServiceProps) {
    super(scope, id, props, MYSQL_ENGINE);
  }
}
