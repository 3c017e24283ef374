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

  test('shortens long values', () => {
    expect(describeValue('x'.repeat(200))).toHaveLength(4 + 80);
    expect(describeValue(undefined)).toBe('missing');
  });
});
