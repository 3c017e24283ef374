/**
 * How the build of `npm run synth` (scripts/build.js) runs a program of `dist/` in its own process: its
 * bundle, the packages bundle and the team apps' bundle, each loaded with V8's code cache.
 */
'use strict';
const { Buffer, isAscii } = require('buffer');
const fs = require('fs');
const Module = require('module');
const path = require('path');
const vm = require('vm');
const { CODE_CACHE_SUFFIX, DIST, PACKAGES, programFile } = require('./build-layout');
const { statIdentity } = require('./build-stamps');
const teamApps = require('./team-apps');

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
 * Runs a program's bundle that Node runs as its main module (`node dist/main.js ARGS`, see wrapAsFunction
 * in scripts/bundle-text.js) as `--run` runs it once built: no build, no replay, the bundle as it is.
 */
function runProgram(program) {
  exitWhenDone();
  runBundle(program);
}

module.exports = { runBundle, runProgram, exitWhenDone };
