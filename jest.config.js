/**
 * Tests are transpiled by esbuild without type-checking (`npm test` type-checks the whole project once
 * with tsc before jest runs), so that the large generated bindings are not re-checked in every test file.
 */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': '<rootDir>/test/support/esbuild-transform.js',
  },
  runtime: '<rootDir>/test/support/jest-runtime.js',
  testTimeout: 60000,
  maxWorkers: 2,
};
