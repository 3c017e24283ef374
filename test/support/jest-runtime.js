/**
 * jest's runtime, with each module read and compiled once per worker instead of once per test file.
 *
 * jest runs every test file in a fresh module registry, so each of the ~130 files that build a stack or a
 * chart loads cdktf, cdk8s, cdk8s-plus-33 and the provider bindings again: about 13 MB of JavaScript.
 * jest reads all of it from disk again for every test file, and `vm.compileFunction` parses and compiles
 * it every time (Node 20 gives it no compilation cache, nodejs/node#35375). Here a module's text is read
 * once per worker while its file stays as it was (test/support/module-texts.js), and a module is compiled
 * as a `vm.Script`, kept with the text and parameters it was compiled from and run again in the context of
 * every later test file that loads the same text (decision 0033). The modules still run afresh in every
 * test file's own context: only texts and compiled code are shared, never a module's state.
 *
 * A module whose text holds `import(` keeps jest's own compilation (jest's dynamic-import support needs a
 * callback per script), and so does one that `vm.Script` cannot compile, so that jest reports the error
 * as it always does.
 */
'use strict';
const vm = require('vm');
const Runtime = require('jest-runtime').default;
const { moduleTexts } = require('./module-texts');

/** This worker's module texts. */
const texts = moduleTexts();
/** This worker's compiled modules: file name -> the text and parameters compiled, and the script. */
const scripts = new Map();

module.exports = class CachedCompileRuntime extends Runtime {
  constructor(...args) {
    super(...args);
    const executor = this.executor;
    const fileCache = this.fileCache;
    if (
      typeof executor?.compile !== 'function' ||
      !Array.isArray(executor.injectedModuleParameters) ||
      typeof fileCache?.readFile !== 'function' ||
      !(fileCache.strings instanceof Map)
    ) {
      throw new Error(
        'test/support/jest-runtime.js: this jest has no executor.compile or fileCache.readFile to replace (see decision 0033)',
      );
    }

    // This test file's own cache first (jest-runner put the test file in it as it read it), then the worker's.
    const jestReadFile = fileCache.readFile.bind(fileCache);
    fileCache.readFile = (filename) => {
      if (fileCache.strings.has(filename)) return fileCache.strings.get(filename);
      const text = texts.read(filename, jestReadFile);
      fileCache.strings.set(filename, text);
      return text;
    };

    const jestCompile = executor.compile.bind(executor);
    executor.compile = (source, filename) => {
      const context = executor.environment.getVmContext();
      if (context == null || executor.resolution.isCoreModule(filename)) return jestCompile(source, filename);
      const parameters = executor.injectedModuleParameters.join(', ');
      const known = scripts.get(filename);
      if (known?.source === source && known.parameters === parameters)
        return known.script.runInContext(context);
      if (source.includes('import(')) return jestCompile(source, filename);
      let script;
      try {
        // The parameters on a line of their own, which lineOffset takes away: line numbers stay the file's.
        script = new vm.Script(`(function (${parameters}) {\n${source}\n})`, { filename, lineOffset: -1 });
      } catch {
        return jestCompile(source, filename);
      }
      scripts.set(filename, { source, parameters, script });
      return script.runInContext(context);
    };
  }
};
