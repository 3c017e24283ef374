import { Construct } from 'constructs';
import { Id } from '@cdktf/provider-random/lib/id';
import { TimeSpan } from '../../config';
import { CloudInitConfig, FileEncoding, FilePermissions } from './cloud-config';
import {
  ETCD_BACKUP_ENV_FILE,
  ETCD_BACKUP_SCRIPT,
  ETCD_RESTORE_SCRIPT,
  ETCD_TOOL_SCRIPT,
  NODE_METRICS_DIR,
  renderEtcdBackupEnvironment,
} from './etcd-backup-environment';
import { etcdBackupScript, etcdRestoreScript, etcdToolScript } from './etcd-backup-scripts';
import { CLUSTER_PORTS } from './cluster-ports';

// etcd backups run on every master as a systemd timer, outside Kubernetes: they keep working when the
// API server, the scheduler or the CNI do not (exactly when a backup is needed), and need no image of
// our own. Decision and alternatives: docs/decisions/0007-etcd-backups.md.

/** Where the snapshot encryption passphrase lives on masters (0600). */
export const ETCD_BACKUP_KEY_FILE = '/etc/berth/etcd-backup.key';
/** Where the application credential's secret lives on masters (0600). */
export const ETCD_BACKUP_CREDENTIAL_FILE = '/etc/berth/etcd-backup-credential.secret';
/** systemd units of the backups. */
export const ETCD_BACKUP_UNITS = {
  service: '/etc/systemd/system/berth-etcd-backup.service',
  timer: '/etc/systemd/system/berth-etcd-backup.timer',
} as const;
/** Object name prefix of etcd snapshots in the backup container. */
export const ETCD_BACKUP_PREFIX = 'etcd';
/** Delay of the first snapshot after boot (the node bootstraps meanwhile). */
export const FIRST_BACKUP_AFTER_BOOT = TimeSpan.seconds(15 * 60);

/** What a master needs to back up its etcd member. */
export interface EtcdBackupSettings {
  /** Time between two snapshots. */
  readonly interval: TimeSpan;
  /** Snapshots kept per master. */
  readonly keep: number;
  /** Keystone v3 URL. */
  readonly authUrl: string;
  /** OpenStack region of the object store. */
  readonly region: string;
  /** Swift container of the cluster's backups. */
  readonly container: string;
  /** Application credential allowed to write the container (ID and secret). */
  readonly credentialId: string;
  readonly credentialSecret: string;
  /** Passphrase encrypting the snapshots (Terraform-generated, in the state and a sensitive output). */
  readonly encryptionKey: string;
}

/**
 * The passphrase encrypting etcd snapshots: 32 random bytes, base64, generated at deploy time. Restoring
 * on a new machine needs it: `terraform output -raw etcd_backup_key` of the cluster stack.
 */
export class EtcdBackupKey extends Construct {
  public readonly key: string;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.key = new Id(this, 'key', { byteLength: 32 }).b64Std;
  }
}

/**
 * Adds a master's etcd backup to its cloud-config: the scripts, their parameters and secrets (0600),
 * and a systemd timer started once the node has bootstrapped. `base64` encodes secret values (Terraform
 * references stay references).
 */
export function addEtcdBackup(
  config: CloudInitConfig,
  settings: EtcdBackupSettings,
  base64: (value: string) => string,
): void {
  const secret = (path: string, value: string) =>
    config.addFile({
      path,
      content: base64(value),
      encoding: FileEncoding.BASE64,
      permissions: FilePermissions.OWNER_ONLY,
    });
  secret(ETCD_BACKUP_KEY_FILE, settings.encryptionKey);
  secret(ETCD_BACKUP_CREDENTIAL_FILE, settings.credentialSecret);
  config.addFile({
    path: ETCD_BACKUP_ENV_FILE,
    permissions: FilePermissions.OWNER_ONLY,
    content: renderEtcdBackupEnvironment({
      BERTH_BACKUP_STORE: 'swift',
      BERTH_BACKUP_PREFIX: ETCD_BACKUP_PREFIX,
      BERTH_BACKUP_KEEP: String(settings.keep),
      BERTH_BACKUP_KEY_FILE: ETCD_BACKUP_KEY_FILE,
      // Under /var/lib: berth-etcd-tool mounts it into the etcd image's container.
      BERTH_BACKUP_WORK_DIR: '/var/lib/berth/etcd-backup',
      BERTH_ETCD_MANIFEST: '/etc/kubernetes/manifests/etcd.yaml',
      BERTH_STATIC_POD_DIR: '/etc/kubernetes/manifests',
      BERTH_ETCD_ENDPOINT: `https://127.0.0.1:${CLUSTER_PORTS.etcd.from}`,
      // kubeadm's own etcd client certificate for health checks (kubeadm uses it for the etcd probe).
      BERTH_ETCD_CACERT: '/etc/kubernetes/pki/etcd/ca.crt',
      BERTH_ETCD_CERT: '/etc/kubernetes/pki/etcd/healthcheck-client.crt',
      BERTH_ETCD_KEY: '/etc/kubernetes/pki/etcd/healthcheck-client.key',
      BERTH_ETCDCTL: `${ETCD_TOOL_SCRIPT} etcdctl`,
      BERTH_ETCDUTL: `${ETCD_TOOL_SCRIPT} etcdutl`,
      BERTH_METRICS_DIR: NODE_METRICS_DIR,
      BERTH_SWIFT_AUTH_URL: settings.authUrl,
      BERTH_SWIFT_REGION: settings.region,
      BERTH_SWIFT_CONTAINER: settings.container,
      BERTH_SWIFT_CREDENTIAL_ID: settings.credentialId,
      BERTH_SWIFT_CREDENTIAL_SECRET_FILE: ETCD_BACKUP_CREDENTIAL_FILE,
    }),
  });
  const script = (path: string, content: string) =>
    config.addFile({ path, content, permissions: FilePermissions.OWNER_EXECUTABLE });
  script(ETCD_TOOL_SCRIPT, etcdToolScript());
  script(ETCD_BACKUP_SCRIPT, etcdBackupScript());
  script(ETCD_RESTORE_SCRIPT, etcdRestoreScript());
  config.addFile({
    path: ETCD_BACKUP_UNITS.service,
    permissions: FilePermissions.WORLD_READABLE,
    content: etcdBackupService(),
  });
  config.addFile({
    path: ETCD_BACKUP_UNITS.timer,
    permissions: FilePermissions.WORLD_READABLE,
    content: etcdBackupTimer(settings.interval),
  });
}

/** The `runcmd` line starting the timer (after the node has bootstrapped). */
export function startEtcdBackupCommand(): string {
  return 'systemctl daemon-reload && systemctl enable --now berth-etcd-backup.timer';
}

/** The oneshot service one snapshot run is. */
export function etcdBackupService(): string {
  return `# Written by cloud-init from Berth's NodeBootstrap.
[Unit]
Description=Berth: encrypted etcd snapshot to the backup store
Wants=network-online.target
After=network-online.target containerd.service

[Service]
Type=oneshot
ExecStart=${ETCD_BACKUP_SCRIPT}
Nice=10
IOSchedulingClass=best-effort
IOSchedulingPriority=7
`;
}

/** The timer: first run some minutes after boot, then every `interval` after the previous run. */
export function etcdBackupTimer(interval: TimeSpan): string {
  return `# Written by cloud-init from Berth's NodeBootstrap.
[Unit]
Description=Berth: etcd snapshot every ${interval}

[Timer]
OnBootSec=${FIRST_BACKUP_AFTER_BOOT}
OnUnitActiveSec=${interval}
RandomizedDelaySec=120

[Install]
WantedBy=timers.target
`;
}
