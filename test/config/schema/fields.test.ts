import {
  boolean,
  integer,
  list,
  name,
  oneOf,
  optional,
  parsed,
  ratio,
  section,
  stringMap,
  text,
  url,
  withDefault,
} from '../../../config/schema';
import { DataSize } from '../../../config/data-size';
import { problemsOf, read } from '../../support/field-problems';

describe('field builders', () => {
  test('text: non-empty, bounded, then the pattern (length first: no pattern runs on a long string)', () => {
    const rule = { pattern: /^a+$/, allowed: 'a run of "a"', maxLength: 5 };
    expect(read(text(rule), 'aaa')).toBe('aaa');
    expect(problemsOf(text(rule), '')).toEqual(['f: ""; must be a non-empty string (a run of "a")']);
    expect(problemsOf(text(rule), 3)).toEqual(['f: 3; must be a non-empty string (a run of "a")']);
    expect(problemsOf(text(rule), 'bbbbbbbb')).toEqual([
      'f: "bbbbbbbb"; must be at most 5 characters (got 8): a run of "a"',
    ]);
    expect(problemsOf(text(rule), 'ab')).toEqual(['f: "ab"; must be a run of "a"']);
    expect(problemsOf(text({ required: 'the flavor name' }), undefined)).toEqual([
      'f: undefined; is required: the flavor name',
    ]);
  });

  test('name: a DNS-1123 label, required with an example', () => {
    expect(read(name(), 'team-a')).toBe('team-a');
    expect(problemsOf(name(), 'Team_A')[0]).toContain('must be a DNS-1123 label');
    expect(problemsOf(name(), undefined)).toEqual([
      'f: undefined; is required: a DNS-1123 label such as "web" or "team-a"',
    ]);
  });

  test('integer: whole numbers within bounds, one message for every breach', () => {
    expect(read(integer(1, 5), 3)).toBe(3);
    for (const bad of [0, 6, 2.5, '3', true]) {
      expect(problemsOf(integer(1, 5), bad)).toEqual([
        `f: ${JSON.stringify(bad)}; must be a whole number from 1 to 5`,
      ]);
    }
  });

  test('boolean, ratio and oneOf', () => {
    expect(problemsOf(boolean(), 'yes')).toEqual(['f: "yes"; must be true or false (unquoted in YAML)']);
    expect(read(ratio(), 0.05)).toBe(0.05);
    for (const bad of [0, 1, -0.5, 5, '0.1']) {
      expect(problemsOf(ratio(), bad)).toEqual([
        `f: ${JSON.stringify(bad)}; must be a number between 0 and 1 exclusive, e.g. 0.05 for 5%`,
      ]);
    }
    expect(read(oneOf(['local', 's3']), 's3')).toBe('s3');
    expect(problemsOf(oneOf(['local', 's3'], 'the state backend'), 'gcs')).toEqual([
      'f: "gcs"; must be one of "local", "s3": the state backend',
    ]);
  });

  test('parsed: the text must parse; the config keeps the text', () => {
    const size = parsed(DataSize.tryParse, 'a size such as "40Gi"');
    expect(read(size, '40Gi')).toBe('40Gi');
    expect(problemsOf(size, '40 gigs')).toEqual(['f: "40 gigs"; must be a size such as "40Gi"']);
    expect(problemsOf(size, 40)).toEqual(['f: 40; must be a size such as "40Gi"']);
  });

  test('url: https only unless allowed, parsed, and credentials never shown', () => {
    const endpoint = url({ allowed: 'the S3 endpoint' });
    expect(read(endpoint, 'https://s3.example.org')).toBe('https://s3.example.org');
    expect(problemsOf(endpoint, 'http://s3.example.org')).toEqual([
      'f: "http://s3.example.org"; must be an https:// URL: the S3 endpoint',
    ]);
    expect(problemsOf(endpoint, 'https://a b')).toEqual([
      'f: "https://a b"; must be an https:// URL: the S3 endpoint',
    ]);
    expect(read(url({ allowed: 'x', allowHttp: true }), 'http://x.org')).toBe('http://x.org');
    const [problem] = problemsOf(endpoint, 'https://user:secret@s3.example.org/b');
    expect(problem).toContain('"https://(credentials hidden)@s3.example.org/b"; must not carry credentials');
    expect(problem).not.toContain('secret');
  });

  test('list: a list of at most maxItems, each item checked with its index', () => {
    expect(problemsOf(list(text(), 2), 'a')).toEqual(['f: "a"; must be a list']);
    expect(problemsOf(list(text(), 2), ['a', 'b', 'c'])).toEqual([
      'f: "(3 items)"; must list at most 2 items',
    ]);
    expect(problemsOf(list(integer(0, 1)), [0, 7])).toEqual(['f[1]: 7; must be a whole number from 0 to 1']);
  });

  test('stringMap: strings only, bounded', () => {
    expect(read(stringMap(), { a: 'b' })).toEqual({ a: 'b' });
    expect(problemsOf(stringMap(), ['a'])).toEqual(['f: ["a"]; must be a mapping of strings to strings']);
    expect(problemsOf(stringMap(), { a: 1 })).toEqual([
      'f.a: 1; must be a string (quote numbers and booleans in YAML)',
    ]);
    expect(problemsOf(stringMap(1), { a: 'x', b: 'y' })).toEqual([
      'f: "(2 entries)"; must have at most 1 entries',
    ]);
  });

  test('section: a mapping of known fields; optional and withDefault', () => {
    const s = section({ a: withDefault(integer(0, 9), 4), b: optional(text()) });
    expect(read(s, {})).toEqual({ a: 4 });
    expect(problemsOf(s, 'x')).toEqual(['f: "x"; must be an object (a YAML mapping)']);
    expect(problemsOf(s, { c: 1 })).toEqual(['f.c: 1; is not a known field; allowed fields here: a, b']);
  });
});
