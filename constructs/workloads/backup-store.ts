import { AppImage } from './app-image';

/**
 * Where an environment's backing services store their dumps, as its workloads see it: two Secrets in the
 * namespace and the network the store lives on. The `<cluster>-environments` stack writes `backup-store`
 * from the cluster stack's per-environment Swift container and application credential; `backup-key` is
 * generated at deploy time like the services' passwords. Decision: docs/decisions/0028-backing-service-backups.md.
 */

/** Secret holding the store's settings and credential, keys `BackupStoreKey`. */
export const BACKUP_STORE_SECRET = 'backup-store';
/** Secret holding the environment's dump encryption key (key `BACKUP_KEY_KEY`), generated at deploy time. */
export const BACKUP_KEY_SECRET = 'backup-key';

/** The keys of the `backup-store` Secret, one file each where it is mounted. */
export enum BackupStoreKey {
  /** `swift` (production) or `local` (a directory: tests, mounted filesystems). */
  TYPE = 'type',
  /** Swift container (or directory) of the environment's backups. */
  CONTAINER = 'container',
  AUTH_URL = 'auth-url',
  REGION = 'region',
  CREDENTIAL_ID = 'application-credential-id',
  CREDENTIAL_SECRET = 'application-credential-secret',
  /** PEM of a private CA of the cloud's endpoints (may be empty). */
  CA_CERTIFICATE = 'ca.crt',
}

/** Key of the encryption key in the `backup-key` Secret. */
export const BACKUP_KEY_KEY = 'key';

/** The object store's addresses: outside the cluster, on the ports of Keystone and Swift. */
export interface BackupStoreNetwork {
  /** An IPv4 block holding the store, e.g. `0.0.0.0/0`. */
  readonly cidr: string;
  /** Ranges inside it that are not the store: the cluster's node, pod and service networks, link-local. */
  readonly except: readonly string[];
  /** TCP ports of Keystone and Swift. */
  readonly ports: readonly number[];
}

/** Repository of the backup tool image in the registry. */
export const BACKUP_TOOL_REPOSITORY = 'platform/rclone';

/** An environment's backup store. */
export interface BackupStore {
  readonly network: BackupStoreNetwork;
  /**
   * rclone, the official image mirrored into the registry (`platform/rclone`, with a numeric USER like
   * the other platform images): Swift with Keystone application credentials, authenticated encryption
   * (crypt), listing and deleting for the retention.
   */
  readonly toolImage: AppImage;
}
