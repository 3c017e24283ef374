import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import {
  BackupScript,
  DUMP_SUFFIX,
  dumpScript,
  fetchScript,
  restoreScript,
  storeScript,
} from '../../../constructs/workloads/backing-service-backup-scripts';
import { BackingServiceKind } from '../../../constructs/workloads/backing-service-connection';
import { BackupStoreKey } from '../../../constructs/workloads/backup-store';
import {
  MariaDbServer,
  PostgresServer,
  RedisServer,
  Run,
  chownToServerUser,
  freePort,
  removeDirs,
  postgresBin,
  runAsServerUser,
  serverDir,
} from '../../support/database-servers';
import { isInstalled, withTool } from '../../support/real-tool';

/** `withTool` for several tools: the first missing one decides. */
function withTools(...tools: readonly [command: string, debianPackage: string][]): jest.It {
  const missing = tools.find(([command]) => !isInstalled(command));
  return withTool(...(missing ?? tools[0]));
}

// The real scripts against real servers (Debian's postgresql, mariadb-server, redis-server) and the real
// rclone; the only stand-in is the store: rclone's local backend (a directory) instead of Swift.

const KINDS = Object.values(BackingServiceKind);
const KEY = 'bGV0LXRoZS1kdW1wcy1iZS1lbmNyeXB0ZWQtd2VsbA';
const PASSWORD = 'Pw0rdOfTheTest42';
/** A row and key value that quoting, encoding and binary handling must survive. */
const AWKWARD = `it's "quoted" — ünïcode; DROP TABLE x; $(id) \\ back`;

function writeScript(dir: string, name: BackupScript, content: string): void {
  fs.writeFileSync(path.join(dir, name), content, { mode: 0o555 });
}

/** A scratch pod: the scripts, a work directory, the store's files and key, and a local store. */
const scratch: string[] = [];
afterAll(() => removeDirs(scratch));

class Pod {
  public readonly dir = serverDir('berth-backup-pod-');
  public readonly scripts = path.join(this.dir, 'scripts');
  public readonly work = path.join(this.dir, 'work');
  public readonly storeFiles = path.join(this.dir, 'store-files');
  public readonly store = path.join(this.dir, 'store');
  public readonly keyFile = path.join(this.dir, 'key');

  constructor(
    public readonly kind: BackingServiceKind,
    public readonly service: string,
  ) {
    scratch.push(this.dir);
    for (const dir of [this.scripts, this.work, this.storeFiles, this.store]) fs.mkdirSync(dir);
    writeScript(this.scripts, BackupScript.DUMP, dumpScript(kind));
    writeScript(this.scripts, BackupScript.STORE, storeScript());
    writeScript(this.scripts, BackupScript.FETCH, fetchScript());
    writeScript(this.scripts, BackupScript.RESTORE, restoreScript(kind));
    fs.writeFileSync(path.join(this.storeFiles, BackupStoreKey.TYPE), 'local');
    fs.writeFileSync(path.join(this.storeFiles, BackupStoreKey.CONTAINER), this.store);
    fs.writeFileSync(this.keyFile, `${KEY}\n`);
    chownToServerUser(this.dir);
  }

  /** Runs a script as the server user with exactly `env` (and PATH). */
  public run(script: BackupScript, env: Record<string, string>): Run {
    const vars = {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: this.dir,
      BERTH_BACKUP_WORK_DIR: this.work,
      BERTH_BACKUP_NAME: this.service,
      BERTH_BACKUP_SUFFIX: DUMP_SUFFIX[this.kind],
      BERTH_BACKUP_STORE_DIR: this.storeFiles,
      BERTH_BACKUP_KEY_FILE: this.keyFile,
      ...env,
    };
    return runAsServerUser('env', [
      '-i',
      ...Object.entries(vars).map(([k, v]) => `${k}=${v}`),
      'sh',
      path.join(this.scripts, script),
    ]);
  }

  /** Object names in the store (encrypted: rclone crypt appends `.bin`). */
  public stored(): string[] {
    const dir = path.join(this.store, this.service);
    return fs.existsSync(dir) ? fs.readdirSync(dir).sort() : [];
  }
}

function ok(run: Run): Run {
  if (run.status !== 0) throw new Error(`exit ${run.status}\n${run.stdout}\n${run.stderr}`);
  return run;
}

/** Waits until the clock is in a new second, so that two dumps get different names. */
async function nextSecond(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 1000 - (Date.now() % 1000) + 5));
}

describe('scripts', () => {
  withTool('shellcheck')('are POSIX sh that shellcheck accepts', () => {
    for (const kind of KINDS) {
      for (const [name, content] of [
        ['dump', dumpScript(kind)],
        ['restore', restoreScript(kind)],
        ['store', storeScript()],
        ['fetch', fetchScript()],
      ]) {
        const result = spawnSync('shellcheck', ['--shell=sh', '-'], { input: content, encoding: 'utf8' });
        expect({ kind, name, out: result.stdout }).toEqual({ kind, name, out: '' });
      }
    }
  });

  test('hold no secret and no environment-specific value', () => {
    for (const kind of KINDS) {
      for (const content of [dumpScript(kind), restoreScript(kind), storeScript(), fetchScript()]) {
        expect(content).not.toMatch(/password=[^"$]/i);
        expect(content).toMatch(/^#!\/bin\/sh\n/);
      }
    }
    // Passwords reach the clients through the environment or a 0600 file, never an argument.
    expect(dumpScript(BackingServiceKind.MYSQL)).toContain('--defaults-extra-file="$cnf"');
    expect(dumpScript(BackingServiceKind.MYSQL)).toContain('umask 077');
    expect(dumpScript(BackingServiceKind.REDIS)).not.toContain(' -a ');
  });
});

const RCLONE: [string, string] = ['rclone', 'rclone'];

describe('PostgreSQL: dump, encrypt, store, retention, fetch, restore into a fresh server', () => {
  const servers: PostgresServer[] = [];
  afterAll(async () => {
    for (const server of servers) await server.stop();
  });

  withTools(RCLONE, ['pg_dump', 'postgresql'])('round trip', async () => {
    const bin = postgresBin();
    if (!bin) throw new Error('pg_dump is installed but no server binaries under /usr/lib/postgresql');
    const template = PostgresServer.initTemplate(bin);
    scratch.push(template);
    const source = new PostgresServer(bin, template, await freePort());
    const target = new PostgresServer(bin, template, await freePort());
    servers.push(source, target);
    await source.start();
    source.createDatabase('app', 'app', PASSWORD);
    ok(
      source.psql(
        'app',
        `set role app; create table notes (id int primary key, body text); ` +
          `insert into notes values (1, 'first'), (2, $q$${AWKWARD}$q$); create index notes_body on notes (body);`,
      ),
    );
    const pod = new Pod(BackingServiceKind.POSTGRESQL, 'shop-database');
    const db = {
      BERTH_DB_HOST: '127.0.0.1',
      BERTH_DB_PORT: String(source.port),
      BERTH_DB_NAME: 'app',
      BERTH_DB_USER: 'app',
      BERTH_DB_PASSWORD: PASSWORD,
    };

    // A wrong password fails the dump and leaves nothing behind.
    const refused = pod.run(BackupScript.DUMP, { ...db, BERTH_DB_PASSWORD: 'wrong' });
    expect(refused.status).not.toBe(0);
    expect(fs.readdirSync(pod.work)).toEqual([]);

    ok(pod.run(BackupScript.DUMP, db));
    ok(pod.run(BackupScript.STORE, { BERTH_BACKUP_KEEP: '3' }));
    const [first] = pod.stored();
    expect(first).toMatch(/^shop-database-\d{8}T\d{6}Z\.pgdump\.bin$/);
    // Encrypted at rest: not a PostgreSQL custom dump, and the rows are not readable.
    const sealed = fs.readFileSync(path.join(pod.store, 'shop-database', first));
    expect(sealed.subarray(0, 5).toString()).not.toBe('PGDMP');
    expect(sealed.includes(Buffer.from('first'))).toBe(false);

    // Retention keeps the newest `keep` by the time in their names.
    for (const old of ['shop-database-20200101T000000Z', 'shop-database-20200102T000000Z']) {
      fs.copyFileSync(
        path.join(pod.store, 'shop-database', first),
        path.join(pod.store, 'shop-database', `${old}.pgdump.bin`),
      );
    }
    await nextSecond();
    ok(source.psql('app', `insert into notes values (3, 'third')`));
    ok(pod.run(BackupScript.DUMP, db));
    const stored = ok(pod.run(BackupScript.STORE, { BERTH_BACKUP_KEEP: '2' }));
    expect(stored.stdout).toContain('deleted shop-database-20200101T000000Z.pgdump');
    expect(pod.stored()).toHaveLength(2);
    expect(pod.stored()[0]).toBe(first);

    // The newest is restored into a fresh server (as the official image creates it).
    await target.start();
    target.createDatabase('app', 'app', PASSWORD);
    fs.rmSync(path.join(pod.work, 'dump'));
    const fetched = ok(pod.run(BackupScript.FETCH, {}));
    expect(fetched.stdout).toContain(`fetched ${pod.stored()[1].replace(/\.bin$/, '')}`);
    ok(pod.run(BackupScript.RESTORE, { ...db, BERTH_DB_PORT: String(target.port) }));
    const rows = (server: PostgresServer) =>
      ok(server.psql('app', 'select id, body from notes order by id')).stdout;
    expect(rows(target)).toBe(rows(source));
    expect(rows(target)).toContain(AWKWARD);
    expect(
      ok(target.psql('app', "select tableowner from pg_tables where tablename = 'notes'")).stdout.trim(),
    ).toBe('app');

    // A named older dump can be restored too, over the data (one transaction, cleaned first).
    fs.rmSync(path.join(pod.work, 'dump'));
    ok(pod.run(BackupScript.FETCH, { BERTH_RESTORE_OBJECT: first.replace(/\.bin$/, '') }));
    ok(pod.run(BackupScript.RESTORE, { ...db, BERTH_DB_PORT: String(target.port) }));
    expect(rows(target)).not.toContain('third');
    expect(rows(target)).toContain(AWKWARD);

    // An unknown name, a wrong key and a damaged object are refused.
    expect(pod.run(BackupScript.FETCH, { BERTH_RESTORE_OBJECT: 'shop-database-x.pgdump' }).stderr).toContain(
      'is not a stored dump',
    );
    fs.writeFileSync(pod.keyFile, 'another-key');
    expect(pod.run(BackupScript.FETCH, {}).status).not.toBe(0);
    fs.writeFileSync(pod.keyFile, KEY);
    const newest = path.join(pod.store, 'shop-database', pod.stored()[1]);
    const bytes = fs.readFileSync(newest);
    bytes[bytes.length - 40] ^= 0xff;
    fs.writeFileSync(newest, bytes);
    expect(pod.run(BackupScript.FETCH, {}).status).not.toBe(0);
  });
});

// mariadb-install-db mostly waits: it runs while the PostgreSQL test does.
const mariaDbTemplate = isInstalled('mariadb-install-db') ? MariaDbServer.initTemplate() : undefined;
// A failed initialisation is reported by the test that awaits it.
mariaDbTemplate?.catch(() => undefined);

describe('MariaDB (mysqldump/mysql): dump, store, restore into a fresh server', () => {
  const servers: MariaDbServer[] = [];
  afterAll(async () => {
    for (const server of servers) await server.stop();
  });

  withTools(RCLONE, ['mariadbd', 'mariadb-server'])('round trip', async () => {
    const template = await mariaDbTemplate!;
    scratch.push(template);
    const source = new MariaDbServer(template, await freePort());
    const target = new MariaDbServer(template, await freePort());
    servers.push(source, target);
    await Promise.all([source.start(PASSWORD), target.start(PASSWORD)]);
    ok(source.sql('create database app'));
    ok(
      source.sql(
        `create table notes (id int primary key, body text, picture blob); ` +
          `insert into notes values (1, 'first', x'00ff10'), (2, '${AWKWARD.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}', null); ` +
          `create trigger notes_upper before insert on notes for each row set new.body = upper(new.body);`,
        'app',
      ),
    );
    const pod = new Pod(BackingServiceKind.MYSQL, 'shop-database');
    const db = {
      BERTH_DB_HOST: '127.0.0.1',
      BERTH_DB_PORT: String(source.port),
      BERTH_DB_NAME: 'app',
      BERTH_DB_USER: 'root',
      BERTH_DB_PASSWORD: PASSWORD,
    };
    ok(pod.run(BackupScript.DUMP, db));
    // The option file with the password is gone with the script.
    expect(fs.existsSync('/tmp/berth-backup-client.cnf')).toBe(false);
    ok(pod.run(BackupScript.STORE, { BERTH_BACKUP_KEEP: '7' }));
    expect(pod.stored()).toEqual([expect.stringMatching(/^shop-database-\d{8}T\d{6}Z\.sql\.bin$/)]);
    fs.rmSync(path.join(pod.work, 'dump'));
    ok(pod.run(BackupScript.FETCH, {}));
    ok(pod.run(BackupScript.RESTORE, { ...db, BERTH_DB_PORT: String(target.port) }));
    const rows = (server: MariaDbServer) =>
      ok(server.sql('select id, body, hex(picture) from notes order by id', 'app')).stdout;
    expect(rows(target)).toBe(rows(source));
    expect(ok(target.sql('show triggers', 'app')).stdout).toContain('notes_upper');
  });
});

describe('Redis: dump, store, offline restore into a fresh volume', () => {
  const servers: RedisServer[] = [];
  afterAll(async () => {
    for (const server of servers) await server.stop();
  });

  withTools(RCLONE, ['redis-server', 'redis-server'])('round trip', async () => {
    const source = new RedisServer(serverDir('berth-redis-'), await freePort(), PASSWORD);
    servers.push(source);
    await source.start();
    ok(source.cli('set', 'greeting', AWKWARD));
    ok(source.cli('hset', 'user:1', 'name', 'Ada', 'role', 'admin'));
    ok(source.cli('rpush', 'queue', 'a', 'b', 'c'));
    const pod = new Pod(BackingServiceKind.REDIS, 'jobs-cache');
    const db = {
      BERTH_DB_HOST: '127.0.0.1',
      BERTH_DB_PORT: String(source.port),
      BERTH_DB_PASSWORD: PASSWORD,
    };
    ok(pod.run(BackupScript.DUMP, db));
    ok(pod.run(BackupScript.STORE, { BERTH_BACKUP_KEEP: '7' }));
    fs.rmSync(path.join(pod.work, 'dump'));
    ok(pod.run(BackupScript.FETCH, {}));

    // The restore refuses while the server answers: the volume would be written under it.
    const volume = serverDir('berth-redis-restored-');
    scratch.push(volume);
    const refused = pod.run(BackupScript.RESTORE, { ...db, BERTH_REDIS_DATA_DIR: volume });
    expect(refused.status).not.toBe(0);
    expect(refused.stderr).toContain('scale its StatefulSet to 0 first');

    // Stopped: the dump becomes the append-only files a server with Berth's settings starts from.
    const restoredPort = await freePort();
    ok(
      pod.run(BackupScript.RESTORE, {
        ...db,
        BERTH_DB_PORT: String(restoredPort),
        BERTH_REDIS_DATA_DIR: volume,
      }),
    );
    const restored = new RedisServer(volume, restoredPort, PASSWORD);
    servers.push(restored);
    await restored.start();
    const keys = (server: RedisServer) => ok(server.cli('--scan')).stdout.split('\n').sort();
    expect(keys(restored)).toEqual(keys(source));
    expect(ok(restored.cli('get', 'greeting')).stdout).toBe(`${AWKWARD}\n`);
    expect(ok(restored.cli('lrange', 'queue', '0', '-1')).stdout).toBe('a\nb\nc\n');
    expect(ok(restored.cli('hget', 'user:1', 'role')).stdout).toBe('admin\n');
  });
});
