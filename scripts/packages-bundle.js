/**
 * The packages bundle of the build of `npm run synth` (scripts/build.js): its entry, and the plugins its
 * build runs the packages' code through.
 */
'use strict';
const fs = require('fs');
const { isBuiltin } = require('module');
const path = require('path');
const { PACKAGES_DIR, ROOT } = require('./build-layout');

/**
 * Package code that names its own file (cdktf zips assets by starting `node __filename`, cdk8s loads URLs
 * with a script beside its own) keeps its own `__dirname` and `__filename` inside the packages bundle.
 */
const ownFileNames = {
  name: 'own-file-names',
  setup(build) {
    build.onLoad({ filter: /[\\/]node_modules[\\/].*\.c?js$/, namespace: 'file' }, (args) => {
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
 * Imports that package code makes when it starts but uses only in what Berth never calls. Each stays out
 * of the packages bundle's start-up and loads on first use of one of its exports (a Proxy), from
 * node_modules or Node:
 *  - cdktf's file helpers for assets (`cdktf/lib/private/fs`): an archiver and its streams, a fifth of the
 *    packages' code;
 *  - `child_process`, with the net, dgram and stream modules it loads (~3 ms): cdk8s runs Helm and fetches
 *    YAML from URLs with it, cdktf checks a binary's version and its test matchers run Terraform; and
 *    `semver`, for that version check alone (~1.5 ms).
 * Keyed by the importing package folder (under node_modules) and the import as written there.
 */
const LAZY_IMPORTS = [
  ['cdktf/lib', './private/fs'],
  ['cdktf/lib/testing', 'child_process'],
  ['cdktf/lib/validations', 'child_process'],
  ['cdktf/lib/validations', 'semver'],
  ['cdk8s/lib', 'child_process'],
  ['cdk8s/lib', './_child_process'],
];

const lazyImports = {
  name: 'lazy-imports',
  setup(build) {
    const folders = new Map(LAZY_IMPORTS.map(([folder]) => [folder, path.join('node_modules', folder)]));
    const lazy = (resolveDir, request) =>
      LAZY_IMPORTS.some(
        ([folder, imported]) => imported === request && resolveDir.endsWith(folders.get(folder)),
      );
    const filter = new RegExp(
      `^(?:${[...new Set(LAZY_IMPORTS.map(([, r]) => r))].map(escapeRegExp).join('|')})$`,
    );
    build.onResolve({ filter }, async (args) => {
      if (args.pluginData === LAZY_IMPORTS || !lazy(args.resolveDir, args.path)) return undefined;
      if (isBuiltin(args.path)) return { path: args.path, namespace: 'lazy' };
      // By its path under the checkout's node_modules, as the packages bundle's own require finds it.
      const { resolveDir, kind } = args;
      const found = await build.resolve(args.path, { resolveDir, kind, pluginData: LAZY_IMPORTS });
      if (found.errors.length > 0) return { errors: found.errors };
      const underModules = path.relative(path.join(ROOT, 'node_modules'), found.path);
      return { path: underModules.split(path.sep).join('/'), namespace: 'lazy' };
    });
    build.onLoad({ filter: /.*/, namespace: 'lazy' }, (args) => ({
      contents: `let loaded;
module.exports = new Proxy({}, { get: (_, key) => (loaded ??= require(${JSON.stringify(args.path)}))[key] });`,
      loader: 'js',
    }));
    build.onResolve({ filter: /.*/, namespace: 'lazy' }, (args) => ({ path: args.path, external: true }));
  },
};

function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

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
    build.onLoad({ filter: CDKTF_STACK_TRACE, namespace: 'file' }, (args) => ({
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

/** The plugins of the packages bundle's build. */
const PACKAGES_PLUGINS = [tokenStackTraces, ownFileNames, lazyImports];

module.exports = { CDKTF_STACK_TRACE, PACKAGES_PLUGINS, packagesEntry, tokenStackTracesWhenDebugging };
