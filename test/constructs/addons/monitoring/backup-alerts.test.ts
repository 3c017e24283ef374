import { TimeSpan } from '../../../../config';
import {
  ETCD_BACKUP_TOO_OLD_ALERT,
  etcdBackupMaxAge,
  etcdBackupRuleGroups,
} from '../../../../constructs/addons';
import { ETCD_BACKUP_METRICS } from '../../../../constructs/cluster/etcd-backup-environment';

describe('etcd backup alert', () => {
  test('fires when the newest snapshot of any master is older than two intervals and 30 minutes, or none exists', () => {
    const [group] = etcdBackupRuleGroups(TimeSpan.hours(1));
    const rule = group.rules[0] as { alert: string; expr: string; for: string };
    expect(rule.alert).toBe(ETCD_BACKUP_TOO_OLD_ALERT);
    expect(rule.expr).toBe(
      `time() - max(${ETCD_BACKUP_METRICS.lastSuccess}) > 9000 or absent(${ETCD_BACKUP_METRICS.lastSuccess})`,
    );
    expect(etcdBackupMaxAge(TimeSpan.seconds(30 * 60)).toString()).toBe('90m');
  });
});
