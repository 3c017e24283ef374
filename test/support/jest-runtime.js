/**
 * jest's runtime, with each module compiled by `vm.Script` instead of `vm.compileFunction`.
 *
 * jest runs every test file in a fresh module registry, so each of the ~100 files that build a stack or a
 * chart loads cdktf, cdk8s, cdk8s-plus-33 and the provider bindings again: about 17 MB of JavaScript.
 * `vm.compileFunction` parses and compiles all of it every time (Node 20 gives it no compilation cache,
 * nodejs/node#35375); a `vm.Script` of the same text is found in V8's compilation cache of the worker
 * process, so only the first test file of a worker pays (decision 0033). The modules still run afresh in
 * every test file's own context: only the compiled code is shared, never a module's state.
 *
 * A module whose text holds `import(` keeps jest's own compilation (jest's dynamic-import support needs a
 * callback per script, which V8 would not cache), and so does one that `vm.Script` cannot compile, so that
 * jest reports the error as it always does.
 */
'use strict';
const vm = require('vm');
const Runtime = require('jest-runtime').default;

module.exports = class CachedCompileRuntime extends Runtime {
  constructor(...args) {
    super(...args);
    const executor = this.executor;
    if (typeof executor?.compile !== 'function' || !Array.isArray(executor.injectedModuleParameters)) {
      throw new Error(
        'test/support/jest-runtime.js: this jest has no executor.compile to replace (see decision 0033)',
      );
    }
    const jestCompile = executor.compile.bind(executor);
    executor.compile = (source, filename) => {
      const context = executor.environment.getVmContext();
      if (context == null || source.includes('import(') || executor.resolution.isCoreModule(filename)) {
        return jestCompile(source, filename);
      }
      let script;
      try {
        // The parameters on a line of their own, which lineOffset takes away: line numbers stay the file's.
        const wrapped = `(function (${executor.injectedModuleParameters.join(', ')}) {\n${source}\n})`;
        script = new vm.Script(wrapped, { filename, lineOffset: -1 });
      } catch {
        return jestCompile(source, filename);
      }
      return script.runInContext(context);
    };
  }
};
