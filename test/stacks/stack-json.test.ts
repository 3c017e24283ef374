import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { loadPlatform } from '../support/berth-platform';
import { BerthApp } from '../../stacks/berth-app';
import { stableJson } from '../../stacks/stack-json';
import { random, randomValue } from '../support/yaml-samples';

/** cdktf's own writer of `cdk.tf.json` (a dependency of cdktf's, not of Berth's). */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const stringify = require(
  require.resolve('json-stable-stringify', { paths: [require.resolve('cdktf')] }),
) as (value: unknown, options: { space: number }) => string;

const cdktfJson = (value: unknown) => stringify(value, { space: 2 });

describe('stableJson writes what cdktf writes', () => {
  test.each<[string, unknown]>([
    ['nested data', { b: [1, 'x', { d: true, c: null }], a: { z: 1.5, y: -0 } }],
    [
      'empty objects and lists at every depth',
      { a: {}, b: [], c: [{}, [], [[]], { d: {} }], e: { f: { g: [] } } },
    ],
    ['an empty document', {}],
    [
      'undefined, functions and non-finite numbers',
      { a: undefined, b: [undefined, () => 1, Number.NaN], c: () => 1, d: Infinity },
    ],
    [
      'objects left empty by undefined and functions, in and out of order',
      { b: { u: undefined }, a: [{ f: () => 1 }, [{}], { z: { y: undefined, x: [] } }] },
    ],
    ['integer-like keys', { 10: 'a', 2: 'b', a: { 1: [], 0: {} } }],
    ['integer-like keys in order', { a: { 1: [], 2: {}, 3: 'x' }, b: { 0: { b: 1, a: 2 } } }],
    ['a __proto__ key', JSON.parse('{"b": {"__proto__": {"y": 1, "x": {}}, "a": 1}, "a": []}')],
    [
      'braces and brackets in strings, at the end of keys and values',
      { 'k{}': '{}', 'l[]': ['[]', '{},', 'x {}', { '{}': '[],' }], m: '{}\n' },
    ],
    [
      'data that comes sorted, shared objects and lists',
      (() => {
        const shared = { a: { b: [1, {}] }, c: [] };
        return { a: shared, b: [shared, shared], c: { d: shared } };
      })(),
    ],
    ['strings that look like the stand-ins', { a: '\u0000{1', b: ['\u0000[0'], '\u0000{2': 1 }],
    [
      'toJSON and class instances',
      {
        a: new Date(0),
        b: { toJSON: () => ({ y: 1, x: {} }) },
        c: new (class Box {
          public readonly x = 1;
        })(),
      },
    ],
    ['unicode and escapes', { ü: 'line\nline\t"q" \\ ✓', '\u2028': '\u2029' }],
  ])('%s', (_name, value) => {
    expect(stableJson(value)).toBe(cdktfJson(value));
  });

  test('2,000 random documents', () => {
    const next = random(5);
    for (let i = 0; i < 2000; i++) {
      const value = { document: randomValue(next, 0), empty: next() < 0.5 ? {} : [] };
      expect(stableJson(value)).toBe(cdktfJson(value));
    }
  });

  test("every stack of the demo: the file written is cdktf's text of the stack's JSON", () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-'));
    const berth = new BerthApp({ platform: loadPlatform([], {}), outdir });
    berth.synth();
    for (const stack of [...berth.infraStacks.values(), ...berth.environmentStacks.values()]) {
      const written = fs.readFileSync(path.join(outdir, 'stacks', stack.node.id, 'cdk.tf.json'), 'utf8');
      expect(written).toBe(cdktfJson(stack.lastTerraform));
      expect(written.length).toBeGreaterThan(10_000);
    }
    fs.rmSync(outdir, { recursive: true, force: true });
  });
});
