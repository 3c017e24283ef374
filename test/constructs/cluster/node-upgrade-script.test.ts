import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { nodeUpgradeScript } from '../../../constructs/cluster/node-upgrade-script';
import { withTool } from '../../support/real-tool';

// The script runs for real; kubelet, kubeadm, apt and kubectl are stand-ins that only record their
// arguments (no node here), so the tests check what runs, in which order, and what is refused.

const withShellcheck = withTool('shellcheck');

interface Run {
  readonly status: number | null;
  readonly stderr: string;
  /** The recorded commands, one per line. */
  readonly calls: string[];
  readonly sources: string;
}

function run(kubeletVersion: string, ...args: string[]): Run {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-upgrade-'));
  const bin = path.join(dir, 'bin');
  fs.mkdirSync(bin);
  const log = path.join(dir, 'calls');
  const record = (name: string, extra = '') =>
    fs.writeFileSync(path.join(bin, name), `#!/bin/sh\nprintf '%s\\n' "${name} $*" >>"${log}"\n${extra}`, {
      mode: 0o755,
    });
  record('kubelet', `echo "Kubernetes ${kubeletVersion}"\n`);
  for (const name of ['kubeadm', 'kubectl', 'apt-get', 'apt-mark', 'systemctl']) record(name);
  record(
    'apt-cache',
    `printf '   kubeadm | 1.36.0-1.1 | x\\n   kubeadm | 1.36.2-1.1 | x\\n   kubeadm | 1.35.9-1.1 | x\\n'\n`,
  );
  const sources = path.join(dir, 'kubernetes.list');
  fs.writeFileSync(
    sources,
    'deb [signed-by=/etc/apt/keyrings/kubernetes-apt-keyring.gpg] https://pkgs.k8s.io/core:/stable:/v1.35/deb/ /\n',
  );
  const script = path.join(dir, 'berth-upgrade-node');
  fs.writeFileSync(script, nodeUpgradeScript(), { mode: 0o755 });
  const result = spawnSync(script, args, {
    encoding: 'utf8',
    env: { PATH: `${bin}:${process.env.PATH}`, BERTH_APT_SOURCES: sources, KUBECTL_ARGS: '--token=t' },
  });
  return {
    status: result.status,
    stderr: result.stderr,
    calls: fs.existsSync(log) ? fs.readFileSync(log, 'utf8').trim().split('\n') : [],
    sources: fs.readFileSync(sources, 'utf8'),
  };
}

describe('berth-upgrade-node', () => {
  test('first master: channel, kubeadm, upgrade apply, drain, kubelet, restart, uncordon, in that order', () => {
    const result = run('v1.35.4', 'first-master', '1.36', 'berth-main-master-1');
    expect(result.stderr).toContain('berth-main-master-1 runs v1.36.2');
    expect(result.status).toBe(0);
    expect(result.sources).toContain('https://pkgs.k8s.io/core:/stable:/v1.36/deb/ /');
    const calls = result.calls.map((c) => c.replace(/ -q -o .*?(install|update)/, ' $1'));
    expect(calls).toEqual([
      'kubelet --version',
      'apt-get update',
      'apt-cache madison kubeadm',
      'apt-mark unhold kubeadm',
      'apt-get install -y kubeadm=1.36.2-1.1',
      'apt-mark hold kubeadm',
      'kubeadm upgrade plan v1.36.2',
      'kubeadm upgrade apply -y v1.36.2',
      'kubectl --token=t drain berth-main-master-1 --ignore-daemonsets --delete-emptydir-data --pod-selector=berth.dev/node-upgrade!=true --timeout=20m',
      'apt-mark unhold kubelet kubectl',
      'apt-get install -y kubelet=1.36.2-1.1 kubectl=1.36.2-1.1',
      'apt-mark hold kubelet kubectl',
      'systemctl daemon-reload',
      'systemctl restart kubelet',
      'kubectl --token=t uncordon berth-main-master-1',
    ]);
  });

  test.each(['master', 'minion'])('a %s runs kubeadm upgrade node', (role) => {
    const result = run('v1.35.4', role, '1.36', 'berth-main-default-1');
    expect(result.status).toBe(0);
    expect(result.calls).toContain('kubeadm upgrade node');
    expect(result.calls.some((c) => c.startsWith('kubeadm upgrade apply'))).toBe(false);
  });

  test('a node already at the minor is only uncordoned (a rerun after a failure finishes the job)', () => {
    const result = run('v1.36.2', 'minion', '1.36', 'berth-main-default-1');
    expect(result.status).toBe(0);
    expect(result.calls).toEqual(['kubelet --version', 'kubectl --token=t uncordon berth-main-default-1']);
  });

  test('refuses to skip a minor or to go back, naming the fix, before touching anything', () => {
    const skip = run('v1.34.1', 'minion', '1.36', 'n');
    expect(skip.status).not.toBe(0);
    expect(skip.stderr).toContain('upgrade one minor at a time (1.35 first)');
    expect(skip.calls).toEqual(['kubelet --version']);
    const back = run('v1.36.1', 'minion', '1.35', 'n');
    expect(back.stderr).toContain('cannot be downgraded to 1.35');
    expect(back.calls).toEqual(['kubelet --version']);
    expect(run('v1.36.1', 'worker', '1.36', 'n').stderr).toContain('unknown role worker');
    expect(run('v1.36.1', 'minion', '1.36.1', 'n').stderr).toContain(
      "the minor must look like 1.36, got '1.36.1'",
    );
  });

  withShellcheck('passes shellcheck', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'berth-sc-')), 'berth-upgrade-node');
    fs.writeFileSync(file, nodeUpgradeScript());
    const result = spawnSync('shellcheck', ['--severity=style', '--format=gcc', file], { encoding: 'utf8' });
    expect(result.stdout).toBe('');
  });
});
