import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { renderEtcdBackupEnvironment } from '../../../constructs/cluster/etcd-backup-environment';
import { sampleEtcdBackupEnvironment } from '../../support/etcd-backup-samples';

describe('renderEtcdBackupEnvironment', () => {
  test('bash reads every value back unchanged', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'berth-env-')), 'env');
    fs.writeFileSync(file, renderEtcdBackupEnvironment(sampleEtcdBackupEnvironment()));
    const out = spawnSync('bash', ['-c', `. "${file}"; printf '%s' "$BERTH_SWIFT_AUTH_URL"`], {
      encoding: 'utf8',
    });
    expect(out.stdout).toBe("https://keystone.example:5000/v3'$(id)");
  });

  test('refuses empty required values and multi-line values', () => {
    expect(() =>
      renderEtcdBackupEnvironment({ ...sampleEtcdBackupEnvironment(), BERTH_BACKUP_KEEP: '' }),
    ).toThrow('BERTH_BACKUP_KEEP must not be empty');
    expect(() =>
      renderEtcdBackupEnvironment({ ...sampleEtcdBackupEnvironment(), BERTH_ETCD_CERT: 'a\nb' }),
    ).toThrow('BERTH_ETCD_CERT must be a single line');
  });
});
