import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { BootstrapEnvironment } from '../../constructs/cluster/node-bootstrap-environment';
import { RejoinFiles } from '../../constructs/cluster/node-kubeadm-script';

// Sample parameters of the node scripts and the harnesses that run them, shared by their tests.

export const ENV: BootstrapEnvironment = {
  BERTH_ROLE: 'minion',
  BERTH_KUBERNETES_MINOR: '1.35',
  BERTH_PACKAGE_REPOSITORY: 'https://pkgs.k8s.io/core:/stable:/v1.35/deb/',
  BERTH_API_ENDPOINT: '10.0.0.5:6443',
  BERTH_CLUSTER_CA_FILE: '/etc/kubernetes/berth/cluster-ca.crt',
  BERTH_POD_NETWORK_MTU: '',
  BERTH_MASTER_ADDRESSES: '',
};

/** Runs a bash snippet and returns its stdout (throws with stderr on failure). */
export function bash(script: string, env: NodeJS.ProcessEnv = {}): string {
  const result = spawnSync('bash', ['-c', script], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH, ...env },
  });
  if (result.status !== 0) throw new Error(`bash failed (${result.status}): ${result.stderr}`);
  return result.stdout;
}

export const FORMATION_TOKEN = 'k8sabc.0123456789abcdef';
export const GROWTH_TOKEN = 'grow42.growthsecret0042';

/** Seconds a script may wait where a test expects a decision: never reached on a working path. */
export const DECIDING_WAIT_LIMIT = 60;
/** Seconds a script may wait where a test expects the wait to run out (its message names them). */
export const EXPIRING_WAIT_LIMIT = 2;

/**
 * Runs a node script against stand-in commands in `bin` under a scratch `root`: writes `files` (from
 * `contents`, or a placeholder line), runs the script and returns the kubeadm and kubectl calls it made.
 */
export function runStandIn(options: {
  readonly root: string;
  readonly bin: string;
  readonly calls: string;
  readonly files: readonly string[];
  readonly contents: Readonly<Record<string, string>>;
  readonly script: string;
  readonly timeout: number;
  /**
   * The script's BERTH_WAIT_LIMIT in seconds: {@link EXPIRING_WAIT_LIMIT} where a test expects a wait to
   * run out; otherwise long, so that a decision never depends on how fast a loaded machine runs the
   * stand-ins.
   * @default DECIDING_WAIT_LIMIT
   */
  readonly waitLimit?: number;
}) {
  const { root, calls, contents } = options;
  for (const file of options.files) {
    fs.mkdirSync(path.dirname(root + file), { recursive: true });
    fs.writeFileSync(root + file, contents[file] ?? `${file}\n`);
  }
  const result = spawnSync('bash', ['-c', options.script], {
    encoding: 'utf8',
    env: {
      PATH: `${options.bin}:/usr/bin:/bin`,
      BERTH_WAIT_LIMIT: String(options.waitLimit ?? DECIDING_WAIT_LIMIT),
    },
    timeout: options.timeout,
  });
  const recorded = fs.existsSync(calls) ? fs.readFileSync(calls, 'utf8').trim().split('\n') : [];
  return {
    status: result.status,
    calls: recorded.filter(
      (c) => (c.startsWith('kubeadm ') && c !== 'kubeadm version -o short') || c.startsWith('kubectl '),
    ),
    stdout: result.stdout,
    stderr: result.stderr,
  };
}

export const REJOIN: RejoinFiles = {
  caCertificate: '/etc/kubernetes/berth/cluster-ca.crt',
  initCaFiles: ['/etc/kubernetes/pki/ca.crt', '/etc/kubernetes/pki/ca.key'],
};
