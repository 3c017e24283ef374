#!/usr/bin/env node
/**
 * The build of `npm run synth`, `npm run bench` and the cdktf CLI, without type-checking (`npm test`
 * type-checks with tsc). esbuild bundles:
 * - each TypeScript entry point into `dist/` (our code), npm packages and generated bindings left out;
 * - the npm packages and the generated OpenStack bindings (`.gen/`) those bundles import, all in one
 *   file, `node_modules/.cache/berth/packages/packages.js`, rebuilt only when one of its files or the set
 *   of imported packages changes.
 * Two files load faster than hundreds (no module resolution), and V8 keeps their compiled code between
 * runs (see runBundle).
 *
 * Never stale: a stamp beside each bundle records, for every file it was built from (esbuild's own list of
 * what it read), its SHA-256 and its stat identity (inode, size, mtime, ctime), with the hash of the
 * tsconfig, of this script and of the esbuild version. A file whose stat identity is unchanged has not been
 * written since (any write changes its ctime); any other file is hashed again. When anything differs, the
 * bundle is rebuilt whole; when nothing does, nothing is written. Bundling resolves every import at build
 * time, so a module whose source was deleted can never be loaded. `--run` builds only the program it runs
 * (after a source edit, bundling all of them took three times as long); the others are built when they run,
 * or by a build of everything.
 *
 *   node scripts/build.js                    build every program when stale
 *   node scripts/build.js --run ENTRY ARGS   build dist/ENTRY.js when stale, then run it in this process
 */
'use strict';
const { Buffer, isAscii } = require('buffer');
const crypto = require('crypto');
const fs = require('fs');
const Module = require('module');
const path = require('path');
const vm = require('vm');
const teamApps = require('./team-apps');

const ROOT = path.resolve(__dirname, '..');
const DIST = path.join(ROOT, 'dist');
const PACKAGES_DIR = path.join(ROOT, 'node_modules', '.cache', 'berth', 'packages');
const PACKAGES = path.join(PACKAGES_DIR, 'packages.js');
const PACKAGES_STAMP = path.join(PACKAGES_DIR, '.build-stamp');
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
/** Beside each bundle: V8's compiled code of it, behind a first line naming the bundle's stat identity. */
const CODE_CACHE_SUFFIX = '.code-cache';
/** Beside each program's bundle: its stamp (what it was built from, and the npm packages it imports). */
const STAMP_SUFFIX = '.build-stamp';

/** A program's bundle, or the team apps': `dist/ENTRY.js`. */
function programFile(entry) {
  return path.join(DIST, `${entry}.js`);
}

function sha256(data) {
  return crypto.createHash('sha256').update(data).digest('hex');
}

/**
 * The path of a file a stamp names (esbuild's metafile: normalized, relative to ROOT). A name inside ROOT
 * is joined rather than resolved: the check runs this for every input of both bundles, and path.resolve
 * was a third of its time.
 */
function atRoot(file) {
  return file.startsWith('..') || path.isAbsolute(file) ? path.resolve(ROOT, file) : ROOT + path.sep + file;
}

function read(file) {
  try {
    return fs.readFileSync(atRoot(file));
  } catch (err) {
    if (err.code === 'ENOENT') return undefined;
    throw err;
  }
}

/** What changes whenever a file is written, replaced or touched: ctime cannot be set back. */
function statIdentity(file) {
  const st = fs.statSync(atRoot(file), { throwIfNoEntry: false });
  return st === undefined ? undefined : `${st.ino}:${st.size}:${st.mtimeMs}:${st.ctimeMs}`;
}

/**
 * {@link statIdentity}, each file looked at once per check: the programs share most of their sources.
 * Only for a check, which writes nothing; a build starts a new one.
 */
function checkedIdentities() {
  const seen = new Map();
  return (file) => {
    if (!seen.has(file)) seen.set(file, statIdentity(file));
    return seen.get(file);
  };
}

/** What every build depends on whatever it bundles: esbuild, the build's scripts and the tsconfig. */
function toolHash() {
  const parts = [`esbuild ${require('esbuild/package.json').version}`];
  for (const script of [__filename, require.resolve('./team-apps')])
    parts.push(fs.readFileSync(script, 'utf8'));
  for (const file of CONFIG_FILES) parts.push(file, String(read(file)));
  return sha256(parts.join('\0'));
}

function readStamp(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

/**
 * Whether every file a bundle was built from is as it was: a new file can only enter a bundle through an
 * import added to a listed file, which changes that file; a deleted or changed file changes its own
 * identity, and then its hash decides (a file written back with the same bytes needs no build).
 */
function inputsUnchanged(stamp, tool, identityOf = statIdentity) {
  if (stamp === undefined || stamp.tool !== tool) return false;
  for (const [file, [hash, identity]] of Object.entries(stamp.inputs)) {
    if (identityOf(file) === identity) continue;
    const content = read(file);
    if (content === undefined || sha256(content) !== hash) return false;
  }
  return true;
}

/**
 * The hash and stat identity of each of `files` that esbuild read (files of a plugin's own namespace
 * aside). A file whose identity is the one `earlier` (inputs of an earlier stamp) gives it keeps the hash
 * given with it, as a check would (inputsUnchanged): after an edit, one file is read and hashed, not all.
 */
function recordInputs(files, earlier = {}) {
  const inputs = {};
  for (const file of [...files].sort()) {
    if (/^[a-z-]+:|^<stdin>$/.test(file)) continue;
    const identity = statIdentity(file);
    const known = Object.prototype.hasOwnProperty.call(earlier, file) ? earlier[file] : undefined;
    inputs[file] =
      known !== undefined && identity !== undefined && known[1] === identity
        ? known
        : [sha256(read(file)), statIdentity(file)];
  }
  return inputs;
}

/**
 * Makes a bundle pure ASCII. esbuild already escapes every non-ASCII character of the code (its default
 * `charset: 'ascii'`); what it leaves is in the comments it keeps, where an escape changes only the
 * comment's text. A pure-ASCII bundle loads as a one-byte string (see loadSource), half the memory of the
 * two-byte string a single non-ASCII character makes of the whole file, and faster to read and to
 * compile. A comment with a line or paragraph separator (which would end a line comment) stays.
 */
function escapeNonAscii(text) {
  if (/^[\0-\x7f]*$/.test(text) || /[\u2028\u2029]/.test(text)) return text;
  return text.replace(/[^\0-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * esbuild makes each `import * as cdktf from 'cdktf'` a namespace object of its own, with a getter per
 * export (its `__toESM` helper): the generated provider bindings (.gen) each import cdktf so, and copying
 * its ~400 exports 25 times took 30-40 ms of a synthesis (loaded machine). In the programs, a module's
 * namespace is made once and shared, as an ES module has one namespace object; it is made again if the
 * module has gained exports since (a CommonJS module still loading in a cycle).
 */
const TO_ESM = 'var __toESM = (mod, isNodeMode, target) => (';
const SHARED_TO_ESM = `var __namespaces = [new WeakMap(), new WeakMap()];
var __toESM = (mod, isNodeMode) => {
  if (mod == null || (typeof mod !== "object" && typeof mod !== "function")) return __toESMCopy(mod, isNodeMode);
  const made = __namespaces[isNodeMode ? 1 : 0];
  const keys = __getOwnPropNames(mod).length;
  let entry = made.get(mod);
  if (entry === undefined || entry.keys !== keys) made.set(mod, (entry = { keys, namespace: __toESMCopy(mod, isNodeMode) }));
  return entry.namespace;
};
var __toESMCopy = (mod, isNodeMode, target) => (`;

function shareNamespaces(text) {
  return text.includes(TO_ESM) ? text.replace(TO_ESM, SHARED_TO_ESM) : text;
}

/**
 * Writes a bundle as the function `require` would wrap it in, so that `--run` compiles the file's own text
 * (one string, the bytes as read) instead of a concatenation V8 must first copy whole. Run as a script,
 * its value is that function; required as a module (inside Node's wrapper, where `arguments` exists), it
 * runs itself as a module would.
 */
function wrapAsFunction(text) {
  return `(typeof arguments === "object" ? (f) => f.apply(this, arguments) : (f) => f)(function (exports, require, module, __filename, __dirname) {${text}\n});\n`;
}

/** Rewrites each bundle a build wrote through `edits` (text to text). */
function rewriteOutputs(result, ...edits) {
  for (const file of Object.keys(result.metafile.outputs)) {
    const text = fs.readFileSync(path.resolve(ROOT, file), 'utf8');
    const edited = edits.reduce((current, edit) => edit(current), text);
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
 * npm packages inlined into the programs rather than the packages bundle: zod's ESM modules tree-shake to
 * the few pieces the config uses, which load in a few milliseconds; its CommonJS build, which the packages
 * bundle would take, evaluates all of zod and its locales, ~30 ms (docs/decisions/0030-config-schema-zod.md).
 */
const INLINED_PACKAGES = ['zod'];

/**
 * The imports esbuild leaves to the packages bundle: every package package.json declares but those
 * inlined, with its subpaths. A list rather than a resolve callback, which esbuild called back into Node
 * for at each of the programs' imports: 60 ms of a 250 ms rebuild of main. package.json decides nothing
 * else of a bundle: an import it does not declare fails the build (undeclaredPackages).
 */
function externalPackages() {
  const { dependencies = {}, devDependencies = {} } = JSON.parse(
    fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'),
  );
  return Object.keys({ ...dependencies, ...devDependencies })
    .filter((name) => !INLINED_PACKAGES.includes(name))
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
      if (name === undefined || imported.external || INLINED_PACKAGES.includes(name)) continue;
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

/** The name a program's import of a generated binding takes: its path from the root, `./` first. */
function bindingName(resolveDir, imported) {
  const file = path.relative(ROOT, path.resolve(resolveDir, imported)).split(path.sep).join('/');
  return file.startsWith(`${BINDINGS}/`) ? `./${file}` : undefined;
}

/** Whether an import names a generated binding, as {@link bindingName} names it. */
function isBindingName(name) {
  return name.startsWith(`./${BINDINGS}/`);
}

const bindingsApart = {
  name: 'bindings-apart',
  setup(build) {
    build.onResolve({ filter: /(?:^|[\\/])\.gen[\\/]/ }, (args) => {
      const name = bindingName(args.resolveDir, args.path);
      return name === undefined ? undefined : { path: name, external: true };
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
      else if (isBindingName(imported.path)) packages.add(imported.path);
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

/** The plugins of a program's build, and of the team apps' (scripts/team-apps.js). */
const PROGRAM_PLUGINS = [bindingsApart, teamApps.teamAppsApart(ROOT)];
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
  rewriteOutputs(result, escapeNonAscii, shareNamespaces, wrapAsFunction);
  return entries.map((entry) => {
    const { files, packages, loadsTeamApps } = programInputs(result.metafile, entry);
    const stamp = { tool, packages, loadsTeamApps, inputs: recordInputs(files, earlier) };
    fs.writeFileSync(programFile(entry) + STAMP_SUFFIX, JSON.stringify(stamp, null, 1));
    return stamp;
  });
}

/**
 * Package code that names its own file (cdktf zips assets by starting `node __filename`, cdk8s loads URLs
 * with a script beside its own) keeps its own `__dirname` and `__filename` inside the packages bundle.
 */
const ownFileNames = {
  name: 'own-file-names',
  setup(build) {
    build.onLoad({ filter: /[\\/]node_modules[\\/].*\.c?js$/ }, (args) => {
      const contents = fs.readFileSync(args.path, 'utf8');
      if (!/\b__(dirname|filename)\b/.test(contents)) return undefined;
      const file = JSON.stringify(path.relative(PACKAGES_DIR, args.path).split(path.sep).join('/'));
      return {
        contents: `var __filename = require("path").join(__packagesDir, ${file}), __dirname = require("path").dirname(__filename);\n${contents}`,
        loader: 'js',
        resolveDir: path.dirname(args.path),
      };
    });
  },
};

/**
 * cdktf's file helpers for assets (`cdktf/lib/private/fs`) pull in an archiver and its streams, a fifth of
 * the packages' code, which no Berth stack uses: they stay in node_modules, loaded on first use.
 */
const lazyCdktfFiles = {
  name: 'lazy-cdktf-files',
  setup(build) {
    const FILE = 'cdktf/lib/private/fs.js';
    build.onResolve({ filter: /^\.\/private\/fs$/ }, (args) =>
      /[\\/]node_modules[\\/]cdktf[\\/]lib$/.test(args.resolveDir)
        ? { path: FILE, namespace: 'lazy' }
        : undefined,
    );
    build.onResolve({ filter: /.*/, namespace: 'lazy' }, (args) => ({ path: args.path, external: true }));
    build.onLoad({ filter: /.*/, namespace: 'lazy' }, (args) => ({
      contents: `let loaded;
module.exports = new Proxy({}, { get: (_, key) => (loaded ??= require(${JSON.stringify(args.path)}))[key] });`,
      loader: 'js',
    }));
  },
};

/**
 * cdktf captures the full stack trace of every token it creates, to name where a misused token came from
 * in an error message; formatting those traces was a third of the CPU of a 300-VM synthesis (and half of
 * a stack test's under jest, whose stack traces are source-mapped). Wherever Berth runs cdktf (the
 * packages bundle, and jest: test/support/cdktf-transform.js) they are captured only when BERTH_DEBUG is
 * set (tokens then carry an empty trace).
 */
const CDKTF_STACK_TRACE = /[\\/]node_modules[\\/]cdktf[\\/]lib[\\/]tokens[\\/]private[\\/]stack-trace\.js$/;

/** cdktf's stack-trace module (`source`) as Berth runs it: capturing only when BERTH_DEBUG is set. */
function tokenStackTracesWhenDebugging(source) {
  return `${source}
const captureWhenDebugging = exports.captureStackTrace;
const debugging = Boolean(process.env.BERTH_DEBUG);
exports.captureStackTrace = function captureStackTrace(below) {
  return debugging ? captureWhenDebugging(below || captureStackTrace) : [];
};
`;
}

const tokenStackTraces = {
  name: 'token-stack-traces',
  setup(build) {
    build.onLoad({ filter: CDKTF_STACK_TRACE }, (args) => ({
      contents: tokenStackTracesWhenDebugging(fs.readFileSync(args.path, 'utf8')),
      loader: 'js',
      resolveDir: path.dirname(args.path),
    }));
  },
};

/**
 * Exports Berth takes from a package whose index loads much more: each loads its own module only, and the
 * package's index loads only when a program touches another of its exports. Berth uses only `k8s` of
 * cdk8s-plus-33 (the generated Kubernetes API objects, decision 0002), whose index also builds every L2
 * construct of the package: a quarter of the packages' start-up.
 */
const OWN_MODULE_EXPORTS = { 'cdk8s-plus-33': { k8s: 'cdk8s-plus-33/lib/imports/k8s' } };

/**
 * A package's exports as the program sees them when some load on their own: the same values (the index
 * re-exports the very module objects), the others from the index, loaded on first use; every reflection
 * (keys, `in`, descriptors) answers for the whole package.
 */
const PARTIAL_EXPORTS = `function partialExports(whole, own) {
  let all;
  const loaded = new Map();
  const index = () => (all ??= whole());
  const isOwn = (key) => Object.prototype.hasOwnProperty.call(own, key);
  return new Proxy(Object.create(null), {
    get(_, key) {
      if (!isOwn(key)) return index()[key];
      if (!loaded.has(key)) loaded.set(key, own[key]());
      return loaded.get(key);
    },
    has: (_, key) => isOwn(key) || key in index(),
    ownKeys: () => Reflect.ownKeys(index()),
    getOwnPropertyDescriptor(_, key) {
      const descriptor = Reflect.getOwnPropertyDescriptor(index(), key);
      return descriptor && { ...descriptor, configurable: true };
    },
    set: () => false,
    defineProperty: () => false,
    deleteProperty: () => false,
  });
}
`;

/** The packages bundle's entry: one getter per package the programs import. */
function packagesEntry(packages) {
  const req = (name) => `require(${JSON.stringify(name)})`;
  const partial = packages.filter((name) => OWN_MODULE_EXPORTS[name] !== undefined);
  const lines = partial.length > 0 ? [PARTIAL_EXPORTS] : [];
  partial.forEach((name, i) => {
    const own = Object.entries(OWN_MODULE_EXPORTS[name]).map(([key, file]) => `${key}: () => ${req(file)}`);
    lines.push(`const partial${i} = partialExports(() => ${req(name)}, { ${own.join(', ')} });`);
  });
  lines.push('module.exports = {');
  for (const name of packages) {
    const value = partial.includes(name) ? `partial${partial.indexOf(name)}` : req(name);
    lines.push(`  get ${JSON.stringify(name)}() { return ${value}; },`);
  }
  lines.push('};');
  return `${lines.join('\n')}\n`;
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
    plugins: [tokenStackTraces, ownFileNames, lazyCdktfFiles],
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

/** The code cache of a bundle if it was made from the bundle as it is now (same stat identity). */
function readCodeCache(cacheFile, identity) {
  let data;
  try {
    data = fs.readFileSync(cacheFile);
  } catch {
    return undefined;
  }
  const newline = data.indexOf(10);
  if (newline < 0 || data.toString('utf8', 0, newline) !== identity) return undefined;
  return data.subarray(newline + 1);
}

/** A bundle's text: pure ASCII (as built) decodes as Latin-1 into a one-byte string, anything else as UTF-8. */
function loadSource(file) {
  const bytes = fs.readFileSync(file);
  return isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8');
}

/**
 * Loads a bundle in this process as `require` would, compiled with V8's code cache: the first successful
 * run leaves the compiled code of every function it ran in `cacheFile` (beside the bundle); later runs
 * skip parsing and compiling it. V8 rejects a cache of another Node or V8 version itself; a cache is used
 * only for the very file it was made from (its stat identity, taken before the file is read), so it never
 * runs stale code.
 */
function load(file, requireFn, recorder, cacheFile = file + CODE_CACHE_SUFFIX) {
  // A bundle is part of the program, which keys a run's record (runKey): reading it is no observation, and
  // neither is its code cache, which the run itself may leave for the next.
  const { identity, source, cachedData } = (recorder?.aside ?? ((read) => read()))(() => {
    const identity = statIdentity(file);
    return { identity, source: loadSource(file), cachedData: readCodeCache(cacheFile, identity) };
  });
  const script = new vm.Script(source, { filename: file, cachedData }); // wrapped when built
  process.on('exit', (code) => {
    if (code !== 0 || (cachedData !== undefined && !script.cachedDataRejected)) return;
    // Written whole under another name, then renamed: a concurrent run reads the old cache or the new.
    // Only an optimisation: when it cannot be written (a concurrent build replaced the folder, a read-only
    // checkout), the run still succeeds, with nothing left behind.
    const partial = `${cacheFile}.${process.pid}`;
    try {
      fs.writeFileSync(partial, Buffer.concat([Buffer.from(`${identity}\n`), script.createCachedData()]));
      fs.renameSync(partial, cacheFile);
    } catch {
      fs.rmSync(partial, { force: true });
    }
  });
  const module = new Module(file, null);
  module.filename = file;
  module.paths = Module._nodeModulePaths(path.dirname(file));
  const wrapper = script.runInThisContext();
  if (recorder !== undefined) recorder.begin();
  wrapper.call(module.exports, module.exports, requireFn, module, file, path.dirname(file));
  return module.exports;
}

/**
 * The code cache of the packages bundle for one program (`packages.js.main.code-cache`). A cache holds the
 * functions the run that made it compiled, and is kept as long as V8 accepts it: one cache for every
 * program would hold what the first program to run after a rebuild of the bundle used (the bench's
 * parent, say, which touches no cdktf), and each synthesis after it would compile the rest again, ~40 ms.
 */
function packagesCodeCache(program) {
  const name = path.relative(DIST, program).replace(/\.js$/, '').split(path.sep).join('-');
  return `${PACKAGES}.${name}${CODE_CACHE_SUFFIX}`;
}

/**
 * Runs a program of `dist/`: its imports of npm packages and generated bindings come from the packages
 * bundle, its import of the team apps from theirs (scripts/team-apps.js). `recorder` (see run-record.js)
 * starts recording when the program's own code starts, and learns of any module it loads from disk.
 */
function runBundle(program, recorder) {
  const fromDisk = (requireFn, id) => {
    if (recorder !== undefined && !Module.isBuiltin(id)) recorder.taint(`require ${id}`);
    return requireFn(id);
  };
  const packagesRequire = Module.createRequire(PACKAGES);
  const packages = load(
    PACKAGES,
    (id) => fromDisk(packagesRequire, id),
    undefined,
    packagesCodeCache(program),
  );
  const nodeRequire = Module.createRequire(program);
  const fromPackages = (id) =>
    Object.prototype.hasOwnProperty.call(packages, id) ? packages[id] : fromDisk(nodeRequire, id);
  const teamAppsBundle = programFile(teamApps.TEAM_APPS);
  const requireFn = (id) =>
    id === teamApps.TEAM_APPS_ID
      ? teamApps.teamAppsLoader((fn) => load(teamAppsBundle, fn, recorder), fromPackages)
      : fromPackages(id);
  Object.assign(requireFn, {
    resolve: nodeRequire.resolve,
    cache: nodeRequire.cache,
    main: nodeRequire.main,
  });
  load(program, requireFn, recorder);
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
 * Ends the process once the program is done (nothing left to run and its output written: 'beforeExit'),
 * with its exit code and 'exit' handlers, as `process.exit()` does, without the teardown of Node's
 * environment and V8's heap that a natural exit spends after a synthesis (~20-70 ms, loaded machine). A
 * program that listens for 'beforeExit' itself ends as Node ends it.
 */
function exitWhenDone() {
  process.on('beforeExit', function exitNow() {
    if (process.listeners('beforeExit').every((listener) => listener === exitNow)) process.exit();
  });
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

module.exports = {
  build,
  runBundle,
  exitWhenDone,
  shareNamespaces,
  tokenStackTracesWhenDebugging,
  CDKTF_STACK_TRACE,
  ENTRY_POINTS,
  PACKAGES,
  CODE_CACHE_SUFFIX,
};

if (require.main === module) void main(process.argv.slice(2));
