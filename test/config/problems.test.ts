import { ConfigError, Problems, describeValue } from '../../config';

describe('Problems', () => {
  test('collects problems and throws them all at once', () => {
    const problems = new Problems();
    expect(() => problems.throwIfAny()).not.toThrow();
    problems.add('a.b', 3, 'must be a string');
    problems.add('c', undefined, 'is required');
    expect(problems.count).toBe(2);
    try {
      problems.throwIfAny('x.yaml');
      throw new Error('expected a ConfigError');
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const error = err as ConfigError;
      expect(error.problems).toHaveLength(2);
      expect(error.message).toBe(
        [
          'Invalid platform configuration in x.yaml: 2 problems',
          '  - a.b: got 3; must be a string',
          '  - c: missing; is required',
        ].join('\n'),
      );
    }
  });

  test('reported: a problem at a path or inside it', () => {
    const problems = new Problems();
    problems.add('state.endpoint', 'http://x', 'must be an https:// URL');
    problems.add('clusters[0].minionPools[1].name', 'B', 'must be a DNS-1123 label');
    expect(problems.reported('state.endpoint')).toBe(true);
    expect(problems.reported('state')).toBe(true);
    expect(problems.reported('state.end')).toBe(false);
    expect(problems.reported('clusters[0].minionPools')).toBe(true);
    expect(problems.reported('clusters[0].masters')).toBe(false);
  });

  test('shortens long values', () => {
    expect(describeValue('x'.repeat(200))).toHaveLength(4 + 80);
    expect(describeValue(undefined)).toBe('missing');
  });
});
