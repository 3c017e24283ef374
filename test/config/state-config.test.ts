import { onlyProblem } from '../support/platform-problems';

describe('stateSchema', () => {
  test('validates the state fields', () => {
    expect(onlyProblem({ state: { backend: 'consul' } }).message).toBe('must be one of "local", "s3"');
    expect(onlyProblem({ state: { backend: 's3', bucket: 'b', endpoint: 'http://plain' } }).path).toBe(
      'state.endpoint',
    );
    expect(
      onlyProblem({
        state: { backend: 's3', bucket: 'b', endpoint: 'https://s3.example.org', keyPrefix: '/x' },
      }),
    ).toMatchObject({ path: 'state.keyPrefix', message: expect.stringContaining('a key prefix of letters') });
  });
});
