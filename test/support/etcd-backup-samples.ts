import { EtcdBackupEnvironment } from '../../constructs/cluster/etcd-backup-environment';

/** Parameters of a master's etcd backups, one of them in need of quoting. */
export const sampleEtcdBackupEnvironment = (): EtcdBackupEnvironment => ({
  BERTH_BACKUP_STORE: 'swift',
  BERTH_BACKUP_PREFIX: 'etcd',
  BERTH_BACKUP_KEEP: '48',
  BERTH_BACKUP_KEY_FILE: '/k',
  BERTH_BACKUP_WORK_DIR: '/w',
  BERTH_ETCD_MANIFEST: '/m',
  BERTH_STATIC_POD_DIR: '/s',
  BERTH_ETCD_ENDPOINT: 'https://127.0.0.1:2379',
  BERTH_ETCD_CACERT: '',
  BERTH_ETCD_CERT: '',
  BERTH_ETCD_KEY: '',
  BERTH_ETCDCTL: 'etcdctl',
  BERTH_ETCDUTL: 'etcdutl',
  BERTH_METRICS_DIR: '/x',
  BERTH_SWIFT_AUTH_URL: "https://keystone.example:5000/v3'$(id)",
  BERTH_SWIFT_REGION: '',
  BERTH_SWIFT_CONTAINER: 'c',
  BERTH_SWIFT_CREDENTIAL_ID: 'i',
  BERTH_SWIFT_CREDENTIAL_SECRET_FILE: '/f',
});
