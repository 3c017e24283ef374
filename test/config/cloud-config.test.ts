import { resolvePlatform } from '../support/berth-platform';
import { onlyProblem, problemsOf } from '../support/platform-problems';

describe('cloudSchema', () => {
  test('validates the flavor catalogue', () => {
    const problems = problemsOf({
      cloud: { flavors: [{ name: 'x', vcpus: 0, memory: '8GB' }, { vcpus: 2 }, 'm1.tiny'] },
    });
    expect(problems.map((p) => p.path)).toEqual(
      expect.arrayContaining([
        'cloud.flavors[0].vcpus',
        'cloud.flavors[0].memory',
        'cloud.flavors[1].name',
        'cloud.flavors[1].memory',
        'cloud.flavors[2]',
      ]),
    );
  });

  test('validates cloud fields', () => {
    const problems = problemsOf({
      cloud: {
        sshPublicKey: 'not a key',
        adminCidrs: ['0.0.0.0/0', '10.1.2.3/8'],
        dnsNameservers: ['dns.example.com'],
        region: '',
      },
    });
    // A wrong list item stops the checks across fields (the overlap of adminCidrs[0] comes next run):
    // leaving the item out would move the items after it, and later problems would misname them.
    expect(problems.map((p) => p.path)).toEqual([
      'cloud.sshPublicKey',
      'cloud.adminCidrs[1]',
      'cloud.dnsNameservers[0]',
      'cloud.region',
    ]);
    expect(onlyProblem({ cloud: { adminCidrs: ['0.0.0.0/0'] } }).path).toBe('cloud.adminCidrs[0]');
  });

  test("private cloud: the cloud's own resolvers by default, and a private CA as PEM", () => {
    const platform = resolvePlatform({});
    expect(platform.cloud.dnsNameservers).toEqual([]);
    expect(platform.cloud.caCertificatePem).toBeUndefined();
    const pem = `-----BEGIN CERTIFICATE-----\n${'A'.repeat(64)}\nAAAA\n-----END CERTIFICATE-----\n`;
    const bundle = `${pem}${pem}`;
    expect(resolvePlatform({ cloud: { caCertificate: bundle } }).cloud.caCertificatePem).toBe(bundle);
    // A real CA certificate is 1-2 KB, a bundle several: longer than the usual 1024-character field.
    const realistic = `-----BEGIN CERTIFICATE-----\n${`${'A'.repeat(64)}\n`.repeat(30)}-----END CERTIFICATE-----\n`;
    expect(realistic.length).toBeGreaterThan(2000);
    expect(resolvePlatform({ cloud: { caCertificate: realistic } }).cloud.caCertificatePem).toBe(realistic);
    for (const bad of [
      '/etc/ssl/private-ca.pem',
      `${pem}junk`,
      '-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----',
    ]) {
      expect(onlyProblem({ cloud: { caCertificate: bad } })).toMatchObject({
        path: 'cloud.caCertificate',
        message: expect.stringContaining('PEM certificates'),
      });
    }
  });

  test('validates the Keystone URL and the application credential', () => {
    const problems = problemsOf({
      cloud: { authUrl: 'keystone', applicationCredential: { roles: ['admin'], expiresAt: 'tomorrow' } },
    });
    expect(problems.map((p) => p.path)).toEqual([
      'cloud.authUrl',
      'cloud.applicationCredential.roles[0]',
      'cloud.applicationCredential.expiresAt',
    ]);
    expect(problems[1].message).toContain('must not be an administrative role');
  });

  test.each([['Admin'], ['ADMIN'], ['service'], ['load-balancer_admin']])(
    'rejects the administrative role %p in any case (Keystone compares role names case-insensitively)',
    (role) => {
      expect(onlyProblem({ cloud: { applicationCredential: { roles: ['member', role] } } })).toMatchObject({
        path: 'cloud.applicationCredential.roles[1]',
        value: role,
        message: expect.stringContaining('must not be an administrative role'),
      });
    },
  );

  test('rejects a credential without roles: Keystone would delegate every role of its creator', () => {
    expect(onlyProblem({ cloud: { applicationCredential: { roles: [] } } })).toMatchObject({
      path: 'cloud.applicationCredential.roles',
      message: expect.stringContaining('must name at least one role'),
    });
    // An empty item is reported where it is; the list is not reported again as empty.
    expect(onlyProblem({ cloud: { applicationCredential: { roles: [null] } } })).toMatchObject({
      path: 'cloud.applicationCredential.roles[0]',
      message: expect.stringContaining('must be a non-empty string (a Keystone role name'),
    });
  });
});
