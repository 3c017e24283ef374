const { CDKTF_STACK_TRACE } = require('./scripts/packages-bundle.js');

/**
 * Tests are transpiled by esbuild without type-checking (`npm test` type-checks the whole project once
 * with tsc beside jest), so that the large generated bindings are not re-checked in every test file.
 * cdktf's stack-trace module runs as `npm run synth` runs it (test/support/cdktf-transform.js); every
 * other npm package as it is. Modules are compiled once per worker (test/support/jest-runtime.js).
 */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': '<rootDir>/test/support/esbuild-transform.js',
    [CDKTF_STACK_TRACE.source]: '<rootDir>/test/support/cdktf-transform.js',
  },
  // Packages run as they are, but for that one module.
  transformIgnorePatterns: [`^(?!.*${CDKTF_STACK_TRACE.source}).*[\\\\/]node_modules[\\\\/]`],
  runtime: '<rootDir>/test/support/jest-runtime.js',
  testTimeout: 60000,
  maxWorkers: 2,
};
