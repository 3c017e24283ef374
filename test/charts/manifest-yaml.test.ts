import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Yaml } from 'cdk8s';
import { resolvePlatform } from '../support/berth-platform';
import { STRINGS, random, randomValue } from '../support/yaml-samples';
import { synthCharts, toYaml } from '../../charts/manifest-yaml';
import { BerthApp } from '../../stacks/berth-app';

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
      const doc = randomValue(next, 0);
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
