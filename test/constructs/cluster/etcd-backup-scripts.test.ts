import { ChildProcess, spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import {
  ETCD_BACKUP_METRICS,
  EtcdBackupEnvironment,
  renderEtcdBackupEnvironment,
} from '../../../constructs/cluster/etcd-backup-environment';
import {
  etcdBackupScript,
  etcdRestoreScript,
  etcdToolScript,
} from '../../../constructs/cluster/etcd-backup-scripts';
import { withTool } from '../../support/real-tool';

// The real scripts against a real etcd (Debian's etcd-server/etcd-client) on loopback; the only stand-in
// is the store: a directory instead of Swift.

const withEtcd = withTool('etcd', 'etcd-server');
const withShellcheck = withTool('shellcheck');
const ETCD_TOOLS = ['etcd', 'etcdctl', 'openssl'];

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** A scratch node: scripts, environment file, a kubeadm-like etcd manifest, a key, a store directory. */
class Node {
  public readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-etcd-backup-'));
  public readonly dataDir = path.join(this.dir, 'var/lib/etcd');
  public readonly manifests = path.join(this.dir, 'manifests');
  public readonly store = path.join(this.dir, 'store');
  public readonly metrics = path.join(this.dir, 'metrics');
  public readonly keyFile = path.join(this.dir, 'backup.key');
  private etcd?: ChildProcess;

  constructor(
    public readonly clientPort: number,
    public readonly peerPort: number,
    keep: number,
  ) {
    fs.mkdirSync(this.manifests);
    fs.writeFileSync(
      path.join(this.manifests, 'etcd.yaml'),
      [
        'spec:',
        '  containers:',
        '  - command:',
        '    - etcd',
        `    - --data-dir=${this.dataDir}`,
        `    - --initial-advertise-peer-urls=${this.peerUrl}`,
        '    - --name=berth-main-master-1',
        '    image: registry.k8s.io/etcd:3.6.5-0',
        '',
      ].join('\n'),
    );
    fs.writeFileSync(path.join(this.manifests, 'kube-apiserver.yaml'), 'kind: Pod\n');
    fs.writeFileSync(this.keyFile, 'c2VjcmV0LWtleS1vZi10aGUtdGVzdC1jbHVzdGVyLTEyMw==\n', { mode: 0o600 });
    this.writeEnv({ BERTH_BACKUP_KEEP: String(keep) });
    for (const [name, content] of [
      ['berth-etcd-backup', etcdBackupScript()],
      ['berth-etcd-restore', etcdRestoreScript()],
    ]) {
      fs.writeFileSync(path.join(this.dir, name), content, { mode: 0o700 });
    }
  }

  public get peerUrl(): string {
    return `http://127.0.0.1:${this.peerPort}`;
  }

  public get clientUrl(): string {
    return `http://127.0.0.1:${this.clientPort}`;
  }

  public writeEnv(overrides: Partial<EtcdBackupEnvironment> = {}): void {
    const env: EtcdBackupEnvironment = {
      BERTH_BACKUP_STORE: `dir:${this.store}`,
      BERTH_BACKUP_PREFIX: 'etcd',
      BERTH_BACKUP_KEEP: '2',
      BERTH_BACKUP_KEY_FILE: this.keyFile,
      BERTH_BACKUP_WORK_DIR: path.join(this.dir, 'work'),
      BERTH_ETCD_MANIFEST: path.join(this.manifests, 'etcd.yaml'),
      BERTH_STATIC_POD_DIR: this.manifests,
      BERTH_ETCD_ENDPOINT: this.clientUrl,
      BERTH_ETCD_CACERT: '',
      BERTH_ETCD_CERT: '',
      BERTH_ETCD_KEY: '',
      BERTH_ETCDCTL: 'etcdctl',
      // etcd 3.4's etcdctl has `snapshot status/restore` with etcdutl's flags (etcdutl came with 3.5).
      BERTH_ETCDUTL: 'etcdctl',
      BERTH_METRICS_DIR: this.metrics,
      BERTH_SWIFT_AUTH_URL: '',
      BERTH_SWIFT_REGION: '',
      BERTH_SWIFT_CONTAINER: '',
      BERTH_SWIFT_CREDENTIAL_ID: '',
      BERTH_SWIFT_CREDENTIAL_SECRET_FILE: '',
      ...this.envOverrides,
      ...overrides,
    };
    this.envOverrides = { ...this.envOverrides, ...overrides };
    fs.writeFileSync(path.join(this.dir, 'etcd-backup.env'), renderEtcdBackupEnvironment(env));
  }
  private envOverrides: Partial<EtcdBackupEnvironment> = {};

  public run(script: string, ...args: string[]): Run {
    const result = spawnSync(path.join(this.dir, script), args, {
      encoding: 'utf8',
      env: { PATH: process.env.PATH, BERTH_ETCD_BACKUP_ENV: path.join(this.dir, 'etcd-backup.env') },
      timeout: 60_000,
    });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
  }

  public async startEtcd(options: { readonly fresh: boolean }): Promise<void> {
    const cluster = options.fresh
      ? [
          `--initial-cluster=berth-main-master-1=${this.peerUrl}`,
          `--initial-advertise-peer-urls=${this.peerUrl}`,
        ]
      : [];
    this.etcd = spawn(
      'etcd',
      [
        '--name=berth-main-master-1',
        `--data-dir=${this.dataDir}`,
        `--listen-client-urls=${this.clientUrl}`,
        `--advertise-client-urls=${this.clientUrl}`,
        `--listen-peer-urls=${this.peerUrl}`,
        // A one-member cluster still waits out an election timeout (1 s by default) before it serves.
        '--heartbeat-interval=20',
        '--election-timeout=200',
        ...cluster,
      ],
      { stdio: 'ignore' },
    );
    const deadline = Date.now() + 15_000;
    while (this.etcdctl('endpoint', 'health').status !== 0) {
      if (Date.now() > deadline) throw new Error('etcd did not become healthy within 15 s');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  public async stopEtcd(): Promise<void> {
    const etcd = this.etcd;
    if (!etcd || etcd.exitCode !== null) return;
    const exited = new Promise((resolve) => etcd.once('exit', resolve));
    etcd.kill('SIGKILL');
    await exited;
    this.etcd = undefined;
  }

  public etcdctl(...args: string[]): Run {
    const result = spawnSync('etcdctl', [`--endpoints=${this.clientUrl}`, ...args], {
      encoding: 'utf8',
      env: { PATH: process.env.PATH, ETCDCTL_API: '3' },
      timeout: 10_000,
    });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
  }

  public put(key: string, value: string): void {
    expect(this.etcdctl('put', key, value).status).toBe(0);
  }

  public get(key: string): string {
    return this.etcdctl('get', key, '--print-value-only').stdout.trim();
  }

  public stored(): string[] {
    const memberDir = path.join(this.store, 'etcd', 'berth-main-master-1');
    return fs.existsSync(memberDir) ? fs.readdirSync(memberDir).sort() : [];
  }

  public metric(kind: 'success' | 'failure', name: string): number | undefined {
    const file = path.join(this.metrics, `berth_etcd_backup_${kind}.prom`);
    if (!fs.existsSync(file)) return undefined;
    const line = fs
      .readFileSync(file, 'utf8')
      .split('\n')
      .find((l) => l.startsWith(`${name}{member="berth-main-master-1"} `));
    return line === undefined ? undefined : Number(line.split(' ')[1]);
  }
}

describe('etcd backup and restore, for real', () => {
  let node: Node;

  beforeAll(async () => {
    const [clientPort, peerPort] = [await freePort(), await freePort()];
    node = new Node(clientPort, peerPort, 2);
  });

  afterAll(async () => {
    await node.stopEtcd();
    fs.rmSync(node.dir, { recursive: true, force: true });
  });

  withEtcd(
    'snapshots, encrypts, keeps the newest, and restores a cluster that serves the keys',
    async () => {
      for (const tool of ETCD_TOOLS) expect(spawnSync('sh', ['-c', `command -v ${tool}`]).status).toBe(0);
      await node.startEtcd({ fresh: true });
      node.put('/registry/secrets/prod/db', 'berth-plain-secret-value');

      // Three runs, each after a new generation was written; two are kept.
      const before = Math.floor(Date.now() / 1000);
      for (let generation = 1; generation <= 3; generation++) {
        node.put('/berth/generation', String(generation));
        const run = node.run('berth-etcd-backup');
        expect(run.stderr).toContain('stored etcd/berth-main-master-1/berth-main-master-1-');
        expect(run.status).toBe(0);
      }
      const stored = node.stored();
      expect(stored).toHaveLength(2);
      expect(stored.every((name) => /^berth-main-master-1-\d{8}T\d{6}\.\d{3}Z\.db\.enc$/.test(name))).toBe(
        true,
      );

      // Encrypted: the plaintext value is not in the stored file, and it is no bolt database.
      const oldest = fs.readFileSync(path.join(node.store, 'etcd/berth-main-master-1', stored[0]));
      expect(oldest.includes(Buffer.from('berth-plain-secret-value'))).toBe(false);
      expect(oldest.subarray(0, 8).toString('latin1')).toBe('Salted__');

      // Metrics for node-exporter's textfile collector.
      expect(node.metric('success', ETCD_BACKUP_METRICS.lastSuccess)).toBeGreaterThanOrEqual(before);
      expect(node.metric('success', ETCD_BACKUP_METRICS.stored)).toBe(2);
      expect(node.metric('success', ETCD_BACKUP_METRICS.lastSize)).toBe(
        fs.statSync(path.join(node.store, 'etcd/berth-main-master-1', stored[1])).size,
      );

      // `list` shows what is stored.
      const list = node.run('berth-etcd-restore', 'list');
      expect(list.status).toBe(0);
      expect(list.stdout.trim().split('\n')).toEqual(stored.map((s) => `etcd/berth-main-master-1/${s}`));

      // The cluster moves on, then is lost: restore the older kept snapshot (generation 2) in place.
      node.put('/berth/generation', 'after-the-backup');
      await node.stopEtcd();
      const restore = node.run(
        'berth-etcd-restore',
        'restore-kubeadm',
        `etcd/berth-main-master-1/${stored[0]}`,
      );
      expect(restore.stderr).toContain('restored.');
      expect(restore.status).toBe(0);
      expect(fs.readdirSync(node.manifests).sort()).toEqual(['etcd.yaml', 'kube-apiserver.yaml']);
      const kept = fs
        .readdirSync(path.dirname(node.dataDir))
        .filter((d) => d.startsWith('etcd.before-restore-'));
      expect(kept).toHaveLength(1);

      await node.startEtcd({ fresh: false });
      expect(node.get('/berth/generation')).toBe('2');
      expect(node.get('/registry/secrets/prod/db')).toBe('berth-plain-secret-value');
      await node.stopEtcd();
    },
    60_000,
  );

  withEtcd('a failed run records its time and leaves the last success alone', async () => {
    const lastSuccess = node.metric('success', ETCD_BACKUP_METRICS.lastSuccess);
    const before = Math.floor(Date.now() / 1000);
    const run = node.run('berth-etcd-backup'); // etcd is stopped
    expect(run.status).not.toBe(0);
    expect(node.metric('failure', ETCD_BACKUP_METRICS.lastFailure)).toBeGreaterThanOrEqual(before);
    expect(node.metric('success', ETCD_BACKUP_METRICS.lastSuccess)).toBe(lastSuccess);
    expect(fs.existsSync(path.join(node.dir, 'work'))).toBe(false);
  });

  withEtcd('refuses a wrong key and a damaged file', () => {
    const name = `etcd/berth-main-master-1/${node.stored()[1]}`;
    const target = path.join(node.dir, 'fetched.db');
    expect(node.run('berth-etcd-restore', 'fetch', name, target).status).toBe(0);
    expect(fs.statSync(target).size).toBeGreaterThan(0);

    const goodKey = fs.readFileSync(node.keyFile);
    fs.writeFileSync(node.keyFile, 'another-key\n');
    const wrongKey = node.run('berth-etcd-restore', 'restore', name, path.join(node.dir, 'wrong-key'));
    expect(wrongKey.status).not.toBe(0);
    expect(wrongKey.stderr).toMatch(/cannot decrypt|no valid etcd snapshot/);
    expect(fs.existsSync(path.join(node.dir, 'wrong-key'))).toBe(false);
    fs.writeFileSync(node.keyFile, goodKey);

    const file = path.join(node.store, name);
    const damaged = fs.readFileSync(file);
    damaged[Math.floor(damaged.length / 2)] ^= 0xff;
    fs.writeFileSync(file, damaged);
    const restore = node.run('berth-etcd-restore', 'restore', name, path.join(node.dir, 'damaged'));
    expect(restore.status).not.toBe(0);
  });

  withEtcd('refuses bad parameters before touching anything', () => {
    node.writeEnv({ BERTH_BACKUP_KEEP: '0' });
    const run = node.run('berth-etcd-backup');
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain("BERTH_BACKUP_KEEP must be a whole number of snapshots above 0, got '0'");
    node.writeEnv({ BERTH_BACKUP_KEEP: '2', BERTH_BACKUP_STORE: 'ftp://elsewhere' });
    expect(node.run('berth-etcd-restore', 'list').stderr).toContain('unknown store ftp://elsewhere');
    node.writeEnv({ BERTH_BACKUP_STORE: `dir:${node.store}` });
    expect(node.run('berth-etcd-restore', 'restore', 'x').status).toBe(2);
    expect(node.run('berth-etcd-restore', 'restore', 'x', node.dir).stderr).toContain(
      'exists: restore into a new directory',
    );
  });
});

describe('scripts', () => {
  withShellcheck('pass shellcheck', () => {
    for (const [name, script] of [
      ['berth-etcd-backup', etcdBackupScript()],
      ['berth-etcd-restore', etcdRestoreScript()],
      ['berth-etcd-tool', etcdToolScript()],
    ]) {
      const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'berth-sc-')), name);
      fs.writeFileSync(file, script);
      const result = spawnSync(
        'shellcheck',
        ['--severity=style', '--enable=check-unassigned-uppercase', '--format=gcc', file],
        { encoding: 'utf8' },
      );
      expect(`${name}: ${result.stdout}`).toBe(`${name}: `);
    }
  });

  test('berth-etcd-tool runs the tools of the image in the manifest, with the certificates read-only', () => {
    const script = etcdToolScript();
    expect(script).toContain('ctr -n k8s.io run --rm --net-host');
    expect(script).toContain('src=/etc/kubernetes/pki/etcd,dst=/etc/kubernetes/pki/etcd,options=rbind:ro');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-tool-'));
    fs.writeFileSync(path.join(dir, 'tool'), script, { mode: 0o700 });
    const usage = spawnSync(path.join(dir, 'tool'), ['kubectl'], { encoding: 'utf8' });
    expect(usage.status).toBe(2);
  });
});
