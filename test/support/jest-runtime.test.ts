import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vm from 'node:vm';

// This file runs under test/support/jest-runtime.js (jest.config.js): its own compilation of modules.

test("a module gets jest's module parameters, in jest's order", () => {
  expect(__filename).toBe(path.join(__dirname, 'jest-runtime.test.ts'));
  expect(path.basename(__dirname)).toBe('support');
  expect(module.exports).toBe(exports);
  expect(require.resolve('./real-tool')).toBe(path.join(__dirname, 'real-tool.ts'));
  expect(typeof jest.fn).toBe('function');
});

test("errors name the module's own lines", () => {
  const stack = new Error().stack ?? ''; // this line
  const lines = fs.readFileSync(__filename, 'utf8').split('\n');
  const line = lines.findIndex((text) => text.endsWith('// this line')) + 1;
  expect(stack).toContain(`${__filename}:${line}:`);
});

test('module code runs in the test context, not in the worker', () => {
  expect(Object.getPrototypeOf(globalThis)).not.toBe(
    vm.runInThisContext('Object.getPrototypeOf(globalThis)'),
  );
});
