import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { programSources } from '../support/project-sources';

/**
 * The build of `npm run synth` in a copy of the project: it never runs stale code, rebuilds nothing when
 * nothing changed, and runs nothing when a source is broken. The runs read a missing platform file, so
 * the program stops after its first problem report, printed by a module two imports below the entry point.
 * The copy's node_modules links every installed package but keeps its own build cache (the packages bundle).
 */
const ROOT = path.join(__dirname, '..', '..');
const COPIED = programSources();
const LOADER = path.join('config', 'load-platform.ts');

let dir: string;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-build-'));
  for (const entry of COPIED) fs.cpSync(path.join(ROOT, entry), path.join(dir, entry), { recursive: true });
  fs.mkdirSync(path.join(dir, 'node_modules'));
  for (const name of fs.readdirSync(path.join(ROOT, 'node_modules'))) {
    if (name === '.cache') continue;
    fs.symlinkSync(path.join(ROOT, 'node_modules', name), path.join(dir, 'node_modules', name), 'dir');
  }
  // The packages bundle of this checkout (npm test builds it first) is current for the copy too: its stamp
  // names the same linked files. The tests that need it built again change a package or the tsconfig.
  const packages = path.join('node_modules', '.cache', 'berth', 'packages');
  if (fs.existsSync(path.join(ROOT, packages)))
    fs.cpSync(path.join(ROOT, packages), path.join(dir, packages), { recursive: true });
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Runs of main here always run it (an unchanged synthesis would otherwise be replayed, scripts/run-record.js). */
const ENV = { ...process.env, BERTH_REPLAY: 'off' };

function synth() {
  const args = [path.join('scripts', 'build.js'), '--run', 'main', '--config', 'missing.yaml'];
  return spawnSync(process.execPath, args, { cwd: dir, encoding: 'utf8', env: ENV });
}

/** A build of every program, as `npm run build` runs it. */
function buildAll() {
  return spawnSync(process.execPath, [path.join('scripts', 'build.js')], {
    cwd: dir,
    encoding: 'utf8',
    env: ENV,
  });
}

function edit(file: string, from: string, to: string): void {
  const full = path.join(dir, file);
  const text = fs.readFileSync(full, 'utf8');
  expect(text).toContain(from);
  fs.writeFileSync(full, text.replace(from, to));
}

test("zod's pieces come from the packages bundle, tree-shaken; an edit of them rebuilds that bundle", () => {
  synth();
  const bundle = path.join(dir, 'dist', 'main.js');
  const packages = path.join(dir, 'node_modules', '.cache', 'berth', 'packages', 'packages.js');
  const main = fs.readFileSync(bundle, 'utf8');
  // No source edit bundles zod into main again: main requires the pieces, as it requires other packages.
  expect(main).toContain('require("./config/schema/zod")');
  expect(main).not.toContain('node_modules/zod/');
  expect(main).toContain('require("cdktf")');
  const served = fs.readFileSync(packages, 'utf8');
  expect(served).toContain('get "./config/schema/zod"()');
  expect(served).toContain('node_modules/zod/v4/core/schemas.js');
  expect(served).not.toContain('node_modules/zod/v4/locales/ar.js');
  expect(served).not.toMatch(/^function nullable\(/m);

  const builtAt = fs.statSync(bundle).mtimeMs;
  const packagesAt = fs.statSync(packages).mtimeMs;
  edit(path.join('config', 'schema', 'zod.ts'), '  boolean,\n', '  boolean,\n  nullable,\n');
  expect(synth().stderr).toContain('no such file');
  expect(fs.statSync(packages).mtimeMs).not.toBe(packagesAt);
  expect(fs.readFileSync(packages, 'utf8')).toMatch(/^function nullable\(/m);
  expect(fs.statSync(bundle).mtimeMs).toBe(builtAt);
  edit(path.join('config', 'schema', 'zod.ts'), '  boolean,\n  nullable,\n', '  boolean,\n');
});

test('synth runs what the sources say, rebuilding only when a source changed', () => {
  const first = synth();
  expect(first.status).toBe(2);
  expect(first.stderr).toContain('cannot be read: no such file');
  const bundle = path.join(dir, 'dist', 'main.js');
  const builtAt = fs.statSync(bundle).mtimeMs;

  expect(synth().stderr).toContain('no such file');
  expect(fs.statSync(bundle).mtimeMs).toBe(builtAt);

  edit(LOADER, "'no such file'", "'the file is missing'");
  const changed = synth();
  expect(changed.stderr).toContain('cannot be read: the file is missing');
  expect(changed.stderr).not.toContain('no such file');

  // Changed back to the very same bytes as the first build: runs the first text again.
  edit(LOADER, "'the file is missing'", "'no such file'");
  expect(synth().stderr).toContain('cannot be read: no such file');
});

test('the synthesis itself runs from the bundle', () => {
  const run = spawnSync(process.execPath, [path.join('scripts', 'build.js'), '--run', 'main'], {
    cwd: dir,
    encoding: 'utf8',
    env: ENV,
  });
  expect(run.stderr).toBe('');
  expect(run.stdout).toContain('left for apps');
  expect(fs.existsSync(path.join(dir, 'cdktf.out', 'stacks', 'main-environments', 'cdk.tf.json'))).toBe(true);
});

test('a source written again with the same bytes rebuilds nothing', () => {
  expect(synth().status).toBe(2);
  const bundle = path.join(dir, 'dist', 'main.js');
  const builtAt = fs.statSync(bundle).mtimeMs;
  const loader = path.join(dir, LOADER);
  fs.writeFileSync(loader, fs.readFileSync(loader));
  expect(synth().stderr).toContain('no such file');
  expect(fs.statSync(bundle).mtimeMs).toBe(builtAt);
});

test('the npm packages are bundled apart, rebuilt only when one of their files changed', () => {
  expect(synth().status).toBe(2);
  const packages = path.join(dir, 'node_modules', '.cache', 'berth', 'packages', 'packages.js');
  const bundle = path.join(dir, 'dist', 'main.js');
  const packagesAt = fs.statSync(packages).mtimeMs;
  edit(LOADER, "'no such file'", "'the file is missing'");
  expect(synth().stderr).toContain('the file is missing');
  expect(fs.statSync(packages).mtimeMs).toBe(packagesAt);

  // A package of the copy's own, changed: the packages bundle is rebuilt, the programs are not.
  const yaml = path.join(dir, 'node_modules', 'yaml');
  fs.rmSync(yaml);
  // Copied whole even where the checkout links its packages (a link copied as a link would have the test
  // write into the checkout's own package).
  fs.cpSync(path.join(ROOT, 'node_modules', 'yaml'), yaml, { recursive: true, dereference: true });
  const builtAt = fs.statSync(bundle).mtimeMs;
  const entry = path.join(yaml, 'dist', 'index.js');
  fs.appendFileSync(entry, '\nexports.changedByTheTest = true;\n');
  expect(synth().stderr).toContain('the file is missing');
  expect(fs.statSync(packages).mtimeMs).not.toBe(packagesAt);
  expect(fs.readFileSync(packages, 'utf8')).toContain('changedByTheTest');
  expect(fs.statSync(bundle).mtimeMs).toBe(builtAt);
  edit(LOADER, "'the file is missing'", "'no such file'");
});

test('the generated bindings are bundled with the packages: generated again, they rebuild it, not the programs', () => {
  expect(synth().status).toBe(2);
  const packages = path.join(dir, 'node_modules', '.cache', 'berth', 'packages', 'packages.js');
  const bundle = path.join(dir, 'dist', 'main.js');
  const binding = './.gen/providers/openstack/compute-instance-v2';
  expect(fs.readFileSync(bundle, 'utf8')).toContain(`require("${binding}")`);
  expect(fs.readFileSync(bundle, 'utf8')).not.toContain('class ComputeInstanceV2 ');
  expect(fs.readFileSync(packages, 'utf8')).toContain(`get "${binding}"()`);
  // Each binding imports cdktf as a namespace: one namespace object serves them all.
  expect(fs.readFileSync(packages, 'utf8')).toContain('var __namespaces = [new WeakMap(), new WeakMap()];');

  const builtAt = fs.statSync(bundle).mtimeMs;
  const packagesAt = fs.statSync(packages).mtimeMs;
  const file = path.join(dir, binding, 'index.ts');
  const generated = fs.readFileSync(file);
  fs.appendFileSync(file, "\nconsole.error('the binding as generated again');\n");
  const run = spawnSync(process.execPath, [path.join('scripts', 'build.js'), '--run', 'main'], {
    cwd: dir,
    encoding: 'utf8',
    env: ENV,
  });
  expect(run.status).toBe(0);
  expect(run.stderr).toBe('the binding as generated again\n');
  expect(fs.statSync(packages).mtimeMs).not.toBe(packagesAt);
  expect(fs.statSync(bundle).mtimeMs).toBe(builtAt);
  fs.writeFileSync(file, generated);
});

test('the team apps are a bundle of their own: an edit of an app rebuilds it alone, and runs', () => {
  const full = () =>
    spawnSync(process.execPath, [path.join('scripts', 'build.js'), '--run', 'main'], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...ENV, BERTH_REPLAY: 'on' },
    });
  const main = path.join(dir, 'dist', 'main.js');
  const apps = path.join(dir, 'dist', 'apps', 'teams', 'index.js');
  const manifest = path.join(dir, 'cdktf.out', 'manifests', 'main', 'dev.k8s.yaml');
  expect(full().status).toBe(0);
  // Main holds the app API and loads the apps; the apps hold only themselves and take the API they are given.
  expect(fs.readFileSync(main, 'utf8')).toContain('require("berth:team-apps")');
  expect(fs.readFileSync(main, 'utf8')).toMatch(/\bAppProbe = class\b/);
  expect(fs.readFileSync(main, 'utf8')).not.toContain('team-data/reports');
  expect(fs.readFileSync(apps, 'utf8')).toContain('team-data/reports');
  expect(fs.readFileSync(apps, 'utf8')).toContain('require("berth:app-api")');
  expect(fs.readFileSync(apps, 'utf8')).not.toMatch(/\bAppProbe = class\b/);
  expect(full().status).toBe(0); // replayed
  const mainAt = [fs.statSync(main).mtimeMs, fs.statSync(`${main}.code-cache`).mtimeMs];
  const appsAt = fs.statSync(apps).mtimeMs;

  const app = path.join('apps', 'teams', 'reports.ts');
  edit(app, "image: 'team-data/reports'", "image: 'team-data/reports-edited'");
  const edited = full();
  expect([edited.status, edited.stderr]).toEqual([0, '']);
  expect(fs.readFileSync(manifest, 'utf8')).toContain('team-data/reports-edited');
  expect([fs.statSync(main).mtimeMs, fs.statSync(`${main}.code-cache`).mtimeMs]).toEqual(mainAt);
  expect(fs.statSync(apps).mtimeMs).not.toBe(appsAt);
  expect(fs.existsSync(`${apps}.code-cache`)).toBe(true);
  // The next run is replayed: neither the apps' code cache that run left nor the manifest it wrote over
  // (having read its earlier bytes) is a change.
  const stack = path.join(dir, 'cdktf.out', 'stacks', 'main-infra', 'cdk.tf.json');
  const stackAt = fs.statSync(stack).mtimeMs;
  expect(full().stdout).toBe(edited.stdout);
  expect(fs.statSync(stack).mtimeMs).toBe(stackAt);

  edit(app, "image: 'team-data/reports-edited'", "image: 'team-data/reports'");
  expect(full().status).toBe(0);
  expect(fs.readFileSync(manifest, 'utf8')).not.toContain('team-data/reports-edited');
});

test("Node running a program's bundle itself runs it as --run does, with the packages and the team apps", () => {
  expect(synth().status).toBe(2); // built
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-direct-'));
  const run = spawnSync(process.execPath, [path.join('dist', 'main.js')], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...ENV, CDKTF_OUTDIR: out },
  });
  expect([run.status, run.stderr]).toEqual([0, '']);
  expect(run.stdout).toContain('Synthesized 4 stacks');
  expect(fs.readFileSync(path.join(out, 'manifests', 'main', 'dev.k8s.yaml'), 'utf8')).toContain(
    'team-data/reports',
  );
  fs.rmSync(out, { recursive: true, force: true });
});

test('an app importing a file of Berth past the app API builds nothing and says how to fix it', () => {
  const app = path.join('apps', 'teams', 'reports.ts');
  edit(
    app,
    "from '..';",
    "from '..';\nimport { SIZE } from '../../constructs/workloads/app-size';\nvoid SIZE;",
  );
  for (const run of [synth(), buildAll()]) {
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(
      "apps/teams/reports.ts imports constructs/workloads/app-size: a team app imports Berth only through the app API, from '..' (apps/index.ts); export what it needs there",
    );
    expect(run.stderr).not.toContain('no such file');
    expect(fs.existsSync(path.join(dir, 'dist', 'apps', 'teams', 'index.js'))).toBe(false);
  }
  edit(app, "\nimport { SIZE } from '../../constructs/workloads/app-size';\nvoid SIZE;", '');
  expect(synth().stderr).toContain('no such file');
});

test('a build reads again only the sources whose stat identity changed since the last one', () => {
  expect(synth().status).toBe(2);
  const stampFile = path.join(dir, 'dist', 'main.js.build-stamp');
  const stamp = JSON.parse(fs.readFileSync(stampFile, 'utf8')) as {
    inputs: Record<string, [string, string]>;
  };
  // A hash no file has, kept beside the file's identity: the next build takes it as it is.
  // Stamps name files as esbuild does, by their path from the root with forward slashes.
  const untouched = 'constructs/addons/core/footprint.ts';
  stamp.inputs[untouched][0] = 'a hash this test wrote';
  fs.writeFileSync(stampFile, JSON.stringify(stamp));
  edit(LOADER, "'no such file'", "'the file is missing'");
  expect(synth().stderr).toContain('the file is missing');
  const rebuilt = JSON.parse(fs.readFileSync(stampFile, 'utf8')) as typeof stamp;
  expect(rebuilt.inputs[untouched][0]).toBe('a hash this test wrote');
  expect(rebuilt.inputs['config/load-platform.ts'][0]).not.toBe(stamp.inputs['config/load-platform.ts'][0]);

  // Touched, it is read again.
  const file = path.join(dir, untouched);
  fs.writeFileSync(file, fs.readFileSync(file));
  edit(LOADER, "'the file is missing'", "'no such file'");
  expect(synth().stderr).toContain('no such file');
  const again = JSON.parse(fs.readFileSync(stampFile, 'utf8')) as typeof stamp;
  expect(again.inputs[untouched][0]).toMatch(/^[0-9a-f]{64}$/);
});

test('--run builds only the program it runs; a build of everything builds the others', () => {
  const other = path.join(dir, 'dist', 'scripts', 'report.js');
  const otherAt = fs.statSync(other).mtimeMs;
  edit(LOADER, "'no such file'", "'the file is not there'");
  expect(synth().stderr).toContain('the file is not there');
  expect(fs.statSync(other).mtimeMs).toBe(otherAt);
  expect(fs.readFileSync(other, 'utf8')).not.toContain('the file is not there');

  expect(buildAll().stdout).toMatch(/^built dist\/ in \d+ ms/);
  expect(fs.readFileSync(other, 'utf8')).toContain('the file is not there');
  edit(LOADER, "'the file is not there'", "'no such file'");
});

test('a program importing a package the packages bundle lacks gets a bundle with it', () => {
  expect(synth().status).toBe(2);
  const packages = path.join(dir, 'node_modules', '.cache', 'berth', 'packages', 'packages.js');
  edit('main.ts', "import * as path from 'path';", "import * as path from 'path';\nimport 'ajv';");
  expect(synth().stderr).toContain('no such file');
  expect(fs.readFileSync(packages, 'utf8')).toContain('get "ajv"()');

  // A bundle serving more than the programs import still serves them.
  edit('main.ts', "\nimport 'ajv';", '');
  const servingAt = fs.statSync(packages).mtimeMs;
  expect(synth().stderr).toContain('no such file');
  expect(buildAll().status).toBe(0);
  expect(fs.statSync(packages).mtimeMs).toBe(servingAt);
});

test('an import of a package package.json does not declare builds nothing and names the importer', () => {
  edit('main.ts', "import * as path from 'path';", "import * as path from 'path';\nimport 'ms';");
  for (const run of [synth(), buildAll()]) {
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(
      'error: main.ts imports ms, which package.json does not declare: add it to its dependencies (npm install ms)',
    );
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(fs.existsSync(path.join(dir, 'dist', 'main.js'))).toBe(false);
  }
  edit('main.ts', "\nimport 'ms';", '');
  expect(synth().stderr).toContain('no such file');
});

test("an import of zod outside the schema library's module builds nothing and names where to take it from", () => {
  edit(
    LOADER,
    "import * as fs from 'fs';",
    "import * as fs from 'fs';\nimport { string } from 'zod/mini';\nvoid string;",
  );
  for (const run of [synth(), buildAll()]) {
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(
      'config/load-platform.ts imports zod/mini: a program takes zod from config/schema/zod.ts only (served apart from its bundle); import from there, and add a missing piece to it',
    );
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(fs.existsSync(path.join(dir, 'dist', 'main.js'))).toBe(false);
  }
  edit(LOADER, "\nimport { string } from 'zod/mini';\nvoid string;", '');
  expect(synth().stderr).toContain('no such file');
});

test("cdktf's tokens carry the stack trace of their creation only with BERTH_DEBUG", () => {
  expect(synth().status).toBe(2);
  const packages = path.join(dir, 'node_modules', '.cache', 'berth', 'packages', 'packages.js');
  const program = `console.log(require(${JSON.stringify(packages)}).cdktf.Token.asAny(1).creationStack.length)`;
  const traced = (env: NodeJS.ProcessEnv) =>
    Number(spawnSync(process.execPath, ['-e', program], { encoding: 'utf8', env }).stdout);
  expect(traced({ PATH: process.env.PATH })).toBe(0);
  expect(traced({ PATH: process.env.PATH, BERTH_DEBUG: '1' })).toBeGreaterThan(0);
});

test("cdk8s-plus-33's k8s loads on its own; the package's other exports still load on first use", () => {
  expect(synth().status).toBe(2);
  const packages = path.join(dir, 'node_modules', '.cache', 'berth', 'packages', 'packages.js');
  const program = `
    const plus = require(${JSON.stringify(packages)})['cdk8s-plus-33'];
    const kube = plus.k8s.KubeDeployment;
    const keys = Object.keys(plus);
    console.log(JSON.stringify({
      kube: typeof kube,
      same: plus.k8s === plus.k8s && Object.getOwnPropertyDescriptor(plus, 'k8s').value === plus.k8s,
      keys: ['k8s', 'Deployment', 'ConfigMap'].every((key) => keys.includes(key) && key in plus),
      deployment: typeof plus.Deployment,
    }));`;
  const run = spawnSync(process.execPath, ['-e', program], { encoding: 'utf8' });
  expect(JSON.parse(run.stdout)).toEqual({
    kube: 'function',
    same: true,
    keys: true,
    deployment: 'function',
  });
});

test('compiled code is kept for the next run, and never used for a changed bundle', () => {
  const full = () =>
    spawnSync(process.execPath, [path.join('scripts', 'build.js'), '--run', 'main'], { cwd: dir, env: ENV });
  const bundle = path.join(dir, 'dist', 'main.js');
  const cache = `${bundle}.code-cache`;
  fs.rmSync(cache, { force: true });
  expect(synth().status).toBe(2);
  expect(fs.existsSync(cache)).toBe(false); // only a successful run leaves its code
  expect(full().status).toBe(0);
  const madeAt = fs.statSync(cache).mtimeMs;
  expect(full().status).toBe(0);
  expect(fs.statSync(cache).mtimeMs).toBe(madeAt); // accepted as it was

  // The bundle changed in place, same length, in code the cached run compiled: the new text runs.
  const text = fs.readFileSync(bundle, 'utf8');
  expect(text).toContain('Synthesized ${');
  fs.writeFileSync(bundle, text.replace('Synthesized ${', 'SYNTHESIZED ${'));
  expect(full().stdout.toString()).toContain('SYNTHESIZED 4 stacks');

  // A cache V8 cannot use (made for this very bundle, but damaged) is replaced by the next successful run.
  fs.writeFileSync(bundle, text);
  expect(full().status).toBe(0);
  const made = fs.readFileSync(cache);
  const header = made.subarray(0, made.indexOf(10) + 1);
  fs.writeFileSync(cache, Buffer.concat([header, Buffer.from('not compiled code')]));
  expect(full().status).toBe(0);
  expect(fs.statSync(cache).size).toBeGreaterThan(made.length / 2);
});

test('each program keeps its own compiled code of the packages bundle, whichever ran first', () => {
  const run = (...args: string[]) =>
    spawnSync(process.execPath, [path.join('scripts', 'build.js'), '--run', ...args], { cwd: dir, env: ENV });
  const packagesDir = path.join(dir, 'node_modules', '.cache', 'berth', 'packages');
  const caches = () =>
    fs
      .readdirSync(packagesDir)
      .filter((f) => f.endsWith('.code-cache'))
      .sort();
  for (const file of caches()) fs.rmSync(path.join(packagesDir, file));

  // A program that touches no cdktf: it checks the copy's platform schema file, as committed.
  fs.cpSync(path.join(ROOT, 'schema'), path.join(dir, 'schema'), { recursive: true });
  expect(run('scripts/schema', '--check').status).toBe(0);
  expect(caches()).toEqual(['packages.js.scripts-schema.code-cache']);
  const schemaCache = path.join(packagesDir, 'packages.js.scripts-schema.code-cache');
  const schemaAt = fs.statSync(schemaCache).mtimeMs;
  expect(run('main').status).toBe(0);
  expect(caches()).toEqual(['packages.js.main.code-cache', 'packages.js.scripts-schema.code-cache']);
  expect(fs.statSync(schemaCache).mtimeMs).toBe(schemaAt);
  // The synthesis compiled much of cdktf and the bindings, which checking the schema never touches.
  const mainCache = path.join(packagesDir, 'packages.js.main.code-cache');
  expect(fs.statSync(mainCache).size).toBeGreaterThan(2 * fs.statSync(schemaCache).size);
});

test('a code cache that cannot be written never fails the run and leaves nothing behind', () => {
  const full = () =>
    spawnSync(process.execPath, [path.join('scripts', 'build.js'), '--run', 'main'], {
      cwd: dir,
      env: ENV,
      encoding: 'utf8',
    });
  const cache = path.join(dir, 'dist', 'main.js.code-cache');
  expect(full().status).toBe(0); // built and current
  fs.rmSync(cache, { force: true });
  fs.mkdirSync(cache); // neither readable as a cache nor replaceable by one
  const run = full();
  expect([run.status, run.stderr]).toEqual([0, '']);
  expect(fs.readdirSync(path.join(dir, 'dist')).filter((f) => f.startsWith('main.js.code-cache.'))).toEqual(
    [],
  );
  fs.rmdirSync(cache);
  expect(full().status).toBe(0);
  expect(fs.statSync(cache).isFile()).toBe(true);
});

test('bundles are built pure ASCII; a bundle with other characters still runs as UTF-8', () => {
  edit(LOADER, "'no such file'", "'no such file \u2018here\u2019'");
  expect(synth().stderr).toContain('no such file \u2018here\u2019');
  const bundle = path.join(dir, 'dist', 'main.js');
  const packages = path.join(dir, 'node_modules', '.cache', 'berth', 'packages', 'packages.js');
  for (const file of [bundle, packages])
    expect(fs.readFileSync(file).every((byte) => byte < 0x80)).toBe(true);

  const text = fs.readFileSync(bundle, 'utf8');
  fs.writeFileSync(bundle, text.replace('cannot be read: ${', 'cannot be r\u00e9ad: ${'));
  expect(synth().stderr).toContain('cannot be r\u00e9ad: no such file \u2018here\u2019');
  edit(LOADER, "'no such file \u2018here\u2019'", "'no such file'");
});

test('a changed tsconfig rebuilds', () => {
  expect(synth().status).toBe(2);
  const bundle = path.join(dir, 'dist', 'main.js');
  const builtAt = fs.statSync(bundle).mtimeMs;
  edit('tsconfig.json', '"strict": true', '"strict": true ');
  expect(synth().status).toBe(2);
  expect(fs.statSync(bundle).mtimeMs).not.toBe(builtAt);
});

test('a broken or missing source runs nothing and writes no output', () => {
  const out = path.join(dir, 'cdktf.out');
  const footprint = path.join('constructs', 'addons', 'core', 'footprint.ts');
  edit(footprint, 'export function formatFootprint', 'export function formatFootprint(((');
  fs.rmSync(out, { recursive: true, force: true });
  const broken = synth();
  expect(broken.status).toBe(1);
  expect(broken.stderr).toContain('footprint.ts');
  expect(broken.stderr).not.toContain('no such file');
  edit(footprint, 'export function formatFootprint(((', 'export function formatFootprint');

  fs.rmSync(path.join(dir, footprint));
  const missing = synth();
  expect(missing.status).toBe(1);
  expect(missing.stderr).toContain('footprint');
  expect(fs.existsSync(out)).toBe(false);
  expect(fs.existsSync(path.join(dir, 'dist', 'main.js'))).toBe(false);
});

test('--run accepts only the programs dist/ holds', () => {
  const run = spawnSync(process.execPath, [path.join('scripts', 'build.js'), '--run', 'nothing'], {
    cwd: dir,
    encoding: 'utf8',
  });
  expect(run.status).toBe(2);
  expect(run.stderr).toContain('main, scripts/bench, scripts/bench-synth');
});
