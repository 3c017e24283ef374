import { shellQuote } from './shell-quote';

// The parameters of the masters' etcd backup and restore scripts: where things are, the metrics they
// write, and the environment file they read (etcd-backup-scripts.ts holds the scripts).

/** The backup parameters (shell `NAME='value'` lines, 0600). */
export const ETCD_BACKUP_ENV_FILE = '/etc/berth/etcd-backup.env';
/** Takes, encrypts, uploads and prunes snapshots; writes the metrics. Run by the timer. */
export const ETCD_BACKUP_SCRIPT = '/usr/local/sbin/berth-etcd-backup';
/** Lists, fetches and restores snapshots. Run by hand (README, Operations). */
export const ETCD_RESTORE_SCRIPT = '/usr/local/sbin/berth-etcd-restore';
/** Runs `etcdctl`/`etcdutl` of the etcd image kubeadm runs (same version as the server), via containerd. */
export const ETCD_TOOL_SCRIPT = '/usr/local/sbin/berth-etcd-tool';
/** Directory node-exporter's textfile collector reads (`*.prom`). */
export const NODE_METRICS_DIR = '/var/lib/node-exporter/textfile';

/** Metrics the backup script writes for node-exporter's textfile collector. */
export const ETCD_BACKUP_METRICS = {
  /** Unix time of the last snapshot that was taken, encrypted and stored. */
  lastSuccess: 'berth_etcd_backup_last_success_timestamp_seconds',
  /** Unix time of the last failed run. */
  lastFailure: 'berth_etcd_backup_last_failure_timestamp_seconds',
  /** Size of the last stored (encrypted) snapshot. */
  lastSize: 'berth_etcd_backup_last_size_bytes',
  /** Snapshots of this member in the store after pruning. */
  stored: 'berth_etcd_backup_stored_snapshots',
} as const;

/** The parameters the backup and restore scripts read from `ETCD_BACKUP_ENV_FILE`. */
export interface EtcdBackupEnvironment {
  /** `swift`, or `dir:<path>` for a local or mounted directory. */
  readonly BERTH_BACKUP_STORE: string;
  /** Object name prefix; snapshots are `<prefix>/<member>/<member>-<UTC time>.db.enc`. */
  readonly BERTH_BACKUP_PREFIX: string;
  /** Snapshots kept per member; older ones are deleted after each successful run. */
  readonly BERTH_BACKUP_KEEP: string;
  /** File holding the encryption passphrase (openssl `-pass file:`). */
  readonly BERTH_BACKUP_KEY_FILE: string;
  /** Scratch directory (0700), emptied after each run. */
  readonly BERTH_BACKUP_WORK_DIR: string;
  /** The kubeadm etcd static pod manifest: the member name, peer URL and data dir come from it. */
  readonly BERTH_ETCD_MANIFEST: string;
  /** The directory of the static pod manifests (a kubeadm restore moves etcd and the API server out). */
  readonly BERTH_STATIC_POD_DIR: string;
  /** Client URL of the local etcd member. */
  readonly BERTH_ETCD_ENDPOINT: string;
  /** TLS files of the etcd client (empty for a plain-HTTP etcd). */
  readonly BERTH_ETCD_CACERT: string;
  readonly BERTH_ETCD_CERT: string;
  readonly BERTH_ETCD_KEY: string;
  /** Command running etcdctl (words split by the shell). */
  readonly BERTH_ETCDCTL: string;
  /** Command running etcdutl (snapshot status and restore; etcdctl of etcd 3.4 has them too). */
  readonly BERTH_ETCDUTL: string;
  /** Directory of node-exporter's textfile collector. */
  readonly BERTH_METRICS_DIR: string;
  /** Swift: Keystone v3 URL, region (empty: the first object-store endpoint), container, credential. */
  readonly BERTH_SWIFT_AUTH_URL: string;
  readonly BERTH_SWIFT_REGION: string;
  readonly BERTH_SWIFT_CONTAINER: string;
  readonly BERTH_SWIFT_CREDENTIAL_ID: string;
  /** File holding the application credential's secret. */
  readonly BERTH_SWIFT_CREDENTIAL_SECRET_FILE: string;
}

/** Which parameters may be empty (the others must be set, and the scripts check it). */
const VARIABLES: Readonly<Record<keyof EtcdBackupEnvironment, { readonly mayBeEmpty: boolean }>> = {
  BERTH_BACKUP_STORE: { mayBeEmpty: false },
  BERTH_BACKUP_PREFIX: { mayBeEmpty: false },
  BERTH_BACKUP_KEEP: { mayBeEmpty: false },
  BERTH_BACKUP_KEY_FILE: { mayBeEmpty: false },
  BERTH_BACKUP_WORK_DIR: { mayBeEmpty: false },
  BERTH_ETCD_MANIFEST: { mayBeEmpty: false },
  BERTH_STATIC_POD_DIR: { mayBeEmpty: false },
  BERTH_ETCD_ENDPOINT: { mayBeEmpty: false },
  BERTH_ETCD_CACERT: { mayBeEmpty: true },
  BERTH_ETCD_CERT: { mayBeEmpty: true },
  BERTH_ETCD_KEY: { mayBeEmpty: true },
  BERTH_ETCDCTL: { mayBeEmpty: false },
  BERTH_ETCDUTL: { mayBeEmpty: false },
  BERTH_METRICS_DIR: { mayBeEmpty: false },
  BERTH_SWIFT_AUTH_URL: { mayBeEmpty: true },
  BERTH_SWIFT_REGION: { mayBeEmpty: true },
  BERTH_SWIFT_CONTAINER: { mayBeEmpty: true },
  BERTH_SWIFT_CREDENTIAL_ID: { mayBeEmpty: true },
  BERTH_SWIFT_CREDENTIAL_SECRET_FILE: { mayBeEmpty: true },
};

/** The environment file: one `NAME='value'` line per parameter, in a fixed order. */
export function renderEtcdBackupEnvironment(env: EtcdBackupEnvironment): string {
  const names = Object.keys(VARIABLES) as (keyof EtcdBackupEnvironment)[];
  const lines = names.map((name) => {
    const value = env[name];
    if (/[\r\n]/.test(value)) throw new Error(`${name} must be a single line`);
    if (value === '' && !VARIABLES[name].mayBeEmpty) throw new Error(`${name} must not be empty`);
    return `${name}=${shellQuote(value)}`;
  });
  return ['# Berth etcd backup parameters, written by cloud-init.', ...lines, ''].join('\n');
}

/** Shell lines stopping a script when a parameter is missing from its environment file (`$env_file`). */
export function etcdBackupVariableChecks(): string {
  return (Object.keys(VARIABLES) as (keyof EtcdBackupEnvironment)[])
    .map((v) =>
      VARIABLES[v].mayBeEmpty
        ? `: "\${${v}?is missing from $env_file}"`
        : `: "\${${v}:?is missing from $env_file}"`,
    )
    .join('\n');
}
