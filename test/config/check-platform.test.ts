import { ConfigError, Problem, formatWarnings } from '../../config';
import { resolvePlatform } from '../support/berth-platform';

function problemsOf(input: unknown): readonly Problem[] {
  try {
    resolvePlatform(input);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  return [];
}

const paths = (input: unknown) => problemsOf(input).map((p) => p.path);
const cluster = (fields: Record<string, unknown>) => ({ clusters: [{ name: 'main', ...fields }] });

describe('checkPlatform: accepted before, wrong or dangerous', () => {
  test.each([
    ['loopback node network', cluster({ nodeCidr: '127.0.0.0/24' }), 'clusters[0].nodeCidr', 'loopback'],
    ['link-local pod network', cluster({ podCidr: '169.254.0.0/16' }), 'clusters[0].podCidr', 'link-local'],
    [
      'multicast service network',
      cluster({ serviceCidr: '224.0.0.0/12' }),
      'clusters[0].serviceCidr',
      'multicast',
    ],
    ['loopback admin network', { cloud: { adminCidrs: ['127.0.0.0/8'] } }, 'cloud.adminCidrs[0]', 'loopback'],
    [
      'link-local resolver',
      { cloud: { dnsNameservers: ['169.254.169.254'] } },
      'cloud.dnsNameservers[0]',
      'link-local',
    ],
    [
      'loopback resolver',
      { cloud: { dnsNameservers: ['127.0.0.53'] } },
      'cloud.dnsNameservers[0]',
      'loopback',
    ],
  ])('%s', (_, input, path, word) => {
    const problem = problemsOf(input).find((p) => p.path === path);
    expect(problem?.message).toContain(word);
  });

  test.each(['10.0.0.1', '192.168.1.20'])('an IP address as a domain: %p', (domain) => {
    expect(problemsOf(cluster({ domain }))).toEqual([
      expect.objectContaining({
        path: 'clusters[0].domain',
        message: expect.stringContaining('is an IP address, not a domain'),
      }),
    ]);
  });

  test.each([
    [
      'existing network by name',
      cluster({ existingNetwork: { networkId: 'private-net', subnetId: 'private-subnet' } }),
      ['clusters[0].existingNetwork.networkId', 'clusters[0].existingNetwork.subnetId'],
    ],
    ['DNS zone by name', cluster({ dns: { zoneId: 'paas.example.com.' } }), ['clusters[0].dns.zoneId']],
  ])('names where UUIDs are required: %s', (_, input, expected) => {
    expect(paths(input)).toEqual(expected);
  });

  test.each(['2027-02-30T00:00:00Z', '2027-13-01T00:00:00Z', '2027-01-01T24:00:00Z'])(
    'an impossible date: %p',
    (expiresAt) => {
      expect(paths({ cloud: { applicationCredential: { expiresAt } } })).toEqual([
        'cloud.applicationCredential.expiresAt',
      ]);
    },
  );

  test.each([
    ['1 vCPU', { name: 'tiny', vcpus: 1, memory: '4Gi' }],
    ['1 GiB', { name: 'tiny', vcpus: 2, memory: '1Gi' }],
  ])("masters below kubeadm's minimum (%s)", (_, flavor) => {
    const input = {
      cloud: { flavors: [flavor, { name: 'm1.large', vcpus: 4, memory: '8Gi' }] },
      clusters: [{ name: 'main', masters: { flavor: 'tiny' } }],
    };
    expect(problemsOf(input)).toEqual([
      expect.objectContaining({
        path: 'clusters[0].masters.flavor',
        message: expect.stringContaining('kubeadm refuses a control-plane node below 2 vCPUs'),
      }),
    ]);
  });

  test('server names over 63 characters (Nova cuts host names, two nodes would share one name)', () => {
    const long = 'a'.repeat(30);
    const problems = problemsOf({
      name: long,
      clusters: [
        {
          name: long,
          minionPools: [
            { name: 'default', count: 2 },
            { name: 'x', count: 1 },
          ],
        },
      ],
    });
    expect(problems.map((p) => p.path)).toEqual([
      'clusters[0].name',
      'clusters[0].minionPools[0].name',
      'clusters[0].minionPools[1].name',
    ]);
    expect(problems[0].message).toContain('Nova cuts host names at 63');
  });

  test('derived host names over 253 characters', () => {
    const domain = `${'a'.repeat(60)}.${'b'.repeat(60)}.${'c'.repeat(60)}.${'d'.repeat(55)}.example`;
    expect(
      paths({
        clusters: [{ name: 'main', domain }],
        environments: [{ name: 'dev' }, { name: 'production-eu' }],
      }),
    ).toEqual(['environments[0].name', 'environments[1].name']);
  });

  test('absurd counts: too many pools, nodes in a cluster and nodes in all', () => {
    const pools = (n: number, count: number) =>
      Array.from({ length: n }, (_, i) => ({ name: `p${i}`, count }));
    expect(paths(cluster({ minionPools: pools(21, 1), podCidr: '10.128.0.0/9' }))).toEqual([
      'clusters[0].minionPools',
    ]);
    expect(
      paths(cluster({ minionPools: pools(4, 100), nodeCidr: '10.0.0.0/20', podCidr: '10.128.0.0/9' })),
    ).toEqual(['clusters[0].minionPools']);
  });

  test.each([
    [
      'a node volume of 100,000 TiB',
      cluster({ minionPools: [{ name: 'default', volumeSize: '100000Ti' }] }),
      'clusters[0].minionPools[0].volumeSize',
    ],
    [
      'a master volume of 20 TiB',
      cluster({ masters: { volumeSize: '20Ti' } }),
      'clusters[0].masters.volumeSize',
    ],
    [
      'an overflowing quota',
      { environments: [{ name: 'dev', quota: { memory: '1000000000000000000000Gi' } }] },
      'environments[0].quota.memory',
    ],
    [
      'an overflowing CPU',
      { environments: [{ name: 'dev', quota: { cpu: '100000000000' } }] },
      'environments[0].quota.cpu',
    ],
  ])('absurd sizes: %s', (_, input, path) => {
    expect(paths(input)).toContain(path);
  });
});

describe('checkPlatform: legal but risky settings are warnings', () => {
  test('admin access from a large part of the internet', () => {
    const platform = resolvePlatform({ cloud: { adminCidrs: ['128.0.0.0/1'] } });
    expect(platform.warnings).toEqual([expect.objectContaining({ path: 'cloud.adminCidrs[0]' })]);
    expect(formatWarnings(platform.warnings ?? [], 'p.yaml')).toBe(
      'Warning (p.yaml): cloud.adminCidrs[0]: got "128.0.0.0/1"; opens SSH, the Kubernetes API and the management UIs to 2,147,483,648 addresses of the internet; list your admin networks instead',
    );
  });

  test('alert e-mail without TLS', () => {
    const platform = resolvePlatform(
      cluster({
        addons: {
          monitoring: {
            smtp: { smarthost: 'mail.acme.internal:25', from: 'a@acme.internal', requireTls: false },
          },
        },
      }),
    );
    expect(platform.warnings?.map((w) => w.path)).toEqual(['clusters[0].addons.monitoring.smtp.requireTls']);
  });

  test('the default platform has no warning', () => {
    expect(resolvePlatform({}).warnings).toBeUndefined();
  });
});

describe('URLs', () => {
  test.each([
    [
      'cloud.authUrl',
      { cloud: { authUrl: 'http://keystone.acme.internal:5000/v3' } },
      'must be an https:// URL',
    ],
    [
      'cloud.authUrl',
      { cloud: { authUrl: 'https://admin:s3cret@keystone.acme.internal/v3' } },
      'must not carry credentials',
    ],
    [
      'state.endpoint',
      { state: { backend: 's3', bucket: 'b', endpoint: 'https://key:secret@s3.acme.internal' } },
      'must not carry credentials',
    ],
    [
      'clusters[0].addons.monitoring.receivers[0].webhookUrl',
      cluster({
        addons: { monitoring: { receivers: [{ name: 'ops', webhookUrl: 'http://hooks.acme.internal/x' }] } },
      }),
      'must be an https:// URL',
    ],
  ])('%s: refused', (path, input, message) => {
    const problem = problemsOf(input).find((p) => p.path === path);
    expect(problem?.message).toContain(message);
    expect(JSON.stringify(problem?.value)).not.toContain('secret');
  });
});

describe('environments: what teams and settings may not take', () => {
  test.each(['system:authenticated', 'system:serviceaccounts', 'system:masters'])('team %p', (team) => {
    expect(problemsOf({ environments: [{ name: 'dev', teams: [team], teamRole: 'edit' }] })).toEqual([
      expect.objectContaining({
        path: 'environments[0].teams[0]',
        message: expect.stringContaining('Kubernetes system group'),
      }),
    ]);
  });

  test.each(['BERTH_ENVIRONMENT', 'BERTH_HOST_DOMAIN', 'KUBERNETES_SERVICE_HOST'])(
    'setting %p overriding the platform',
    (key) => {
      expect(paths({ environments: [{ name: 'dev', config: { [key]: 'x' } }] })).toEqual([
        `environments[0].config.${key}`,
      ]);
    },
  );
});
