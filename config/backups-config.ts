import { TimeSpan } from './time-span';
import { FieldReader } from './field-reader';

/** Backups of a cluster (its etcd; apps' databases have their own `backup` option). */
export interface BackupsConfig {
  /** Encrypted etcd snapshots from every master to the cluster's Swift backup container. */
  readonly etcd?: EtcdBackupConfig;
  /**
   * TCP ports of Keystone and Swift (`openstack catalog list` shows their URLs): the databases' backup
   * pods may reach addresses outside the cluster on these ports only.
   * @default [443, 5000, 8080] (TLS endpoints, Keystone's and Swift's usual ports)
   */
  readonly storePorts?: readonly number[];
  /**
   * Restrict each environment's backup credential to its own Swift container, and the masters' etcd
   * backups to a credential of their own limited to the cluster's backup container, with Keystone access
   * rules. Needs Swift behind keystonemiddleware with `service_type = object-store` (access rules fail
   * closed: elsewhere, such as Ceph RGW, Keystone refuses the credential's tokens and backups fail).
   * Off, each environment's credential reaches the whole project's object storage, and the masters use
   * the cluster's credential.
   * @default true
   */
  readonly credentialAccessRules?: boolean;
}

export interface EtcdBackupConfig {
  /**
   * Take snapshots. Turning it off removes nothing already stored.
   * @default true
   */
  readonly enabled?: boolean;
  /**
   * Time between two snapshots of a master (`30m`, `1h`, `6h`); the first is taken 15 minutes after boot.
   * @default "1h"
   */
  readonly interval?: string;
  /**
   * Snapshots kept per master; older ones are deleted after each successful snapshot.
   * @default 48 (two days at the default interval)
   */
  readonly keep?: number;
}

export interface ResolvedEtcdBackup {
  readonly enabled: boolean;
  readonly interval: TimeSpan;
  readonly keep: number;
}

export interface ResolvedBackups {
  readonly etcd: ResolvedEtcdBackup;
  readonly storePorts: readonly number[];
  readonly credentialAccessRules: boolean;
}

export const DEFAULT_ETCD_BACKUP = { enabled: true, interval: '1h', keep: 48 } as const;
export const DEFAULT_STORE_PORTS: readonly number[] = [443, 5000, 8080];

/** The shortest and longest intervals allowed: etcd snapshots cost I/O; a day is the most data to lose. */
const INTERVAL_BOUNDS = { min: TimeSpan.seconds(15 * 60), max: TimeSpan.days(1) };
const KEEP_BOUNDS = { min: 2, max: 1000 };

/** Reads `<path>` (a cluster's `backups`), recording every problem. */
export function resolveBackups(read: FieldReader, path: string, value: unknown): ResolvedBackups {
  const raw = read.object(path, value, ['etcd', 'storePorts', 'credentialAccessRules']) ?? {};
  const etcd = read.object(`${path}.etcd`, raw.etcd, ['enabled', 'interval', 'keep']) ?? {};
  const interval = read.parsed(
    `${path}.etcd.interval`,
    etcd.interval,
    DEFAULT_ETCD_BACKUP.interval,
    (text) => {
      const duration = TimeSpan.tryParse(text);
      const seconds = duration?.toSeconds() ?? 0;
      return seconds >= INTERVAL_BOUNDS.min.toSeconds() && seconds <= INTERVAL_BOUNDS.max.toSeconds()
        ? duration
        : undefined;
    },
    `a duration from ${INTERVAL_BOUNDS.min} to ${INTERVAL_BOUNDS.max}, e.g. "1h" or "30m"`,
  );
  const ports = read.array(`${path}.storePorts`, raw.storePorts, 16);
  if (ports !== undefined && ports.length === 0) {
    read.problems.add(
      `${path}.storePorts`,
      ports,
      'must list at least one port; leave it out for the defaults',
    );
  }
  const storePorts =
    ports === undefined || ports.length === 0
      ? DEFAULT_STORE_PORTS
      : ports.map((port, i) => read.integer(`${path}.storePorts[${i}]`, port, 443, 1, 65535));
  return {
    storePorts: [...new Set(storePorts)],
    credentialAccessRules: read.boolean(`${path}.credentialAccessRules`, raw.credentialAccessRules, true),
    etcd: {
      enabled: read.boolean(`${path}.etcd.enabled`, etcd.enabled, DEFAULT_ETCD_BACKUP.enabled),
      interval,
      keep: read.integer(
        `${path}.etcd.keep`,
        etcd.keep,
        DEFAULT_ETCD_BACKUP.keep,
        KEEP_BOUNDS.min,
        KEEP_BOUNDS.max,
      ),
    },
  };
}
