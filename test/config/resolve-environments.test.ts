import { ConfigError, Problem, TeamRole } from '../../config';
import { resolvePlatform } from '../support/berth-platform';

function problemsOf(input: unknown): readonly Problem[] {
  try {
    resolvePlatform(input);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  throw new Error('expected the config to be rejected');
}

function onlyProblem(environments: unknown): Problem {
  const problems = problemsOf({ environments });
  expect(problems.map((p) => `${p.path}: ${p.message}`)).toHaveLength(1);
  return problems[0];
}

const resolved = (environments: unknown) => resolvePlatform({ environments }).environments;

describe('resolveEnvironments defaults', () => {
  test('prod is production: read-only teams, bigger quota, promoted from test', () => {
    const [dev, test, prod] = resolvePlatform({}).environments;
    expect(dev).toMatchObject({ production: false, teamRole: TeamRole.EDIT, teams: ['developers'] });
    expect(dev.promotesFrom).toBeUndefined();
    expect(test).toMatchObject({ production: false, teamRole: TeamRole.EDIT });
    expect(prod).toMatchObject({ production: true, teamRole: TeamRole.VIEW, promotesFrom: 'test' });
    expect(String(dev.quota.cpu)).toBe('2');
    expect(String(dev.quota.memory)).toBe('6Gi');
    expect(String(prod.quota.cpu)).toBe('4');
    expect(String(prod.quota.memory)).toBe('8Gi');
    expect(prod.quota).toMatchObject({ pods: 50, volumes: 20 });
    expect(JSON.parse(JSON.stringify(dev.limits))).toEqual({
      defaultCpu: '100m',
      defaultMemory: '128Mi',
      maxCpu: '2',
      maxMemory: '4Gi',
      maxVolumeSize: '50Gi',
    });
    expect(dev.config).toEqual({});
  });

  test('a production environment promotes from the nearest earlier non-production one', () => {
    const envs = resolved([{ name: 'qa' }, { name: 'staging' }, { name: 'live', production: true }]);
    expect(envs.map((e) => e.promotesFrom)).toEqual([undefined, undefined, 'staging']);
    const first = resolved([{ name: 'production' }, { name: 'dev' }]);
    expect(first[0]).toMatchObject({ production: true });
    expect(first[0].promotesFrom).toBeUndefined();
  });

  test('takes what the config says', () => {
    const [env] = resolved([
      {
        name: 'shop',
        production: true,
        teams: ['shop-team'],
        teamRole: 'edit',
        quota: { cpu: '1500m', memory: '3Gi', storage: '10Gi', pods: 5, volumes: 2 },
        limits: { defaultCpu: '10m', maxCpu: '1' },
        config: { FEATURE_X: 'on' },
      },
    ]);
    expect(env).toMatchObject({
      production: true,
      teams: ['shop-team'],
      teamRole: 'edit',
      config: { FEATURE_X: 'on' },
    });
    expect(JSON.parse(JSON.stringify(env.quota))).toEqual({
      cpu: '1500m',
      memory: '3Gi',
      storage: '10Gi',
      pods: 5,
      volumes: 2,
    });
    expect(String(env.limits.defaultCpu)).toBe('10m');
  });

  test("pod and volume quotas grow with the minions of the environment's cluster", () => {
    const quota = { pods: 110 * 30, volumes: 256 * 30 };
    const platform = resolvePlatform({
      clusters: [
        { name: 'small' },
        {
          name: 'big',
          minionPools: [
            { name: 'general', count: 20 },
            { name: 'batch', count: 10 },
          ],
        },
      ],
      environments: [{ name: 'shop', cluster: 'big', quota }],
    });
    expect(platform.environments[0].quota).toMatchObject(quota);
    const problems = problemsOf({
      clusters: [{ name: 'small' }, { name: 'big', minionPools: [{ name: 'general', count: 30 }] }],
      environments: [{ name: 'shop', cluster: 'small', quota }],
    });
    expect(problems.map((p) => p.path)).toEqual([
      'environments[0].quota.pods',
      'environments[0].quota.volumes',
    ]);
  });

  test('an explicit promotesFrom may name any other environment', () => {
    const envs = resolved([
      { name: 'a' },
      { name: 'b', promotesFrom: 'a' },
      { name: 'c', promotesFrom: 'a' },
    ]);
    expect(envs.map((e) => e.promotesFrom)).toEqual([undefined, 'a', 'a']);
  });
});

describe('resolveEnvironments rejects', () => {
  test.each([
    ['an unknown field', [{ name: 'dev', quotas: {} }], 'environments[0].quotas', 'is not a known field'],
    [
      'a production flag that is not a boolean',
      [{ name: 'dev', production: 'yes' }],
      'environments[0].production',
      'true or false',
    ],
    [
      'an unknown team role',
      [{ name: 'dev', teamRole: 'admin' }],
      'environments[0].teamRole',
      '"edit", "view"',
    ],
    ['a team listed twice', [{ name: 'dev', teams: ['a', 'a'] }], 'environments[0].teams[1]', 'listed twice'],
    ['an empty team', [{ name: 'dev', teams: [''] }], 'environments[0].teams[0]', 'non-empty string'],
    [
      'a CPU quota that is no quantity',
      [{ name: 'dev', quota: { cpu: '2 cores' } }],
      'environments[0].quota.cpu',
      'CPU quantity',
    ],
    [
      'a memory quota that is no size',
      [{ name: 'dev', quota: { memory: '4GB' } }],
      'environments[0].quota.memory',
      'size such as',
    ],
    [
      'a storage quota that is no size',
      [{ name: 'dev', quota: { storage: 50 } }],
      'environments[0].quota.storage',
      'size such as',
    ],
    [
      'a pod quota out of range',
      [{ name: 'dev', quota: { pods: 0 } }],
      'environments[0].quota.pods',
      "must be a whole number from 1 to 110 per minion of the environment's cluster (a node runs at most 110)",
    ],
    [
      'a volume quota out of range',
      [{ name: 'dev', quota: { volumes: -1 } }],
      'environments[0].quota.volumes',
      "must be a whole number from 0 to 256 per minion of the environment's cluster (a node attaches at most 256)",
    ],
    [
      'more pods than the minions run',
      [{ name: 'dev', quota: { pods: 221 } }],
      'environments[0].quota.pods',
      'must be at most 220: cluster main has 2 minions and a node runs at most 110; add minions',
    ],
    [
      'more volumes than the minions attach',
      [{ name: 'dev', quota: { volumes: 513 } }],
      'environments[0].quota.volumes',
      'must be at most 512: cluster main has 2 minions and a node attaches at most 256',
    ],
    [
      'an unknown quota field',
      [{ name: 'dev', quota: { gpus: 1 } }],
      'environments[0].quota.gpus',
      'is not a known field',
    ],
    [
      'a default CPU above the maximum',
      [{ name: 'dev', limits: { defaultCpu: '3' } }],
      'environments[0].limits.defaultCpu',
      'must not exceed',
    ],
    [
      'a default memory above the maximum',
      [{ name: 'dev', limits: { defaultMemory: '8Gi' } }],
      'environments[0].limits.defaultMemory',
      'must not exceed',
    ],
    [
      'a limit that is no quantity',
      [{ name: 'dev', limits: { maxCpu: 'lots' } }],
      'environments[0].limits.maxCpu',
      'CPU quantity',
    ],
    [
      'a volume limit that is no size',
      [{ name: 'dev', limits: { maxVolumeSize: '1PB' } }],
      'environments[0].limits.maxVolumeSize',
      'size such as',
    ],
    [
      'a setting that is no variable name',
      [{ name: 'dev', config: { 'log-level': 'x' } }],
      'environments[0].config',
      'environment variable names',
    ],
    [
      'a setting that looks like a secret',
      [{ name: 'dev', config: { DB_PASSWORD: 'hunter2' } }],
      'environments[0].config.DB_PASSWORD',
      'looks like a secret',
    ],
    [
      'a setting that is not a string',
      [{ name: 'dev', config: { PORT: 8080 } }],
      'environments[0].config.PORT',
      'must be a string',
    ],
    [
      'promotion from itself',
      [{ name: 'dev', promotesFrom: 'dev' }],
      'environments[0].promotesFrom',
      'cannot promote from itself',
    ],
    [
      'promotion from nowhere',
      [{ name: 'dev', promotesFrom: 'qa' }],
      'environments[0].promotesFrom',
      'must name an environment',
    ],
    [
      'promotion from a bad name',
      [{ name: 'dev', promotesFrom: 'QA' }],
      'environments[0].promotesFrom',
      'DNS-1123 label',
    ],
    ['a missing entry', [null], 'environments[0]', 'must be an environment'],
    [
      'a platform namespace',
      [{ name: 'monitoring' }],
      'environments[0].name',
      'is reserved for the platform',
    ],
    [
      'a Kubernetes namespace',
      [{ name: 'kube-public' }],
      'environments[0].name',
      'is reserved for the platform',
    ],
  ])('%s', (_, environments, path, message) => {
    const problem = onlyProblem(environments);
    expect(problem.path).toBe(path);
    expect(problem.message).toContain(message);
  });

  test('a namespace an add-on declares is reserved when the loader is handed it, with the add-on named', () => {
    const claims = { addonNamespaces: [{ namespace: 'queue-jobs', addon: 'queueJobs' }] };
    let problems: readonly Problem[] = [];
    try {
      resolvePlatform({ environments: [{ name: 'dev' }, { name: 'queue-jobs' }] }, undefined, claims);
    } catch (err) {
      if (!(err instanceof ConfigError)) throw err;
      problems = err.problems;
    }
    expect(problems).toHaveLength(1);
    expect(problems[0].path).toBe('environments[1].name');
    expect(problems[0].value).toBe('queue-jobs');
    expect(problems[0].message).toMatch(
      /^is reserved for the platform: add-on queueJobs creates this namespace \(kube-flannel, .*, queue-jobs \(add-on queueJobs\)\); choose another name$/,
    );
    // Without the add-on registered, the name is free.
    expect(resolved([{ name: 'queue-jobs' }]).map((e) => e.name)).toEqual(['queue-jobs']);
  });

  test('a secret-looking setting never echoes its value', () => {
    expect(onlyProblem([{ name: 'dev', config: { API_TOKEN: 'abc123' } }]).value).toBe('(hidden)');
  });

  test('promotion cycles, naming each member', () => {
    const problems = problemsOf({
      environments: [
        { name: 'a', promotesFrom: 'b' },
        { name: 'b', promotesFrom: 'a' },
      ],
    });
    expect(problems.map((p) => p.path)).toEqual([
      'environments[0].promotesFrom',
      'environments[1].promotesFrom',
    ]);
    expect(problems[0].message).toContain('a <- b <- a');
  });
});
