#!/usr/bin/env node
/**
 * The build of `npm run synth`, `npm run bench` and the cdktf CLI: transpiles the TypeScript entry points
 * into `dist/` with esbuild, one bundle per entry point (our code and the generated bindings inside,
 * npm packages loaded from node_modules), without type-checking; `npm test` type-checks with tsc.
 *
 * Never stale: a stamp in `dist/` records the SHA-256 of every file the bundles were built from (esbuild's
 * own list of what it read), of the tsconfig, of this script and of the esbuild version. When any of them
 * differs, `dist/` is rebuilt whole; when none does, nothing is written. Bundling resolves every import at
 * build time, so a module whose source was deleted can never be loaded.
 *
 *   node scripts/build.js                    build when stale
 *   node scripts/build.js --run ENTRY ARGS   build when stale, then run dist/ENTRY.js in this process
 */
'use strict';
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
const DIST = path.join(ROOT, 'dist');
const STAMP = path.join(DIST, '.build-stamp');
/** The programs `dist/` holds, without their `.ts`. */
const ENTRY_POINTS = ['main', 'scripts/bench', 'scripts/bench-synth', 'scripts/diff', 'scripts/report'];
/** Inputs of every build besides the bundled sources. */
const CONFIG_FILES = ['tsconfig.json'];

function sha256(data) {
  return crypto.createHash('sha256').update(data).digest('hex');
}

function read(file) {
  try {
    return fs.readFileSync(path.join(ROOT, file));
  } catch (err) {
    if (err.code === 'ENOENT') return undefined;
    throw err;
  }
}

/** What every build depends on whatever it bundles: esbuild, this script and the tsconfig. */
function toolHash() {
  const parts = [`esbuild ${require('esbuild/package.json').version}`, fs.readFileSync(__filename, 'utf8')];
  for (const file of CONFIG_FILES) parts.push(file, String(read(file)));
  return sha256(parts.join('\0'));
}

/**
 * Whether `dist/` was built from exactly the files it would be built from now: the stamp lists every file
 * esbuild read (its metafile) with its hash. A new file can only enter a bundle through an import added to
 * a listed file, which changes that file's hash; a deleted or changed file changes its own.
 */
function isCurrent() {
  let stamp;
  try {
    stamp = JSON.parse(fs.readFileSync(STAMP, 'utf8'));
  } catch {
    return false;
  }
  if (stamp.tool !== toolHash()) return false;
  for (const [file, hash] of Object.entries(stamp.inputs)) {
    const content = read(file);
    if (content === undefined || sha256(content) !== hash) return false;
  }
  return ENTRY_POINTS.every((entry) => fs.existsSync(path.join(DIST, `${entry}.js`)));
}

/** Builds `dist/` unless it is current; returns whether it built. */
function build() {
  if (isCurrent()) return false;
  const tool = toolHash();
  // Nothing of an earlier build survives (no module of a deleted source file can be loaded).
  fs.rmSync(DIST, { recursive: true, force: true });
  const result = require('esbuild').buildSync({
    absWorkingDir: ROOT,
    entryPoints: ENTRY_POINTS.map((entry) => `${entry}.ts`),
    outbase: '.',
    outdir: 'dist',
    bundle: true,
    packages: 'external',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    tsconfig: 'tsconfig.json',
    metafile: true,
    logLevel: 'error',
  });
  const inputs = {};
  for (const file of Object.keys(result.metafile.inputs).sort()) inputs[file] = sha256(read(file));
  fs.writeFileSync(STAMP, JSON.stringify({ tool, inputs }, null, 1));
  return true;
}

function main(argv) {
  const run = argv.indexOf('--run');
  if (run < 0) {
    const started = Date.now();
    console.log(build() ? `built dist/ in ${Date.now() - started} ms` : 'dist/ is up to date');
    return;
  }
  const entry = argv[run + 1];
  if (!ENTRY_POINTS.includes(entry)) {
    console.error(`--run needs one of: ${ENTRY_POINTS.join(', ')}`);
    process.exitCode = 2;
    return;
  }
  try {
    build();
  } catch (err) {
    // esbuild has printed the syntax errors already; nothing runs on a failed build.
    if (!Array.isArray(err.errors)) throw err;
    process.exitCode = 1;
    return;
  }
  const program = path.join(DIST, `${entry}.js`);
  process.argv = [process.argv[0], program, ...argv.slice(run + 2)];
  require(program);
}

module.exports = { build, isCurrent, ENTRY_POINTS, STAMP };

if (require.main === module) main(process.argv.slice(2));
