import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Testing } from 'cdktf';
import { TimeSpan } from '../../../config';
import { CloudInitConfig } from '../../../constructs/cluster/cloud-config';
import {
  ETCD_BACKUP_UNITS,
  EtcdBackupKey,
  addEtcdBackup,
  etcdBackupService,
  etcdBackupTimer,
} from '../../../constructs/cluster/etcd-backup';
import { ETCD_BACKUP_SCRIPT } from '../../../constructs/cluster/etcd-backup-environment';
import { withTool } from '../../support/real-tool';

const withSystemd = withTool('systemd-analyze', 'systemd');

describe('etcd backup units', () => {
  test('the timer runs 15 minutes after boot, then every interval after the previous run', () => {
    const timer = etcdBackupTimer(TimeSpan.seconds(30 * 60));
    expect(timer).toContain('OnBootSec=15m\n');
    expect(timer).toContain('OnUnitActiveSec=30m\n');
    expect(etcdBackupService()).toContain(`ExecStart=${ETCD_BACKUP_SCRIPT}\n`);
  });

  withSystemd('systemd-analyze verifies both units', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-units-'));
    const script = path.join(dir, 'berth-etcd-backup');
    fs.writeFileSync(script, '#!/bin/sh\n', { mode: 0o755 });
    const service = path.join(dir, path.basename(ETCD_BACKUP_UNITS.service));
    const timer = path.join(dir, path.basename(ETCD_BACKUP_UNITS.timer));
    // The script is not installed on this machine: the unit points at a stand-in with the same name.
    fs.writeFileSync(service, etcdBackupService().replace(ETCD_BACKUP_SCRIPT, script));
    fs.writeFileSync(timer, etcdBackupTimer(TimeSpan.hours(1)));
    const result = spawnSync('systemd-analyze', ['verify', timer, service], { encoding: 'utf8' });
    expect(`${result.stdout}${result.stderr}`).toBe('');
    expect(result.status).toBe(0);
  });
});

describe('addEtcdBackup', () => {
  test('adds the scripts, parameters, secrets and units once each', () => {
    const config = new CloudInitConfig();
    addEtcdBackup(
      config,
      {
        interval: TimeSpan.hours(1),
        keep: 3,
        authUrl: 'https://k/v3',
        region: '',
        container: 'c',
        credentialId: 'i',
        credentialSecret: 's',
        encryptionKey: 'k',
      },
      (value) => Buffer.from(value).toString('base64'),
    );
    expect(config.writeFiles.map((f) => f.path)).toEqual([
      '/etc/berth/etcd-backup.key',
      '/etc/berth/etcd-backup-credential.secret',
      '/etc/berth/etcd-backup.env',
      '/usr/local/sbin/berth-etcd-tool',
      '/usr/local/sbin/berth-etcd-backup',
      '/usr/local/sbin/berth-etcd-restore',
      ETCD_BACKUP_UNITS.service,
      ETCD_BACKUP_UNITS.timer,
    ]);
    expect(config.writeFiles.find((f) => f.path.endsWith('.env'))!.content).toContain(
      "BERTH_ETCDCTL='/usr/local/sbin/berth-etcd-tool etcdctl'",
    );
  });

  test('the key is 32 random bytes generated at deploy time', () => {
    const json = JSON.parse(Testing.synthScope((scope) => void new EtcdBackupKey(scope, 'etcd-backup-key')));
    expect(Object.values(json.resource.random_id)).toEqual([{ byte_length: 32 }]);
  });
});
