import { ConfigError, DEFAULT_PLATFORM, StateBackendKind } from '../../config';
import { resolvePlatform } from '../support/berth-platform';
import { cluster, onlyProblem, problemsOf } from '../support/platform-problems';

describe('resolvePlatform defaults', () => {
  test('an empty config is the embedded default platform', () => {
    expect(resolvePlatform({})).toEqual(resolvePlatform(DEFAULT_PLATFORM));
    expect(resolvePlatform(undefined)).toEqual(resolvePlatform(DEFAULT_PLATFORM));
  });

  test('the default is the seed deployment: 1 master + 2 minions serving dev, test and prod', () => {
    const platform = resolvePlatform({});
    expect(platform.clusters).toHaveLength(1);
    const main = platform.clusters[0];
    expect(main.name).toBe('main');
    expect(main.masters.count).toBe(1);
    expect(main.minionPools.reduce((n, p) => n + p.count, 0)).toBe(2);
    expect(platform.environments.map((e) => `${e.name}@${e.cluster}`)).toEqual([
      'dev@main',
      'test@main',
      'prod@main',
    ]);
    expect(platform.state).toEqual({ kind: StateBackendKind.LOCAL });
  });

  test('security default: the demo admits only a documentation network; a platform file must name its own', () => {
    const cidrs = resolvePlatform({}).cloud.adminCidrs.map(String);
    expect(cidrs).toEqual(['192.0.2.0/24']);
    const facts = {
      externalNetwork: 'ext',
      image: 'ubuntu',
      flavors: [
        { name: 'm1.large', vcpus: 4, memory: '8Gi' },
        { name: 'm1.medium', vcpus: 2, memory: '4Gi' },
      ],
      authUrl: 'https://keystone.acme.internal/v3',
    };
    const file = (cloud: object) =>
      problemsOf(
        { cloud: { ...facts, ...cloud }, clusters: [{ name: 'main', domain: 'paas.acme.internal' }] },
        {
          requireCloudFacts: true,
        },
      );
    expect(file({})).toEqual([
      {
        path: 'cloud.adminCidrs',
        value: undefined,
        message: expect.stringContaining('including the one the machine running cdktf deploy connects from'),
      },
    ]);
    expect(file({ adminCidrs: ['192.0.2.0/24'] })).toEqual([
      expect.objectContaining({
        path: 'cloud.adminCidrs',
        message: expect.stringContaining("demo's placeholder"),
      }),
    ]);
    expect(() =>
      resolvePlatform(
        {
          cloud: { ...facts, adminCidrs: ['198.51.100.7/32'] },
          clusters: [{ name: 'main', domain: 'paas.acme.internal' }],
        },
        undefined,
        { requireCloudFacts: true },
      ),
    ).not.toThrow();
  });
});

describe('resolvePlatform validation', () => {
  test('reports every problem at once, each with path, value and what is allowed', () => {
    const problems = problemsOf({
      name: 'Berth!',
      clusters: [
        {
          name: 'main',
          masters: { count: 2 },
          minionPools: [{ name: 'default', count: 0 }],
          podCidr: '10.0.0.0/16',
          kubernetesVersion: '1.19',
        },
      ],
      environments: [{ name: 'dev', cluster: 'nowhere' }],
    });
    // Field problems in the order of the file, then the checks across fields.
    expect(problems.map((p) => p.path)).toEqual([
      'name',
      'clusters[0].masters.count',
      'clusters[0].kubernetesVersion',
      'clusters[0].minionPools',
      'clusters[0].podCidr',
      'environments[0].cluster',
    ]);
    const message = new ConfigError(problems).message;
    expect(message).toContain('clusters[0].masters.count: got 2; must be 1, 3 or 5');
    expect(message).toContain(
      'clusters[0].kubernetesVersion: got "1.19"; must be a supported Kubernetes minor',
    );
  });

  test.each([
    ['name', { name: 'Berth' }, 'name'],
    ['cluster name', { clusters: [{ name: 'main_1' }] }, 'clusters[0].name'],
    ['pool name', cluster({ minionPools: [{ name: '-pool' }] }), 'clusters[0].minionPools[0].name'],
    ['environment name', { environments: [{ name: 'Prod' }] }, 'environments[0].name'],
  ])('rejects a %s that is not DNS-1123', (_what, input, path) => {
    const problem = onlyProblem(input);
    expect(problem.path).toBe(path);
    expect(problem.message).toContain('DNS-1123 label');
  });

  test('requires names where there is no default', () => {
    expect(onlyProblem(cluster({ minionPools: [{ count: 1 }] })).path).toBe(
      'clusters[0].minionPools[0].name',
    );
    expect(onlyProblem({ environments: [{ cluster: 'main' }] }).path).toBe('environments[0].name');
  });

  test('rejects duplicate environment, cluster and pool names', () => {
    expect(onlyProblem({ environments: [{ name: 'dev' }, { name: 'dev' }] })).toMatchObject({
      path: 'environments[1].name',
      message: expect.stringContaining('environments[0] has it already'),
    });
    expect(
      onlyProblem({
        clusters: [{ name: 'a' }, { name: 'a', domain: 'b.example.com', nodeCidr: '10.1.0.0/24' }],
      }).path,
    ).toBe('clusters[1].name');
    expect(onlyProblem(cluster({ minionPools: [{ name: 'p' }, { name: 'p' }] })).path).toBe(
      'clusters[0].minionPools[1].name',
    );
  });

  test('rejects an environment whose cluster does not exist', () => {
    const problem = onlyProblem({ environments: [{ name: 'dev', cluster: 'other' }] });
    expect(problem).toEqual({
      path: 'environments[0].cluster',
      value: 'other',
      message: 'must name a cluster in clusters (main)',
    });
  });

  test('rejects environments named like system namespaces', () => {
    expect(onlyProblem({ environments: [{ name: 'kube-system' }] }).message).toContain(
      'reserved for the platform',
    );
  });

  test('rejects unknown fields so that a typo is not silently ignored', () => {
    const problem = onlyProblem(cluster({ masterCount: 3 }));
    expect(problem.path).toBe('clusters[0].masterCount');
    expect(problem.message).toContain('allowed fields here: name, kubernetesVersion, masters');
  });

  test('rejects wrong shapes', () => {
    expect(onlyProblem({ clusters: { name: 'main' } })).toMatchObject({
      path: 'clusters',
      message: 'must be a list',
    });
    expect(onlyProblem({ cloud: 'openstack' })).toMatchObject({
      path: 'cloud',
      message: 'must be an object (a YAML mapping)',
    });
    expect(onlyProblem([])).toMatchObject({ path: '' });
    expect(onlyProblem({ clusters: [] }).path).toBe('clusters');
    expect(onlyProblem({ environments: [] }).path).toBe('environments');
  });

  test('a mistyped key: did you mean, and no knock-on problem from the default taking its place', () => {
    expect(onlyProblem(cluster({ minonPools: [{ name: 'big', count: 0 }] }))).toEqual({
      path: 'clusters[0].minonPools',
      value: [{ name: 'big', count: 0 }],
      message: expect.stringContaining(
        'is not a known field (did you mean "minionPools"?); allowed fields here: name,',
      ),
    });
    expect(onlyProblem({ cloud: { flavours: [] } }).message).toContain('did you mean "flavors"?');
    expect(onlyProblem({ clusters: [{ masters: { count: 3, flavour: 'm1.large' } }] })).toMatchObject({
      path: 'clusters[0].masters.flavour',
      message: expect.stringContaining('(did you mean "flavor"?)'),
    });
  });

  test('a wrong required field: its problem alone, nothing resolved across fields from a half-read list', () => {
    const problems = problemsOf({
      cloud: { flavors: [{ name: 'm1.large', vcpus: 'four', memory: '8Gi' }] },
      clusters: [{ minionPools: [{ name: 'Big', count: 1 }] }],
    });
    expect(problems.map((p) => `${p.path}: ${p.message}`)).toEqual([
      'cloud.flavors[0].vcpus: must be a whole number from 1 to 1024',
      expect.stringMatching(/^clusters\[0\].minionPools\[0\].name: must be a DNS-1123 label/),
    ]);
  });
});
