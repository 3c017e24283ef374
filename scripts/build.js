#!/usr/bin/env node
/**
 * The build of `npm run synth`, `npm run bench` and the cdktf CLI, without type-checking (`npm test`
 * type-checks with tsc). esbuild bundles:
 * - each TypeScript entry point into `dist/` (our code), npm packages and generated bindings left out;
 * - the npm packages and the generated OpenStack bindings (`.gen/`) those bundles import, all in one
 *   file, `node_modules/.cache/berth/packages/packages.js`, rebuilt only when one of its files or the set
 *   of imported packages changes.
 * Two files load faster than hundreds (no module resolution), and V8 keeps their compiled code between
 * runs (scripts/run-bundle.js). The team apps are a bundle of their own (scripts/team-apps.js).
 *
 * Never stale: a stamp beside each bundle records, for every file it was built from (esbuild's own list of
 * what it read), its SHA-256 and its stat identity (inode, size, mtime, ctime), with the hash of the
 * tsconfig, of the build's scripts and of the esbuild version (scripts/build-stamps.js). When anything
 * differs, the bundle is rebuilt whole; when nothing does, nothing is written. Bundling resolves every
 * import at build time, so a module whose source was deleted can never be loaded. `--run` builds only the
 * program it runs (after a source edit, bundling all of them took three times as long); the others are
 * built when they run, or by a build of everything.
 *
 *   node scripts/build.js                    build every program when stale
 *   node scripts/build.js --run ENTRY ARGS   build dist/ENTRY.js when stale, then run it in this process
 */
'use strict';
const fs = require('fs');
const Module = require('module');
const path = require('path');
const {
  ROOT,
  DIST,
  PACKAGES_DIR,
  PACKAGES,
  PACKAGES_STAMP,
  STAMP_SUFFIX,
  programFile,
} = require('./build-layout');
const stamps = require('./build-stamps');
const { escapeNonAscii, shareNamespaces, wrapAsFunction } = require('./bundle-text');
const { PACKAGES_PLUGINS, packagesEntry } = require('./packages-bundle');
const { exitWhenDone, runBundle } = require('./run-bundle');
const teamApps = require('./team-apps');

const { sha256, read, statIdentity, checkedIdentities, readStamp, inputsUnchanged, recordInputs } = stamps;
/**
 * The build's own scripts, and how it runs a bundle: a change of any of them builds every bundle again
 * (and so changes the key of a run's record for replay).
 */
const BUILD_SCRIPTS = [
  __filename,
  './build-layout',
  './build-stamps',
  './bundle-text',
  './packages-bundle',
  './run-bundle',
  './team-apps',
].map((script) => require.resolve(script));

/** The programs `dist/` holds, without their `.ts`. */
const ENTRY_POINTS = [
  'main',
  'scripts/bench',
  'scripts/bench-synth',
  'scripts/diff',
  'scripts/report',
  'scripts/pin-images',
  'scripts/pod-records',
  'scripts/schema',
];

/** Inputs of every build besides the bundled sources. */
const CONFIG_FILES = ['tsconfig.json'];

/** What every build depends on whatever it bundles: esbuild, the build's scripts and the tsconfig. */
function toolHash() {
  const parts = [`esbuild ${require('esbuild/package.json').version}`];
  for (const script of BUILD_SCRIPTS) parts.push(fs.readFileSync(script, 'utf8'));
  for (const file of CONFIG_FILES) parts.push(file, String(read(file)));
  return sha256(parts.join('\0'));
}

/** Rewrites each bundle a build wrote through `edits` (its text and path to its text). */
function rewriteOutputs(result, ...edits) {
  for (const file of Object.keys(result.metafile.outputs)) {
    const text = fs.readFileSync(path.resolve(ROOT, file), 'utf8');
    const edited = edits.reduce((current, edit) => edit(current, path.resolve(ROOT, file)), text);
    if (edited !== text) fs.writeFileSync(path.resolve(ROOT, file), edited);
  }
}

/** A program's stamp, as its last build wrote it; `undefined` when it has none. */
function programStamp(entry) {
  return readStamp(programFile(entry) + STAMP_SUFFIX);
}

/** Whether a program's bundle (stamped `stamp`) was built from exactly the files it would be built from now. */
function programCurrent(entry, stamp, tool, identityOf) {
  return inputsUnchanged(stamp, tool, identityOf) && fs.existsSync(programFile(entry));
}

/**
 * Whether the packages bundle was built from the files it would be built from now and serves `packages`
 * (and maybe more: a package no program imports any longer keeps its getter until the bundle is rebuilt,
 * which any change of node_modules does).
 */
function packagesCurrent(stamp, packages, tool) {
  return (
    inputsUnchanged(stamp, tool) &&
    packages.every((name) => stamp.packages.includes(name)) &&
    fs.existsSync(PACKAGES)
  );
}

/** The npm packages the programs of `stamps` import, sorted. */
function packagesOf(stamps) {
  return [...new Set(stamps.flatMap((stamp) => stamp.packages))].sort();
}

const COMMON = {
  absWorkingDir: ROOT,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  metafile: true,
  logLevel: 'error',
};

/** Builds `dist/` whole; returns its stamp, which names the npm packages the programs import. */
/**
 * The schema library's pieces (`config/schema/zod.ts`, the one module that imports zod: it names what the
 * config uses of it), served from the packages bundle under its path from the root, as the generated
 * bindings are. Bundled from that file, zod tree-shakes to those pieces (its CommonJS build would evaluate
 * all of zod and its locales, ~30 ms); kept out of main, an edit of a source neither bundles zod's ESM
 * modules again (~50 ms of esbuild) nor compiles them again without code cache
 * (docs/decisions/0030-config-schema-zod.md, addendum).
 */
const SCHEMA_LIBRARY = 'config/schema/zod';

/** npm packages a program reaches only through its module served from the packages bundle. */
const PACKAGES_APART = { zod: SCHEMA_LIBRARY };

/**
 * The imports esbuild leaves to the packages bundle: every package package.json declares but those
 * reached apart, with its subpaths. A list rather than a resolve callback, which esbuild called back into Node
 * for at each of the programs' imports: 60 ms of a 250 ms rebuild of main. package.json decides nothing
 * else of a bundle: an import it does not declare fails the build (undeclaredPackages).
 */
function externalPackages() {
  const { dependencies = {}, devDependencies = {} } = JSON.parse(
    fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'),
  );
  return Object.keys({ ...dependencies, ...devDependencies })
    .filter((name) => !Object.prototype.hasOwnProperty.call(PACKAGES_APART, name))
    .flatMap((name) => [name, `${name}/*`]);
}

/**
 * The npm packages a build put into a program without being asked to: those package.json does not
 * declare (an import of one would otherwise work until the package left node_modules), by their importers.
 */
function undeclaredPackages(metafile) {
  const packageOf = (file) => /(?:^|[\\/])node_modules[\\/]((?:@[^\\/]+[\\/])?[^\\/]+)/.exec(file)?.[1];
  const found = new Map();
  for (const [file, input] of Object.entries(metafile.inputs)) {
    if (packageOf(file) !== undefined) continue;
    for (const imported of input.imports) {
      const name = packageOf(imported.path);
      if (name === undefined || imported.external) continue;
      found.set(name, [...(found.get(name) ?? []), file]);
    }
  }
  return found;
}

/**
 * Removes what an earlier build left of a program: its bundle, code cache, stamp and run record. Nothing of
 * it survives a build (no module of a deleted source file can be loaded).
 */
function removeProgram(entry) {
  const dir = path.dirname(programFile(entry));
  const prefix = `${path.basename(entry)}.`;
  for (const name of fs.existsSync(dir) ? fs.readdirSync(dir) : []) {
    if (name.startsWith(prefix)) fs.rmSync(path.join(dir, name), { force: true });
  }
}

/**
 * The OpenStack bindings generated into `.gen/` (by `npm install`, from providers/openstack.schema.json)
 * change only when generated again, as a package changes only when installed again: like the packages,
 * they go into the packages bundle, each served under its path from the project's root
 * (`./.gen/providers/openstack/compute-instance-v2`), and stay out of the programs' bundles. They were two
 * fifths of main's bundle, built again (and compiled again, without code cache) after every edit of a
 * source (docs/decisions/0022-synth-bundles-and-code-cache.md, second addendum).
 */
const BINDINGS = '.gen';

/**
 * The name a program's import of a module served from the packages bundle takes (a generated binding, the
 * schema library): its path from the root, `./` first; `undefined` for any other import.
 */
function apartName(resolveDir, imported) {
  if (!/^\.\.?[\\/]/.test(imported)) return undefined;
  const file = path.relative(ROOT, path.resolve(resolveDir, imported)).split(path.sep).join('/');
  return file.startsWith(`${BINDINGS}/`) || file === SCHEMA_LIBRARY ? `./${file}` : undefined;
}

/** Whether an import names a module served from the packages bundle, as {@link apartName} names it. */
function isApartName(name) {
  return name.startsWith(`./${BINDINGS}/`) || name === `./${SCHEMA_LIBRARY}`;
}

const modulesApart = {
  name: 'modules-apart',
  setup(build) {
    // Relative imports naming a binding or the schema library; apartName decides.
    const named = new RegExp(`(?:^|[\\\\/])(?:\\${BINDINGS}[\\\\/]|${path.posix.basename(SCHEMA_LIBRARY)}$)`);
    build.onResolve({ filter: named }, (args) => {
      const name = apartName(args.resolveDir, args.path);
      return name === undefined ? undefined : { path: name, external: true };
    });
    const reachedApart = new RegExp(`^(?:${Object.keys(PACKAGES_APART).join('|')})(?:/|$)`);
    build.onResolve({ filter: reachedApart }, (args) => {
      const name = args.path.split('/')[0];
      const importer = path.relative(ROOT, args.importer).split(path.sep).join('/');
      const text = `${importer} imports ${args.path}: a program takes ${name} from ${PACKAGES_APART[name]}.ts only (served apart from its bundle); import from there, and add a missing piece to it`;
      return { errors: [{ text }] };
    });
  },
};

/**
 * The files a program was built from: those its entry reaches through the imports esbuild followed (one
 * build bundles several programs), the npm packages among its imports, and whether it loads the team apps.
 */
function programInputs(metafile, entry) {
  const files = new Set();
  const packages = new Set();
  const visit = (file) => {
    if (files.has(file)) return;
    files.add(file);
    for (const imported of metafile.inputs[file].imports) {
      if (!imported.external) visit(imported.path);
      // Other relative paths marked external are imports of types only, which the bundle drops.
      else if (isApartName(imported.path)) packages.add(imported.path);
      else if (
        !/^[./]/.test(imported.path) &&
        !Module.isBuiltin(imported.path) &&
        !teamApps.isBundleId(imported.path)
      )
        packages.add(imported.path);
    }
  };
  visit(`${entry}.ts`);
  return { files, packages: [...packages].sort(), loadsTeamApps: teamApps.loadsTeamApps(files) };
}

/**
 * What a program's bundle requires to run itself when Node runs it as its main module (`node dist/main.js`):
 * scripts/run-bundle.js, by its path from the bundle. The team apps' bundle is no program.
 */
function programRunner(file) {
  if (file === programFile(teamApps.TEAM_APPS)) return undefined;
  const runner = path.relative(path.dirname(file), require.resolve('./run-bundle')).split(path.sep).join('/');
  return runner.startsWith('.') ? runner : `./${runner}`;
}

/** The plugins of a program's build, and of the team apps' (scripts/team-apps.js). */
const PROGRAM_PLUGINS = [modulesApart, teamApps.teamAppsApart(ROOT)];
const TEAM_APPS_PLUGINS = [teamApps.appApiApart(ROOT)];

/**
 * Builds the given programs (every program: `dist/` whole), or the team apps, with `plugins`; returns the
 * stamp of each, as written.
 */
async function buildPrograms(entries, tool, plugins) {
  const earlier = Object.assign({}, ...entries.map((entry) => programStamp(entry)?.inputs));
  if (entries.length === ENTRY_POINTS.length) fs.rmSync(DIST, { recursive: true, force: true });
  else for (const entry of entries) removeProgram(entry);
  const result = await require('esbuild').build({
    ...COMMON,
    entryPoints: entries.map((entry) => `${entry}.ts`),
    outbase: '.',
    outdir: 'dist',
    tsconfig: 'tsconfig.json',
    external: externalPackages(),
    plugins,
  });
  const undeclared = undeclaredPackages(result.metafile);
  if (undeclared.size > 0) {
    for (const entry of entries) removeProgram(entry);
    const errors = [...undeclared].map(
      ([name, importers]) =>
        `${importers.join(', ')} import${importers.length === 1 ? 's' : ''} ${name}, which package.json does not declare: add it to its dependencies (npm install ${name})`,
    );
    for (const error of errors) console.error(`error: ${error}`);
    throw Object.assign(new Error(errors.join('\n')), { errors });
  }
  rewriteOutputs(result, escapeNonAscii, shareNamespaces, (text, file) =>
    wrapAsFunction(text, programRunner(file)),
  );
  return entries.map((entry) => {
    const { files, packages, loadsTeamApps } = programInputs(result.metafile, entry);
    const stamp = { tool, packages, loadsTeamApps, inputs: recordInputs(files, earlier) };
    fs.writeFileSync(programFile(entry) + STAMP_SUFFIX, JSON.stringify(stamp, null, 1));
    return stamp;
  });
}

/**
 * Builds the packages bundle: one getter per package the programs import, each loading its package (and
 * what that package imports) from inside the bundle on first use.
 */
async function buildPackages(packages, tool) {
  fs.rmSync(PACKAGES_DIR, { recursive: true, force: true });
  const result = await require('esbuild').build({
    ...COMMON,
    stdin: { contents: packagesEntry(packages), resolveDir: ROOT, loader: 'js' },
    outfile: PACKAGES,
    // Files are named by the path they were found by: a package whose link is replaced is a changed input.
    preserveSymlinks: true,
    banner: { js: 'var __packagesDir = __dirname;' },
    plugins: PACKAGES_PLUGINS,
  });
  rewriteOutputs(result, escapeNonAscii, shareNamespaces, wrapAsFunction);
  fs.writeFileSync(
    PACKAGES_STAMP,
    JSON.stringify({ tool, packages, inputs: recordInputs(Object.keys(result.metafile.inputs)) }, null, 1),
  );
}

/**
 * Builds what the given programs (by default every one) need when stale: their bundles, and the packages
 * bundle when it does not serve them all. The packages bundle serves every program: when it is rebuilt,
 * every stale program is built first, and it is made from what all of them import. Returns whether it
 * built anything.
 */
async function build(entries = ENTRY_POINTS) {
  const tool = toolHash();
  /** The stamp of each bundle, by entry: the programs asked for first, then (if needed) the others. */
  const stamps = new Map();
  const buildStale = async (wanted, plugins) => {
    const identityOf = checkedIdentities();
    for (const entry of wanted) stamps.set(entry, programStamp(entry));
    const stale = wanted.filter((entry) => !programCurrent(entry, stamps.get(entry), tool, identityOf));
    if (stale.length > 0)
      (await buildPrograms(stale, tool, plugins)).forEach((s, i) => stamps.set(stale[i], s));
    return stale.length > 0;
  };
  /** The programs when stale, then the team apps' bundle when one of them loads it and it is stale. */
  const buildWithTeamApps = async (programs) => {
    const built = await buildStale(programs, PROGRAM_PLUGINS);
    if (!programs.some((entry) => stamps.get(entry).loadsTeamApps)) return built;
    return (await buildStale([teamApps.TEAM_APPS], TEAM_APPS_PLUGINS)) || built;
  };
  const built = await buildWithTeamApps(entries);
  if (packagesCurrent(readStamp(PACKAGES_STAMP), packagesOf([...stamps.values()]), tool)) return built;
  await buildWithTeamApps(ENTRY_POINTS.filter((entry) => !entries.includes(entry)));
  await buildPackages(packagesOf([...stamps.values()]), tool);
  return true;
}

/**
 * What a synthesis depends on besides what it reads while it runs: the program (the bundles' identities),
 * its arguments, where and how it runs.
 */
function runKey(program, args) {
  return {
    bundles: [
      statIdentity(program),
      statIdentity(PACKAGES),
      statIdentity(programFile(teamApps.TEAM_APPS)),
      sha256(fs.readFileSync(require.resolve('./run-record'))),
    ],
    args,
    cwd: process.cwd(),
    node: [process.version, process.platform, process.arch, ...process.execArgv],
    terminals: [Boolean(process.stdout.isTTY), Boolean(process.stderr.isTTY)],
  };
}

/**
 * What `building` resolves to; `undefined`, with exit code 1, when the build failed with errors already
 * printed (esbuild's, or those of undeclared packages).
 */
async function buildOrFail(building) {
  try {
    return await building;
  } catch (err) {
    if (!Array.isArray(err.errors)) throw err;
    process.exitCode = 1;
    return undefined;
  }
}

async function main(argv) {
  const run = argv.indexOf('--run');
  if (run < 0) {
    const started = Date.now();
    const built = await buildOrFail(build());
    if (built !== undefined)
      console.log(built ? `built dist/ in ${Date.now() - started} ms` : 'dist/ is up to date');
    return;
  }
  const entry = argv[run + 1];
  if (!ENTRY_POINTS.includes(entry)) {
    console.error(`--run needs one of: ${ENTRY_POINTS.join(', ')}`);
    process.exitCode = 2;
    return;
  }
  // Nothing runs on a failed build.
  if ((await buildOrFail(build([entry]))) === undefined) return;
  exitWhenDone();
  const program = programFile(entry);
  const args = argv.slice(run + 2);
  let recorder;
  if (entry === 'main' && process.env.BERTH_REPLAY !== 'off') {
    // A synthesis whose inputs and outputs are all as the last one left them prints what it printed.
    const runRecord = require('./run-record');
    const file = path.join(DIST, 'main.run-record.json');
    const key = runKey(program, args);
    if (runRecord.replay(file, key)) return;
    recorder = runRecord.start(file, key);
  }
  process.argv = [process.argv[0], program, ...args];
  runBundle(program, recorder);
}

if (require.main === module) void main(process.argv.slice(2));
