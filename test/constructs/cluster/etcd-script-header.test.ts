import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { renderEtcdBackupEnvironment } from '../../../constructs/cluster/etcd-backup-environment';
import { etcdScriptHeader } from '../../../constructs/cluster/etcd-script-header';
import { sampleEtcdBackupEnvironment } from '../../support/etcd-backup-samples';

/** Runs the header followed by `body` with the given environment file text. */
function runHeader(envText: string, body: string) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-etcd-header-'));
  const envFile = path.join(dir, 'env');
  fs.writeFileSync(
    envFile,
    envText.replace("BERTH_BACKUP_WORK_DIR='/w'", `BERTH_BACKUP_WORK_DIR='${dir}/work'`),
  );
  const script = path.join(dir, 'script');
  fs.writeFileSync(script, `${etcdScriptHeader('berth-test', 'a test')}\n${body}\n`, { mode: 0o700 });
  return spawnSync('bash', [script], {
    encoding: 'utf8',
    env: { ...process.env, BERTH_ETCD_BACKUP_ENV: envFile },
  });
}

describe('etcdScriptHeader', () => {
  const complete = renderEtcdBackupEnvironment(sampleEtcdBackupEnvironment());

  test('reads the environment file and names the script in its log lines', () => {
    const run = runHeader(complete, 'log "keep $BERTH_BACKUP_KEEP"');
    expect(run.stderr).toBe('berth-test: keep 48\n');
    expect(run.status).toBe(0);
  });

  test('stops, naming the parameter, when a required one is missing or empty', () => {
    const missing = runHeader(complete.replace(/^BERTH_BACKUP_KEEP=.*\n/m, ''), 'echo ran');
    expect(missing.status).not.toBe(0);
    expect(missing.stderr).toContain('BERTH_BACKUP_KEEP: is missing from');
    expect(missing.stdout).toBe('');
    const empty = runHeader(
      complete.replace(/^BERTH_BACKUP_PREFIX=.*$/m, "BERTH_BACKUP_PREFIX=''"),
      'echo ran',
    );
    expect(empty.stderr).toContain('BERTH_BACKUP_PREFIX: is missing from');
  });

  test('a parameter that may be empty must still be present', () => {
    const run = runHeader(complete.replace(/^BERTH_SWIFT_REGION=.*\n/m, ''), 'echo ran');
    expect(run.stderr).toContain('BERTH_SWIFT_REGION: is missing from');
    expect(runHeader(complete, 'echo "[$BERTH_SWIFT_REGION]"').stdout).toBe('[]\n');
  });

  test('refuses a store it does not know', () => {
    const run = runHeader(
      complete.replace("BERTH_BACKUP_STORE='swift'", "BERTH_BACKUP_STORE='ftp://x'"),
      'store_open',
    );
    expect(run.stderr).toContain('unknown store ftp://x (swift or dir:<path>)');
  });
});
