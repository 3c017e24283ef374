import { StateBackendKind } from '../../config';
import { resolvePlatform } from '../support/berth-platform';
import { onlyProblem, problemsOf } from '../support/platform-problems';

describe('resolveState', () => {
  test('an s3 backend: bucket and endpoint given, region and key prefix defaulted', () => {
    expect(
      resolvePlatform({ state: { backend: 's3', bucket: 'tf', endpoint: 'https://s3.example.com' } }).state,
    ).toEqual({
      kind: StateBackendKind.S3,
      bucket: 'tf',
      endpoint: 'https://s3.example.com',
      region: 'us-east-1',
      keyPrefix: 'berth',
    });
  });

  test('the s3 backend requires a bucket and an endpoint; the s3 fields apply to it alone', () => {
    expect(problemsOf({ state: { backend: 's3' } }).map((p) => p.path)).toEqual([
      'state.bucket',
      'state.endpoint',
    ]);
    expect(onlyProblem({ state: { bucket: 'b' } })).toMatchObject({
      path: 'state.bucket',
      message: 'only applies to state.backend "s3"',
    });
    expect(resolvePlatform({}).state).toEqual({ kind: StateBackendKind.LOCAL });
  });

  test('a wrong value is not also reported as missing', () => {
    expect(
      onlyProblem({ state: { backend: 's3', bucket: 7, endpoint: 'https://s3.example.org' } }),
    ).toMatchObject({
      path: 'state.bucket',
      message: 'must be a non-empty string',
    });
  });
});
