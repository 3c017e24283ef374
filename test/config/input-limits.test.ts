import { EMAIL, INPUT_LIMITS, Problems, checkInputLimits, ConfigError } from '../../config';
import { cpuMillisOf } from '../support/cpu-time';
import { resolvePlatform } from '../support/berth-platform';

function problemsOf(input: unknown): { path: string; message: string }[] {
  const problems = new Problems();
  checkInputLimits(input, problems);
  return problems.all.map((p) => ({ path: p.path, message: p.message }));
}

describe('checkInputLimits', () => {
  test('a sane document passes', () => {
    expect(problemsOf({ name: 'acme', clusters: [{ name: 'main', minionPools: [{ count: 3 }] }] })).toEqual(
      [],
    );
  });

  test.each([
    [
      'constructor',
      { environments: [{ name: 'dev', config: { constructor: 'x' } }] },
      'environments[0].config.constructor',
    ],
    [
      '__proto__',
      JSON.parse('{"clusters":[{"minionPools":[{"labels":{"__proto__":{"a":"b"}}}]}]}'),
      'clusters[0].minionPools[0].labels.__proto__',
    ],
    ['prototype', { prototype: 1 }, 'prototype'],
  ])('refuses the key %s anywhere, with its path', (_, input, path) => {
    expect(problemsOf(input)).toEqual([{ path, message: expect.stringContaining('is reserved') }]);
  });

  test('bounds strings, lists, mappings and nesting', () => {
    const deep: Record<string, unknown> = {};
    let cursor = deep;
    for (let i = 0; i < INPUT_LIMITS.depth + 5; i++) cursor = cursor.x = {} as Record<string, unknown>;
    const wide = Object.fromEntries(Array.from({ length: INPUT_LIMITS.items + 1 }, (_, i) => [`k${i}`, 1]));
    expect(problemsOf({ unknown: 'x'.repeat(INPUT_LIMITS.stringLength + 1) })).toEqual([
      { path: 'unknown', message: 'is longer than 16384 characters' },
    ]);
    expect(problemsOf({ list: Array(INPUT_LIMITS.items + 1).fill(1) })[0].message).toBe(
      'must list at most 1000 items',
    );
    expect(problemsOf({ wide })[0]).toEqual({ path: 'wide', message: 'must have at most 1000 keys' });
    expect(problemsOf(deep)[0].message).toBe('is nested deeper than 32 levels');
    expect(problemsOf({ ['k'.repeat(300)]: 1 })[0].message).toBe('keys are at most 253 characters');
  });

  test.each([
    ['Infinity', Infinity, 'must be a finite number'],
    ['NaN', NaN, 'must be a finite number'],
    ['1e23', 1e23, 'is too large'],
    ['-1e300', -1e300, 'is too large'],
  ])('refuses the number %s', (_, value, message) => {
    expect(problemsOf({ clusters: [{ minionPools: [{ count: value }] }] })[0]).toEqual({
      path: 'clusters[0].minionPools[0].count',
      message: expect.stringContaining(message),
    });
  });

  test('refuses values YAML tags turn into objects (binary, sets, dates)', () => {
    expect(problemsOf({ a: Buffer.from('x'), b: new Set([1]), c: new Date(0) }).map((p) => p.path)).toEqual([
      'a',
      'b',
      'c',
    ]);
  });
});

describe('resolvePlatform applies the limits first', () => {
  function pathsOf(input: unknown): string[] {
    try {
      resolvePlatform(input);
    } catch (err) {
      return (err as ConfigError).problems.map((p) => p.path);
    }
    return [];
  }

  test('one clear problem per breach, before any field rule', () => {
    expect(pathsOf({ name: 'x'.repeat(20000), cloud: { image: 'y'.repeat(20000) } })).toEqual([
      'name',
      'cloud.image',
    ]);
  });

  test.each([
    [
      'an e-mail field',
      (s: string) => ({ clusters: [{ name: 'main', dns: { email: s } }] }),
      'clusters[0].dns.email',
    ],
    ['an image name', (s: string) => ({ cloud: { image: s } }), 'cloud.image'],
    ['an SSH key', (s: string) => ({ cloud: { sshPublicKey: `ssh-ed25519 ${s}` } }), 'cloud.sshPublicKey'],
  ])('a long adversarial string in %s is refused at once', (_, input, path) => {
    for (const s of [`a@${'b.'.repeat(8000)}`, 'a'.repeat(16000), `${'a@'.repeat(8000)}`]) {
      let paths: string[] = [];
      expect(cpuMillisOf(() => (paths = pathsOf(input(s))))).toBeLessThan(200);
      expect(paths).toEqual([path]);
    }
  });

  test('the e-mail pattern is linear even beyond the length limits', () => {
    const cpu = cpuMillisOf(() => {
      for (const s of [`a@${'b.'.repeat(50000)}`, `a@${'b'.repeat(100000)}`, `${'a'.repeat(100000)}@b.c `]) {
        expect(EMAIL.test(s)).toBe(false);
      }
    });
    expect(cpu).toBeLessThan(200);
    expect(EMAIL.test('hostmaster@paas.acme.example')).toBe(true);
  });
});
