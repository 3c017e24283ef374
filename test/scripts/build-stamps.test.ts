import * as fs from 'fs';
import { createRequire } from 'module';
import * as os from 'os';
import * as path from 'path';

/**
 * The stamps of the build (scripts/build-stamps.js): what a bundle was built from, by hash and stat
 * identity. `test/scripts/build.test.ts` checks the builds that rest on them.
 */
type Inputs = Record<string, [string, string]>;
const stamps = createRequire(__filename)(path.join(__dirname, '..', '..', 'scripts', 'build-stamps.js')) as {
  sha256: (data: string | Buffer) => string;
  statIdentity: (file: string) => string | undefined;
  inputsUnchanged: (stamp: { tool: string; inputs: Inputs } | undefined, tool: string) => boolean;
  recordInputs: (files: Iterable<string>, earlier?: Inputs) => Inputs;
};

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-stamps-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const full = path.join(dir, name);
  fs.writeFileSync(full, text);
  return full;
}

test("a file's stat identity changes when it is written or touched; none when missing", () => {
  const a = file('a.ts', 'x');
  const first = stamps.statIdentity(a);
  fs.writeFileSync(a, 'xy');
  const written = stamps.statIdentity(a);
  expect(written).not.toBe(first);
  fs.utimesSync(a, new Date(0), new Date(0)); // same bytes, set back in time: its ctime still moves on
  expect(stamps.statIdentity(a)).not.toBe(written);
  expect(stamps.statIdentity(path.join(dir, 'missing.ts'))).toBeUndefined();
});

test('the inputs of a build: each file hashed with its identity, plugin namespaces and stdin left out', () => {
  const a = file('a.ts', 'a');
  const inputs = stamps.recordInputs([a, 'team-apps:apps/teams/index', '<stdin>']);
  expect(inputs).toEqual({ [a]: [stamps.sha256('a'), stamps.statIdentity(a)] });
});

test('a file whose identity the earlier stamp gives keeps its hash; any other is read again', () => {
  const a = file('a.ts', 'a');
  const b = file('b.ts', 'b');
  const earlier: Inputs = {
    [a]: ['the hash kept', stamps.statIdentity(a)!],
    [b]: ['a hash of other bytes', 'another identity'],
  };
  expect(stamps.recordInputs([a, b], earlier)).toEqual({
    [a]: ['the hash kept', stamps.statIdentity(a)],
    [b]: [stamps.sha256('b'), stamps.statIdentity(b)],
  });
});

test('inputs are unchanged while every file has its identity or its bytes; not for another tool', () => {
  const a = file('a.ts', 'a');
  const stamp = { tool: 'esbuild 1', inputs: stamps.recordInputs([a]) };
  expect(stamps.inputsUnchanged(stamp, 'esbuild 1')).toBe(true);
  expect(stamps.inputsUnchanged(stamp, 'esbuild 2')).toBe(false);
  expect(stamps.inputsUnchanged(undefined, 'esbuild 1')).toBe(false);
  fs.writeFileSync(a, 'a'); // written again with the same bytes: the hash decides
  expect(stamps.inputsUnchanged(stamp, 'esbuild 1')).toBe(true);
  fs.writeFileSync(a, 'changed');
  expect(stamps.inputsUnchanged(stamp, 'esbuild 1')).toBe(false);
  fs.rmSync(a);
  expect(stamps.inputsUnchanged(stamp, 'esbuild 1')).toBe(false);
});
