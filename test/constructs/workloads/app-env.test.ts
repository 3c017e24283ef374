import {
  ConfigMapRef,
  SecretKeyRef,
  SecretRef,
  envProblems,
  toKubeEnv,
} from '../../../constructs/workloads/app-env';

describe('environment variables', () => {
  test('render literals and references in order', () => {
    expect(
      toKubeEnv({
        MODE: 'prod',
        API_KEY: SecretRef.named('stripe').key('api-key'),
        COLOR: ConfigMapRef.named('theme').key('color'),
      }),
    ).toEqual([
      { name: 'MODE', value: 'prod' },
      { name: 'API_KEY', valueFrom: { secretKeyRef: { name: 'stripe', key: 'api-key' } } },
      { name: 'COLOR', valueFrom: { configMapKeyRef: { name: 'theme', key: 'color' } } },
    ]);
  });

  test('secrets are references: the construct never holds a value', () => {
    const ref = SecretRef.named('stripe').key('api-key');
    expect(ref).toBeInstanceOf(SecretKeyRef);
    expect(Object.values(ref)).toEqual(['stripe', 'api-key']);
  });

  test.each([
    ['a bad name', { '1ST': 'x' }, 'environment variable name'],
    ['a secret as plain text', { DB_PASSWORD: 'hunter2' }, 'looks like a secret'],
    ['a token as plain text', { githubToken: 'x' }, 'looks like a secret'],
    ['a bad Secret name', { KEY: SecretRef.named('Bad_Name').key('k') }, 'Secret name "Bad_Name"'],
    ['a bad Secret key', { KEY: SecretRef.named('ok').key('a/b') }, 'Secret key "a/b"'],
    ['a bad ConfigMap name', { KEY: ConfigMapRef.named('UPPER').key('k') }, 'ConfigMap name "UPPER"'],
    ['a bad ConfigMap key', { KEY: ConfigMapRef.named('ok').key('') }, 'ConfigMap key ""'],
  ])('reports %s', (_, env, message) => {
    expect(envProblems(env)).toEqual([
      { name: Object.keys(env)[0], message: expect.stringContaining(message) },
    ]);
  });

  test('a secret-looking name is fine when it references a Secret', () => {
    expect(envProblems({ DB_PASSWORD: SecretRef.named('db').key('password') })).toEqual([]);
  });
});
