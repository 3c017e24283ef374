import * as fs from 'node:fs';
import * as os from 'node:os';
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

test('a module loaded again runs afresh, and two files of the same text each run as their own', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-jest-runtime-'));
  const text =
    'exports.file = __filename; exports.loads = (globalThis.berthLoads = (globalThis.berthLoads ?? 0) + 1);\n';
  const [a, b] = [path.join(dir, 'a.js'), path.join(dir, 'b.js')];
  fs.writeFileSync(a, text);
  fs.writeFileSync(b, text);
  try {
    const first = jest.requireActual(a);
    first.changed = true;
    jest.resetModules();
    const again = jest.requireActual(a);
    expect(again).not.toBe(first);
    expect([again.changed, again.file, again.loads - first.loads]).toEqual([undefined, a, 1]);
    expect(jest.requireActual(b).file).toBe(b);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
