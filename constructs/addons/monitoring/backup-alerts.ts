import { TimeSpan } from '../../../config';
import { ETCD_BACKUP_METRICS } from '../../cluster/etcd-backup-environment';
import { RuleGroup } from './alert-rules';

/** Name of the alert raised when no etcd snapshot has been stored for too long. */
export const ETCD_BACKUP_TOO_OLD_ALERT = 'EtcdBackupTooOld';

/**
 * How old the newest stored etcd snapshot may get: two missed runs, plus the first run's delay after
 * boot and the timer's jitter, so that one failed run (a network blip) does not page anyone.
 */
export function etcdBackupMaxAge(interval: TimeSpan): TimeSpan {
  return TimeSpan.seconds(2 * interval.toSeconds() + 30 * 60);
}

/**
 * Alerts on the masters' etcd backups, from the metrics `berth-etcd-backup` writes for node-exporter's
 * textfile collector: the newest snapshot of any master is too old, or none was ever stored.
 */
export function etcdBackupRuleGroups(interval: TimeSpan): readonly RuleGroup[] {
  const maxAge = etcdBackupMaxAge(interval);
  const metric = ETCD_BACKUP_METRICS.lastSuccess;
  return [
    {
      name: 'berth.backups',
      rules: [
        {
          alert: ETCD_BACKUP_TOO_OLD_ALERT,
          expr: `time() - max(${metric}) > ${maxAge.toSeconds()} or absent(${metric})`,
          for: '15m',
          labels: { severity: 'critical' },
          annotations: {
            summary: `No etcd snapshot stored for more than ${maxAge}`,
            description: `The masters back up etcd every ${interval}; none has stored a snapshot for more than ${maxAge} (or ever). On a master: systemctl status berth-etcd-backup.service; journalctl -u berth-etcd-backup.service.`,
          },
        },
      ],
    },
  ];
}
