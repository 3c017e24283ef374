import { ConfigError, Problem, TaintEffect } from '../../../config';
import { NodeBootstrapProps, NodeRole } from '../../../constructs/cluster/node-bootstrap-props';
import { validateNodeBootstrapProps } from '../../../constructs/cluster/node-bootstrap-validation';
import { ETCD_BACKUP_SETTINGS, SECRETS, pem, sampleProps } from '../../support/node-bootstrap-samples';

function problemsOf(props: NodeBootstrapProps): readonly Problem[] {
  try {
    validateNodeBootstrapProps(props);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  throw new Error('expected the props to be rejected');
}

function onlyProblem(props: NodeBootstrapProps): Problem {
  const problems = problemsOf(props);
  expect(problems.map((p) => `${p.path}: ${p.message}`)).toHaveLength(1);
  return problems[0];
}

function errorText(props: NodeBootstrapProps): string {
  try {
    validateNodeBootstrapProps(props);
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error('expected the props to be rejected');
}

describe('validateNodeBootstrapProps', () => {
  test.each([NodeRole.JOIN_MASTER, NodeRole.MINION])(
    'the CA key given to a %s is refused, naming the fix',
    (role) => {
      const caPrivateKeyPem = pem('RSA PRIVATE KEY', 64, 'leak');
      const problem = onlyProblem({ ...sampleProps(role), caPrivateKeyPem });
      expect(problem.path).toBe('caPrivateKeyPem');
      expect(problem.message).toContain(`must not be given for role "${role}"`);
      expect(problem.message).toContain('remove it');
      expect(errorText({ ...sampleProps(role), caPrivateKeyPem })).not.toContain(
        caPrivateKeyPem.split('\n')[1],
      );
    },
  );

  test('the init master needs the CA key', () => {
    const problem = onlyProblem({ ...sampleProps(NodeRole.INIT_MASTER), caPrivateKeyPem: undefined });
    expect(problem.path).toBe('caPrivateKeyPem');
    expect(problem.message).toContain('is required for role "init-master"');
    expect(problem.message).toContain('private_key_pem');
  });

  test('minions refuse the certificate key and the encryption key', () => {
    const problems = problemsOf({
      ...sampleProps(NodeRole.MINION),
      certificateKey: SECRETS.certificateKey,
      secretsEncryptionKey: SECRETS.secretsEncryptionKey,
    });
    expect(problems.map((p) => p.path)).toEqual(['certificateKey', 'secretsEncryptionKey']);
    for (const p of problems)
      expect(p.message).toContain('must not be given for role "minion": only masters use it');
  });

  test.each([NodeRole.INIT_MASTER, NodeRole.JOIN_MASTER])(
    'a %s needs the certificate key and the encryption key',
    (role) => {
      const problems = problemsOf({
        ...sampleProps(role),
        certificateKey: undefined,
        secretsEncryptionKey: undefined,
      });
      expect(problems.map((p) => p.path)).toEqual(['certificateKey', 'secretsEncryptionKey']);
      expect(problems[0].message).toContain('64 hex characters');
      expect(problems[1].message).toContain('base64 of 32 random bytes');
    },
  );

  test('malformed secrets are named without showing them', () => {
    const props = {
      ...sampleProps(NodeRole.JOIN_MASTER),
      bootstrapToken: 'ABCDEF.0123456789abcdef',
      certificateKey: 'not-hex-at-all',
      secretsEncryptionKey: Buffer.alloc(16, 1).toString('base64'),
    };
    expect(problemsOf(props).map((p) => p.path)).toEqual([
      'bootstrapToken',
      'certificateKey',
      'secretsEncryptionKey',
    ]);
    const text = errorText(props);
    expect(text).toContain(
      'bootstrapToken: got "<secret, 23 characters, not shown>"; must be a kubeadm token',
    );
    for (const secret of [props.bootstrapToken, props.certificateKey, props.secretsEncryptionKey]) {
      expect(text).not.toContain(secret);
    }
  });

  test.each([
    ['controlPlaneEndpoint', { controlPlaneEndpoint: '203.0.113.5' }, 'must be "host:port"'],
    ['controlPlaneEndpoint', { controlPlaneEndpoint: 'https://api.example.com:6443' }, 'must be "host:port"'],
    ['controlPlaneEndpoint', { controlPlaneEndpoint: '203.0.113.5:70000' }, 'must be "host:port"'],
    [
      'apiServerCertSans[1]',
      { apiServerCertSans: ['ok.example.com', 'bad name'] },
      'DNS name or an IPv4 address',
    ],
    ['registryHost', { registryHost: 'https://registry.example.com' }, 'optionally with ":port"'],
    ['clusterName', { clusterName: 'Main' }, 'DNS-1123 label'],
    ['caCertificatePem', { caCertificatePem: 'not a certificate' }, 'one PEM certificate'],
    ['registryCaPem', { registryCaPem: '' }, 'one PEM certificate'],
    ['podNetworkMtu', { podNetworkMtu: 100 }, 'from 1200 to 9000'],
    [
      'nodeLabels',
      { nodeLabels: { 'node-role.kubernetes.io/worker': '' } },
      'the kubelet refuses labels under kubernetes.io or k8s.io',
    ],
    ['nodeLabels.pool', { nodeLabels: { pool: 'not valid' } }, 'must be a label value'],
    ['taints[0].effect', { taints: [{ key: 'a', effect: 'Sometimes' as TaintEffect }] }, 'must be one of'],
    [
      'taints[0].key',
      { taints: [{ key: 'Example.com/a', effect: TaintEffect.NO_SCHEDULE }] },
      'must be a label key',
    ],
    [
      'taints[0].value',
      { taints: [{ key: 'a', value: '-x', effect: TaintEffect.NO_SCHEDULE }] },
      'must be a label value',
    ],
    ['role', { role: 'worker' as NodeRole }, 'must be one of "init-master", "join-master", "minion"'],
  ])('rejects a bad %s', (field, change, message) => {
    const problem = onlyProblem({ ...sampleProps(NodeRole.MINION), ...change });
    expect(problem.path).toBe(field);
    expect(problem.message).toContain(message);
  });

  test("masters need the masters' fixed addresses (they decide init or join from them); minions do not get them", () => {
    for (const role of [NodeRole.INIT_MASTER, NodeRole.JOIN_MASTER]) {
      expect(onlyProblem({ ...sampleProps(role), masterAddresses: undefined })).toMatchObject({
        path: 'masterAddresses',
        message: expect.stringContaining(`is required for role "${role}"`),
      });
      expect(onlyProblem({ ...sampleProps(role), masterAddresses: ['10.0.0.10', 'master-2'] })).toMatchObject(
        {
          path: 'masterAddresses[1]',
          message: expect.stringContaining('must be an IPv4 address'),
        },
      );
    }
  });

  test('accepts a registry with a port and labels under node.kubernetes.io/', () => {
    expect(() =>
      validateNodeBootstrapProps({
        ...sampleProps(NodeRole.MINION),
        registryHost: 'registry.example.com:5443',
        nodeLabels: { 'node.kubernetes.io/pool': 'a' },
      }),
    ).not.toThrow();
  });

  test('reports every problem at once', () => {
    const problems = problemsOf({
      ...sampleProps(NodeRole.MINION),
      clusterName: 'Bad',
      controlPlaneEndpoint: 'nope',
      caPrivateKeyPem: 'x',
      podNetworkMtu: 1,
    });
    expect(problems.map((p) => p.path)).toEqual([
      'clusterName',
      'controlPlaneEndpoint',
      'caPrivateKeyPem',
      'podNetworkMtu',
    ]);
  });
  test('a minion refuses them, so the credential stays off minions', () => {
    const problem = onlyProblem({ ...sampleProps(NodeRole.MINION), etcdBackup: ETCD_BACKUP_SETTINGS });
    expect(problem.path).toBe('etcdBackup');
    expect(problem.message).toContain('must not be given for role "minion"');
  });

  test('keep must be a whole number above 0', () => {
    const problem = onlyProblem({
      ...sampleProps(NodeRole.INIT_MASTER),
      etcdBackup: { ...ETCD_BACKUP_SETTINGS, keep: 0 },
    });
    expect(problem.path).toBe('etcdBackup.keep');
  });
});
