/**
 * Real PostgreSQL, MariaDB and Redis servers for tests, each in a scratch directory on a loopback port
 * (Debian's `postgresql`, `mariadb-server` and `redis-server`). Servers refuse to run as root, so under
 * root they run as `nobody` (through `runuser`); otherwise as the current user.
 */
import { ChildProcess, spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import { REDIS_ENGINE, REDIS_PASSWORD_ARG } from '../../constructs/workloads/backing-service-redis';

const AS_ROOT = process.getuid?.() === 0;
const SERVER_USER = 'nobody';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** A scratch directory the server user may write. */
export function serverDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  chownToServerUser(dir);
  return dir;
}

/** Gives `dir` and everything in it to the server user (when running as root). */
export function chownToServerUser(dir: string): void {
  if (!AS_ROOT) return;
  const result = spawnSync('chown', ['-R', `${SERVER_USER}:`, dir]);
  if (result.status !== 0) throw new Error(`chown ${dir} failed`);
}

/** Runs `command` as the server user, waiting for it. */
export function runAsServerUser(command: string, args: readonly string[], input?: string): Run {
  const [file, argv] = AS_ROOT ? ['runuser', ['-u', SERVER_USER, '--', command, ...args]] : [command, args];
  const result = spawnSync(file, argv, { encoding: 'utf8', input, timeout: 60_000 });
  return { status: result.status, stdout: result.stdout ?? '', stderr: result.stderr ?? '' };
}

/** Like `runAsServerUser`, without blocking: slow initialisations overlap other tests. */
export function runAsServerUserAsync(command: string, args: readonly string[]): Promise<Run> {
  const [file, argv] = AS_ROOT ? ['runuser', ['-u', SERVER_USER, '--', command, ...args]] : [command, args];
  return new Promise((resolve) => {
    const child = spawn(file, argv, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', (err) => resolve({ status: null, stdout, stderr: String(err) }));
    child.once('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/**
 * Starts a server in a process group of its own: `runuser` stays its parent, so stopping must signal
 * the whole group, or the server would outlive the test.
 */
function startAsServerUser(command: string, args: readonly string[]): ChildProcess {
  const [file, argv] = AS_ROOT ? ['runuser', ['-u', SERVER_USER, '--', command, ...args]] : [command, args];
  return spawn(file, argv, { stdio: 'ignore', detached: true });
}

function must(run: Run, what: string): Run {
  if (run.status !== 0) throw new Error(`${what} failed (${run.status}): ${run.stderr}${run.stdout}`);
  return run;
}

async function waitFor(what: string, ready: () => boolean, server: ChildProcess): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!ready()) {
    if (server.exitCode !== null) throw new Error(`${what} exited with ${server.exitCode}`);
    if (Date.now() > deadline) throw new Error(`${what} was not ready within 20 s`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Stops a scratch server at once (its data is thrown away): `signal` is its fastest clean stop. */
async function stop(server: ChildProcess | undefined, signal: NodeJS.Signals): Promise<void> {
  if (!server || server.pid === undefined) return;
  const group = -server.pid;
  const signalGroup = (sig: NodeJS.Signals) => {
    try {
      process.kill(group, sig);
    } catch {
      // The group is gone already.
    }
  };
  const exited =
    server.exitCode !== null || server.signalCode !== null
      ? Promise.resolve()
      : new Promise((resolve) => server.once('exit', resolve));
  signalGroup(signal);
  const timer = setTimeout(() => signalGroup('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
  // Whatever is left of the group (the server, when runuser went first) goes too.
  signalGroup('SIGKILL');
}

/** Removes scratch directories. */
export function removeDirs(dirs: readonly string[]): void {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
}

/** Directory of the newest installed PostgreSQL server binaries, if any. */
export function postgresBin(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!fs.existsSync(root)) return undefined;
  const versions = fs.readdirSync(root).filter((v) => fs.existsSync(path.join(root, v, 'bin', 'initdb')));
  versions.sort((a, b) => Number(a) - Number(b));
  return versions.length > 0 ? path.join(root, versions[versions.length - 1], 'bin') : undefined;
}

/** A PostgreSQL cluster: a superuser `postgres` on the socket, password logins over TCP. */
export class PostgresServer {
  private server?: ChildProcess;

  /** Initialises a cluster's data directory once, to copy for each server. */
  public static initTemplate(bin: string): string {
    const dir = serverDir('berth-pg-template-');
    must(
      runAsServerUser(path.join(bin, 'initdb'), [
        `--pgdata=${path.join(dir, 'data')}`,
        '--username=postgres',
        '--auth-local=trust',
        '--auth-host=scram-sha-256',
        '--encoding=UTF8',
        '--no-sync',
      ]),
      'initdb',
    );
    return dir;
  }

  public readonly dir: string;

  constructor(
    private readonly bin: string,
    template: string,
    public readonly port: number,
  ) {
    this.dir = serverDir('berth-pg-');
    must(runAsServerUser('cp', ['-a', path.join(template, 'data'), this.dir]), 'copying the cluster');
  }

  public async start(): Promise<void> {
    this.server = startAsServerUser(path.join(this.bin, 'postgres'), [
      '-D',
      path.join(this.dir, 'data'),
      '-p',
      String(this.port),
      '-k',
      this.dir,
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'fsync=off',
    ]);
    await waitFor('postgres', () => this.psql('postgres', 'select 1').status === 0, this.server);
  }

  /** Runs SQL as the superuser over the socket. */
  public psql(database: string, sql: string): Run {
    return runAsServerUser(path.join(this.bin, 'psql'), [
      `--host=${this.dir}`,
      `--port=${this.port}`,
      '--username=postgres',
      `--dbname=${database}`,
      '--no-psqlrc',
      '--tuples-only',
      '--no-align',
      '--set=ON_ERROR_STOP=1',
      '--command',
      sql,
    ]);
  }

  /** What the official image's first start does: a database owned by a login user with a password. */
  public createDatabase(name: string, user: string, password: string): void {
    must(this.psql('postgres', `create role "${user}" login password '${password}'`), 'create role');
    must(this.psql('postgres', `create database "${name}" owner "${user}"`), 'create database');
  }

  public async stop(): Promise<void> {
    // Immediate shutdown: the postmaster stops its children, then exits.
    await stop(this.server, 'SIGQUIT');
    removeDirs([this.dir]);
  }
}

/** A MariaDB server with a root password, reachable over TCP on loopback. */
export class MariaDbServer {
  private server?: ChildProcess;

  /** Initialises a data directory once, to copy for each server (takes seconds: start it early). */
  public static async initTemplate(): Promise<string> {
    const dir = serverDir('berth-mariadb-template-');
    must(
      await runAsServerUserAsync('mariadb-install-db', [
        '--no-defaults',
        `--datadir=${path.join(dir, 'data')}`,
        '--auth-root-authentication-method=normal',
        '--skip-test-db',
      ]),
      'mariadb-install-db',
    );
    return dir;
  }

  public readonly dir: string;

  constructor(
    template: string,
    public readonly port: number,
  ) {
    this.dir = serverDir('berth-mariadb-');
    must(runAsServerUser('cp', ['-a', path.join(template, 'data'), this.dir]), 'copying the data directory');
  }

  private get socket(): string {
    return path.join(this.dir, 'mysqld.sock');
  }

  public async start(rootPassword: string): Promise<void> {
    this.server = startAsServerUser('mariadbd', [
      '--no-defaults',
      `--datadir=${path.join(this.dir, 'data')}`,
      `--socket=${this.socket}`,
      `--pid-file=${path.join(this.dir, 'mysqld.pid')}`,
      `--port=${this.port}`,
      '--bind-address=127.0.0.1',
      '--skip-name-resolve',
      '--innodb-flush-log-at-trx-commit=0',
      '--skip-log-bin',
    ]);
    await waitFor('mariadbd', () => this.sql('select 1').status === 0, this.server);
    must(this.sql(`alter user 'root'@'127.0.0.1' identified by '${rootPassword}'`), 'root over TCP');
  }

  /** Runs SQL as root over the socket (no password there). */
  public sql(sql: string, database?: string): Run {
    return runAsServerUser('mariadb', [
      '--no-defaults',
      `--socket=${this.socket}`,
      '--user=root',
      '--batch',
      '--skip-column-names',
      ...(database ? [`--database=${database}`] : []),
      '--execute',
      sql,
    ]);
  }

  public async stop(): Promise<void> {
    await stop(this.server, 'SIGKILL');
    removeDirs([this.dir]);
  }
}

/** A Redis server run with Berth's arguments (password, append-only persistence). */
export class RedisServer {
  private server?: ChildProcess;

  constructor(
    public readonly dataDir: string,
    public readonly port: number,
    private readonly password: string,
  ) {}

  public async start(): Promise<void> {
    // Berth's own arguments, with this server's password and directory; on loopback, never saving RDB files.
    const [command, ...berthArgs] = REDIS_ENGINE.args ?? [];
    if (command !== 'redis-server') throw new Error(`Berth's Redis runs ${command}, not redis-server`);
    const args = berthArgs.map((arg) =>
      arg === REDIS_PASSWORD_ARG ? this.password : arg === REDIS_ENGINE.dataPath ? this.dataDir : arg,
    );
    this.server = startAsServerUser(command, [
      ...args,
      '--port',
      String(this.port),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
    ]);
    await waitFor('redis-server', () => this.cli('ping').stdout.trim() === 'PONG', this.server);
  }

  public cli(...args: string[]): Run {
    const result = spawnSync('redis-cli', ['-h', '127.0.0.1', '-p', String(this.port), ...args], {
      encoding: 'utf8',
      env: { PATH: process.env.PATH, REDISCLI_AUTH: this.password },
      timeout: 10_000,
    });
    return { status: result.status, stdout: result.stdout ?? '', stderr: result.stderr ?? '' };
  }

  public async stop(): Promise<void> {
    await stop(this.server, 'SIGKILL');
    removeDirs([this.dataDir]);
  }
}
