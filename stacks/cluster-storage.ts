import { Construct } from 'constructs';
import { ResolvedCloud, ResolvedCluster } from '../config';
import { BackupCredential } from '../constructs/cluster/backup-credential';
import { ClusterCloudCredential } from '../constructs/cluster/cluster-cloud-credential';
import { ClusterObjectStorage } from '../constructs/cluster/cluster-object-storage';
import { EnvironmentBackupStore } from '../constructs/cluster/environment-backup-store';
import { EtcdBackupKey, EtcdBackupSettings } from '../constructs/cluster/etcd-backup';
import { NodeRole } from '../constructs/cluster/node-bootstrap-props';

export interface ClusterStorageProps {
  /** Prefix of the cluster's OpenStack resource names. */
  readonly namePrefix: string;
  readonly cloud: ResolvedCloud;
  readonly cluster: ResolvedCluster;
  /** Environments on this cluster: each gets a backup container and a credential for it alone. */
  readonly environmentNames: readonly string[];
}

/** A cluster's object storage, its cloud credential and its backups. */
export interface ClusterStorage {
  readonly storage: ClusterObjectStorage;
  /** The cluster's application credential (cloud controller, CSI). */
  readonly credential: { readonly id: string; readonly secret: string };
  /** Each environment's backup container and credential, by environment name. */
  readonly backupStores: ReadonlyMap<string, EnvironmentBackupStore>;
  /** Passphrase of the etcd snapshots (undefined when etcd backups are off). */
  readonly etcdBackupKey?: string;
  /** What a node of `role` backs up of etcd: masters only, and only when etcd backups are on. */
  etcdBackup(role: NodeRole): EtcdBackupSettings | undefined;
}

/**
 * Adds to `scope` (the cluster-infra stack, whose construct IDs are Terraform addresses) the registry and
 * backup containers, the cluster's application credential, each environment's backup store and the etcd
 * backups' key and credential.
 */
export function addClusterStorage(scope: Construct, props: ClusterStorageProps): ClusterStorage {
  const { cloud, cluster, namePrefix } = props;
  const storage = new ClusterObjectStorage(scope, 'object-storage', { namePrefix });
  const credential = new ClusterCloudCredential(scope, 'cloud-credential', {
    name: `${namePrefix}-cluster`,
    roles: cloud.applicationCredential.roles,
    expiresAt: cloud.applicationCredential.expiresAt,
  }).credential;
  // Each environment's backing services dump into a container of its own, with a credential for it alone.
  const backupStores = new Map<string, EnvironmentBackupStore>();
  for (const environment of props.environmentNames) {
    backupStores.set(
      environment,
      new EnvironmentBackupStore(scope, `backup-store-${environment}`, {
        namePrefix,
        environment,
        roles: cloud.applicationCredential.roles,
        expiresAt: cloud.applicationCredential.expiresAt,
        accessRules: cluster.backups.credentialAccessRules,
      }),
    );
  }
  // Masters snapshot their etcd member into the backup container (encrypted, with retention), with a
  // credential limited to that container's objects unless the object store cannot check access rules.
  const etcdBackupKey = cluster.backups.etcd.enabled
    ? new EtcdBackupKey(scope, 'etcd-backup-key').key
    : undefined;
  const backupCredential =
    cluster.backups.etcd.enabled && cluster.backups.credentialAccessRules
      ? new BackupCredential(scope, 'etcd-backup-credential', {
          name: `${namePrefix}-etcd-backup`,
          roles: cloud.applicationCredential.roles,
          expiresAt: cloud.applicationCredential.expiresAt,
          container: storage.backups.name,
        }).credential
      : credential;
  const etcdBackup = (role: NodeRole): EtcdBackupSettings | undefined =>
    etcdBackupKey === undefined || role === NodeRole.MINION
      ? undefined
      : {
          interval: cluster.backups.etcd.interval,
          keep: cluster.backups.etcd.keep,
          authUrl: cloud.authUrl,
          region: cloud.region,
          container: storage.backups.name,
          credentialId: backupCredential.id,
          credentialSecret: backupCredential.secret,
          encryptionKey: etcdBackupKey,
        };
  return { storage, credential, backupStores, etcdBackupKey, etcdBackup };
}
