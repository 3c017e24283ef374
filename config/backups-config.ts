import { boolean, integer, list, parsed, section, withDefault, z } from './schema';
import { TimeSpan } from './time-span';

export const DEFAULT_ETCD_BACKUP = { enabled: true, interval: '1h', keep: 48 } as const;
export const DEFAULT_STORE_PORTS: readonly number[] = [443, 5000, 8080];

/** The shortest and longest intervals allowed: etcd snapshots cost I/O; a day is the most data to lose. */
const INTERVAL_BOUNDS = { min: TimeSpan.seconds(15 * 60), max: TimeSpan.days(1) };
const KEEP_BOUNDS = { min: 2, max: 1000 };

/** An etcd snapshot interval within `INTERVAL_BOUNDS`, or undefined. */
export function parseEtcdInterval(text: string): TimeSpan | undefined {
  const duration = TimeSpan.tryParse(text);
  const seconds = duration?.toSeconds() ?? 0;
  return seconds >= INTERVAL_BOUNDS.min.toSeconds() && seconds <= INTERVAL_BOUNDS.max.toSeconds()
    ? duration
    : undefined;
}

/** Encrypted etcd snapshots from every master to the cluster's Swift backup container. */
export const etcdBackupSchema = section(
  {
    enabled: withDefault(
      boolean('Take snapshots. Turning it off removes nothing already stored.'),
      DEFAULT_ETCD_BACKUP.enabled,
    ),
    interval: withDefault(
      parsed(
        parseEtcdInterval,
        `a duration from ${INTERVAL_BOUNDS.min} to ${INTERVAL_BOUNDS.max}, e.g. "1h" or "30m"`,
        {
          doc: 'Time between two snapshots of a master (`30m`, `1h`, `6h`); the first is taken 15 minutes after boot.',
        },
      ),
      DEFAULT_ETCD_BACKUP.interval,
    ),
    keep: withDefault(
      integer(
        KEEP_BOUNDS.min,
        KEEP_BOUNDS.max,
        'Snapshots kept per master; older ones are deleted after each successful snapshot. Default: two days at the default interval.',
      ),
      DEFAULT_ETCD_BACKUP.keep,
    ),
  },
  'Encrypted etcd snapshots from every master to the cluster Swift backup container.',
);

/** Backups of a cluster (its etcd; apps' databases have their own `backup` option). */
export const backupsSchema = section(
  {
    etcd: withDefault(etcdBackupSchema, {}),
    storePorts: withDefault(
      list(
        integer(1, 65535),
        16,
        "TCP ports of Keystone and Swift (`openstack catalog list` shows their URLs): the databases' backup pods may reach addresses outside the cluster on these ports only. Default: TLS endpoints, Keystone's and Swift's usual ports.",
      ).check(z.minLength(1, { error: 'must list at least one port; leave it out for the defaults' })),
      DEFAULT_STORE_PORTS,
    ),
    credentialAccessRules: withDefault(
      boolean(
        "Restrict each environment's backup credential to its own Swift container, and the masters' etcd backups to a credential of their own limited to the cluster's backup container, with Keystone access rules. Needs Swift behind keystonemiddleware with `service_type = object-store` (access rules fail closed: elsewhere, such as Ceph RGW, Keystone refuses the credential's tokens and backups fail). Off, each environment's credential reaches the whole project's object storage, and the masters use the cluster's credential.",
      ),
      true,
    ),
  },
  "Backups of the cluster (its etcd; apps' databases have their own `backup` option).",
);

/** A cluster's `backups`, as written. */
export type BackupsConfig = z.input<typeof backupsSchema>;
/** A cluster's `backups.etcd`, as written. */
export type EtcdBackupConfig = z.input<typeof etcdBackupSchema>;

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
