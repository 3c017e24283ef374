import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Yaml } from 'cdk8s';
import { resolvePlatform } from '../support/berth-platform';
import { synthCharts, toYaml } from '../../charts/manifest-yaml';
import { BerthApp } from '../../stacks/berth-app';

/** Strings the yaml library writes plain, quoted, as block scalars or with indicators. */
const STRINGS = [
  '',
  ' ',
  'a',
  'plain text',
  'yes',
  'no',
  'on',
  'off',
  'y',
  'n',
  'true',
  'False',
  'null',
  '~',
  'NULL',
  '0',
  '1',
  '-1',
  '1.5',
  '.5',
  '1e3',
  '0x1f',
  '0o17',
  '017',
  '1_000',
  '12:30',
  '12:30:00',
  '2024-01-01',
  '.inf',
  '-.inf',
  '.nan',
  'a: b',
  'a:b',
  'a #b',
  '#x',
  '- x',
  '-x',
  '-',
  '?',
  '? x',
  ':',
  'x:',
  '@x',
  '`x',
  '!x',
  '&x',
  '*x',
  '|',
  '>',
  "'q'",
  '"q"',
  '%x',
  '{a}',
  '[a]',
  'a, b',
  'trailing ',
  ' leading',
  'tab\there',
  'ümlaut ✓',
  'ctrl\u0001',
  'line\nline',
  'line\n',
  'line\n\n',
  '\nline',
  'a\n\nb',
  '  indented\nnext',
  'x\n  y\n',
  'echo $${HOME}\nexit 0\n',
  'k: v\n- x\n',
  'a\r\nb',
  '---',
  '...',
  'a\n---\nb',
  'x'.repeat(300),
  `long ${'word '.repeat(60)}`,
];
const NUMBERS = [0, 1, -1, 1.5, 0.1, 1e21, 1e-7, 123456789, 2 ** 53];

/** A small deterministic random generator (mulberry32). */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function value(next: () => number, depth: number): unknown {
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)];
  const r = next();
  if (depth > 4 || r < 0.45) {
    const s = next();
    if (s < 0.7) return pick(STRINGS);
    if (s < 0.85) return pick(NUMBERS);
    return pick([true, false, null]);
  }
  const size = Math.floor(next() * 4);
  if (r < 0.7) {
    const object: Record<string, unknown> = {};
    for (let i = 0; i < size; i++) object[pick(STRINGS)] = value(next, depth + 1);
    return object;
  }
  return Array.from({ length: size }, () => value(next, depth + 1));
}

describe('toYaml', () => {
  test.each(STRINGS.map((s) => [JSON.stringify(s).slice(0, 40), s]))(
    'writes %s as cdk8s does, as a value, a key and an item at every depth',
    (_name, s) => {
      const doc = {
        [s]: s,
        nested: { [s]: [s, { [s]: s, k: [s, [s]] }], deeper: { list: [s], map: { x: s } } },
        list: [s, [s, s], { a: s }],
      };
      expect(toYaml([doc])).toBe(Yaml.stringify(doc));
    },
  );

  test('writes 2,000 random documents as cdk8s does', () => {
    const next = random(12);
    const docs = Array.from({ length: 2000 }, () => {
      const doc = value(next, 0);
      return doc !== null && typeof doc === 'object' ? doc : { value: doc };
    });
    for (let i = 0; i < docs.length; i += 50) {
      const batch = docs.slice(i, i + 50);
      expect(toYaml(batch)).toBe(Yaml.stringify(...batch));
    }
  });

  test('leaves what it does not write itself to the yaml library', () => {
    for (const doc of [{ a: undefined }, { n: Number.NaN }, {}, [], { ['k'.repeat(2000)]: 1 }, undefined]) {
      expect(toYaml([doc, { b: 1 }])).toBe(Yaml.stringify(doc, { b: 1 }));
    }
  });
});

describe('synthCharts', () => {
  test('writes the files App.synth() writes, byte for byte', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-yaml-'));
    const berth = new BerthApp({ platform: resolvePlatform({}), outdir });
    const app = berth.manifests.get('main')!;
    synthCharts(app);
    const ours = path.join(outdir, 'ours');
    fs.renameSync(app.outdir, ours);
    app.synth();
    const files = fs.readdirSync(app.outdir).sort();
    expect(files).toEqual(['dev.k8s.yaml', 'prod.k8s.yaml', 'test.k8s.yaml']);
    expect(fs.readdirSync(ours).sort()).toEqual(files);
    for (const file of files) {
      expect(fs.readFileSync(path.join(ours, file), 'utf8')).toBe(
        fs.readFileSync(path.join(app.outdir, file), 'utf8'),
      );
    }
    fs.rmSync(outdir, { recursive: true, force: true });
  });
});
