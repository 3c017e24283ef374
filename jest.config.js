/**
 * Tests are transpiled without type-checking (`npm test` type-checks the whole project once with tsc
 * before jest runs), so that the large generated bindings are not re-checked in every test file.
 */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.jest.json', diagnostics: false }],
  },
  testTimeout: 60000,
  maxWorkers: 2,
};
