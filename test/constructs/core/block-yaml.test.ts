import * as YAML from 'yaml';
import { BlockYaml, BlockYamlOptions } from '../../../constructs/core/block-yaml';
import { STRINGS, random, randomValue } from '../../support/yaml-samples';
import { NODE_YAML_OPTIONS } from '../../../constructs/cluster/cloud-config';

/**
 * The option sets Berth writes YAML with through BlockYaml: cdk8s manifests, chart values, and the nodes'
 * documents (cloud-config plain, kubeadm's configuration quoted).
 */
const OPTION_SETS: [string, BlockYamlOptions][] = [
  ['cdk8s', { keepUndefined: true, lineWidth: 0, version: '1.1' }],
  ['chart values', { lineWidth: 0, minContentWidth: 0, aliasDuplicateObjects: false }],
  ['node documents', NODE_YAML_OPTIONS.plain],
  ['node documents, quoted', NODE_YAML_OPTIONS.quoted],
];

describe.each(OPTION_SETS)('BlockYaml with the options of %s', (_name, options) => {
  test.each(STRINGS.map((s) => [JSON.stringify(s).slice(0, 40), s]))(
    'writes %s as the library does, as a value, a key and an item at every depth',
    (_string, s) => {
      const doc = {
        [s]: s,
        nested: { [s]: [s, { [s]: s, k: [s, [s]] }], deeper: { list: [s], map: { x: s } } },
        list: [s, [s, s], { a: s }],
      };
      expect(new BlockYaml(options).stringify(doc)).toBe(YAML.stringify(doc, options));
      expect(new BlockYaml(options).stringify([s, doc, [s]])).toBe(YAML.stringify([s, doc, [s]], options));
    },
  );

  test('writes 2,000 random documents as the library does, itself for most', () => {
    const next = random(7);
    const yaml = new BlockYaml(options);
    let own = 0;
    for (let i = 0; i < 2000; i++) {
      const doc = randomValue(next, 0);
      if (yaml.tryStringify(doc) !== undefined) own++;
      expect(yaml.stringify(doc)).toBe(YAML.stringify(doc, options));
    }
    expect(own).toBeGreaterThan(500);
  });

  test('writes words (names, labels, keys) as the library does, reserved words in every case too', () => {
    const next = random(3);
    const chars = 'aAeEfFnNoOsSxXyYzZ019._/-';
    const words = ['abc', 'a.b/c-d_e', 'x1', 'e5', 'Inf', 'NaN', 'o17', 'b101', 'x1f', 'tRuE', 'nULL', 'oN'];
    for (const word of ['y', 'n', 'yes', 'no', 'on', 'off', 'true', 'false', 'null']) {
      words.push(word, word.toUpperCase(), word[0].toUpperCase() + word.slice(1));
    }
    for (let i = 0; i < 3000; i++) {
      const length = 1 + Math.floor(next() * 6);
      words.push(Array.from({ length }, () => chars[Math.floor(next() * chars.length)]).join(''));
    }
    const doc = Object.fromEntries(words.map((word, i) => [word, i % 2 === 0 ? word : [word]]));
    expect(new BlockYaml(options).stringify(doc)).toBe(YAML.stringify(doc, options));
  });

  test('writes text (sentences, image references, queries) as the library does, as values and keys', () => {
    const next = random(11);
    const chars = 'aAeEyYnN019 :#-+._/@~{}[]"\',=|!&*%?<>\t\nü';
    const texts: string[] = [];
    for (let i = 0; i < 4000; i++) {
      const length = Math.floor(next() * 8);
      const rest = Array.from({ length }, () => chars[Math.floor(next() * chars.length)]).join('');
      texts.push(`${'aeEnNoOyY'[Math.floor(next() * 9)]}${rest}`);
    }
    const doc = Object.fromEntries(texts.map((text, i) => [`${text}${i}`, i % 2 === 0 ? text : [text]]));
    expect(new BlockYaml(options).stringify(doc)).toBe(YAML.stringify(doc, options));
    expect(new BlockYaml(options).stringify({ texts })).toBe(YAML.stringify({ texts }, options));
  });

  test('writes numbers, booleans and null as the library does', () => {
    const numbers = [0, 1, -1, 7, 42, 8080, -65536, 1.5, -0.25, 0.1, 1e-7, 2 ** 53, 1e21, -1e21, 5e-324];
    const doc = {
      numbers,
      flags: { t: true, f: false, n: null },
      mixed: [true, null, ...numbers, Number.MAX_VALUE],
    };
    expect(new BlockYaml(options).stringify(doc)).toBe(YAML.stringify(doc, options));
  });

  test('writes paths and other printable text as the library does, whatever its first character', () => {
    const next = random(13);
    const chars = 'aZ09 /._-:#"\\\'{}[],|>@`!&*%?~=';
    const texts = ['/', '/etc/kubernetes/pki', '/a: b', '/a #b', '/x:', '/x ', '"', '\\', "'", ''];
    for (let i = 0; i < 4000; i++) {
      const length = 1 + Math.floor(next() * 8);
      texts.push(Array.from({ length }, () => chars[Math.floor(next() * chars.length)]).join(''));
    }
    const doc = { texts, map: Object.fromEntries(texts.map((text, i) => [`k${i}`, text])) };
    expect(new BlockYaml(options).stringify(doc)).toBe(YAML.stringify(doc, options));
  });

  test('leaves what it does not write itself to the library', () => {
    const shared = { a: 1 };
    const docs = [
      { a: undefined },
      { n: Number.NaN },
      { n: -0 },
      {},
      [],
      'scalar',
      null,
      { ['k'.repeat(2000)]: 1 },
      { '---': 1 },
      { one: shared, two: shared },
      { one: [shared], two: [[], []] },
    ];
    const yaml = new BlockYaml(options);
    for (const doc of docs) {
      expect(yaml.stringify(doc)).toBe(YAML.stringify(doc, options));
      expect(yaml.stringify({ n: 0 })).toBe(YAML.stringify({ n: 0 }, options));
    }
    expect(yaml.tryStringify({ n: -0 })).toBeUndefined();
    expect(yaml.tryStringify({ a: undefined })).toBeUndefined();
    expect(yaml.tryStringify({ a: 'x' })).toBe(YAML.stringify({ a: 'x' }, options));
  });
});

test('BlockYaml leaves text to the library under options that fold lines', () => {
  const options: BlockYamlOptions = { lineWidth: 30 };
  const text = 'service-1 in prod runs fewer replicas than desired for ten minutes';
  const doc = { k: text };
  expect(YAML.stringify(doc, options)).toContain('\n');
  expect(new BlockYaml(options).stringify(doc)).toBe(YAML.stringify(doc, options));
});

test.each<[string, BlockYamlOptions]>([
  ['strings and keys quoted', { lineWidth: 0, defaultStringType: 'QUOTE_DOUBLE' }],
  [
    'strings single-quoted, keys plain',
    { lineWidth: 0, defaultStringType: 'QUOTE_SINGLE', defaultKeyType: 'PLAIN' },
  ],
  ['keys quoted only', { lineWidth: 0, defaultKeyType: 'QUOTE_DOUBLE' }],
])('BlockYaml quotes plain words as the library does with %s', (_name, options) => {
  const doc = { name: 'web', labels: { app: 'web', tier: ['front', 'back'] }, 'a.b/c': 'x1' };
  expect(new BlockYaml(options).stringify(doc)).toBe(YAML.stringify(doc, options));
});

test.each<[string, BlockYamlOptions]>([
  ['cdk8s', { keepUndefined: true, lineWidth: 0, version: '1.1' }],
  ['node documents', NODE_YAML_OPTIONS.plain],
  ['node documents, quoted', NODE_YAML_OPTIONS.quoted],
])(
  'BlockYaml writes paths, single-line text, numbers and booleans without asking the library, with %s',
  (_name, options) => {
    const doc = {
      path: '/etc/containerd/certs.d/registry.example/hosts.toml',
      owner: 'root:root',
      text: "it's a sentence, with punctuation = fine",
      words: ['kube-system', 'system:kube-scheduler'],
      numbers: [0, 8080, 1.5, -3],
      flags: [true, false, null],
    };
    // The module object itself: the namespace imported above is a copy whose properties cannot be spied on.
    const library = jest.spyOn(jest.requireActual<{ stringify: typeof YAML.stringify }>('yaml'), 'stringify');
    try {
      const written = new BlockYaml(options).stringify(doc);
      expect(library).not.toHaveBeenCalled();
      library.mockRestore();
      expect(written).toBe(YAML.stringify(doc, options));
    } finally {
      library.mockRestore();
    }
  },
);
