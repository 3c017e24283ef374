import { TimeSpan, Problems, DataSize } from '../../config';
import { AppEgress } from '../../constructs/workloads/app-egress';
import { AppProbe } from '../../constructs/workloads/app-probe';
import { SizeClass } from '../../constructs/workloads/app-size';
import { AppDefinition, defineApp, mysql, postgres, redis } from '../../apps/app-definition';
import { planEnvironmentApps } from '../../apps/plan-environment-apps';
import { workloadEnvironment } from '../support/environments';

const DIGEST = `sha256:${'e'.repeat(64)}`;
const WEB = { port: 8080, readiness: AppProbe.http('/ready') };

function plan(apps: readonly AppDefinition[], env: 'dev' | 'test' | 'prod' = 'dev') {
  const problems = new Problems();
  const result = planEnvironmentApps(apps, workloadEnvironment(env), problems);
  return { ...result, problems: problems.all.map((p) => ({ path: p.path, message: p.message })) };
}

const shop = defineApp({
  name: 'shop',
  image: 'team/shop',
  services: { database: mysql(), cache: redis({ size: SizeClass.M }) },
  web: { ...WEB, replicas: 2 },
  workers: { mailer: { command: ['mail'] } },
  env: { MODE: 'a' },
  envFromServices: ({ database }) => ({ JDBC_HOST: database.host }),
  environments: {
    dev: { tag: 'main', env: { MODE: 'b' } },
    test: { digest: DIGEST, replicas: 3, size: SizeClass.M, workers: { mailer: { replicas: 2 } } },
    prod: {
      digest: DIGEST,
      autoscale: { min: 2, max: 4 },
      hostnames: ['shop.example.com'],
      services: { database: { digest: DIGEST, storage: DataSize.gibibytes(20) }, cache: { digest: DIGEST } },
    },
  },
});

describe('planEnvironmentApps', () => {
  test('an app runs only in the environments it lists', () => {
    const devOnly = defineApp({
      name: 'tool',
      image: 'team/tool',
      web: WEB,
      environments: { dev: { tag: '1' } },
    });
    expect(plan([shop, devOnly], 'dev').apps.map((a) => a.name)).toEqual(['shop', 'tool']);
    expect(plan([shop, devOnly], 'test').apps.map((a) => a.name)).toEqual(['shop']);
  });

  test('applies the overrides of the environment', () => {
    const dev = plan([shop], 'dev').apps[0].props;
    expect(String(dev.image)).toBe('team/shop:main');
    expect(dev.env).toEqual({ MODE: 'b', JDBC_HOST: 'shop-database' });
    expect(dev.web?.replicas).toBe(2);
    const test = plan([shop], 'test').apps[0].props;
    expect(String(test.image)).toBe(`team/shop@${DIGEST}`);
    expect(test.web?.replicas).toBe(3);
    expect(test.size).toBe(SizeClass.M);
    expect(test.workers?.mailer.replicas).toBe(2);
    const prod = plan([shop], 'prod').apps[0].props;
    expect(prod.web?.autoscale).toEqual({ min: 2, max: 4 });
    expect(prod.web?.hostnames).toEqual(['shop.example.com']);
  });

  test('plans each backing service once, named after the app and binding, with per-environment settings', () => {
    const { services, apps } = plan([shop], 'prod');
    expect(services.map((s) => [s.name, s.kind, String(s.image), s.storage?.toString(), s.size])).toEqual([
      ['shop-database', 'mysql', `platform/mysql@${DIGEST}`, '20Gi', undefined],
      ['shop-cache', 'redis', `platform/redis@${DIGEST}`, undefined, SizeClass.M],
    ]);
    expect(apps[0].bindings.map((b) => [b.key, b.service])).toEqual([
      ['database', 'shop-database'],
      ['cache', 'shop-cache'],
    ]);
    expect(services[0].clients).toEqual(['shop']);
  });

  test('a named service spec is shared by every app that binds it', () => {
    const shared = redis({ name: 'shared-cache' });
    const a = defineApp({
      name: 'a',
      image: 'team/a',
      web: WEB,
      services: { cache: shared },
      environments: { dev: { tag: '1' } },
    });
    const b = defineApp({
      name: 'b',
      image: 'team/b',
      web: WEB,
      services: { queue: shared },
      environments: { dev: { tag: '1' } },
    });
    const { services, problems } = plan([a, b]);
    expect(problems).toEqual([]);
    expect(services.map((s) => [s.name, s.clients])).toEqual([['shared-cache', ['a', 'b']]]);
  });

  test('apps that call each other get the ingress and the egress', () => {
    const api = defineApp({
      name: 'api',
      image: 'team/api',
      web: { ...WEB, port: 9000 },
      calledBy: ['front'],
      environments: { dev: { tag: '1' } },
    });
    const front = defineApp({
      name: 'front',
      image: 'team/front',
      web: WEB,
      egress: [AppEgress.toNetwork('192.0.2.0/24', [443])],
      environments: { dev: { tag: '1' } },
    });
    const { apps } = plan([api, front]);
    expect(apps[0].props.allowFrom).toEqual(['front']);
    expect(apps[1].props.egress?.map((e) => e.toKube().to)).toEqual([
      [{ ipBlock: { cidr: '192.0.2.0/24' } }],
      [{ podSelector: { matchLabels: { 'app.kubernetes.io/name': 'api' } } }],
    ]);
  });

  test('callers not deployed in the environment are left out', () => {
    const api = defineApp({
      name: 'api',
      image: 'team/api',
      web: WEB,
      calledBy: ['front'],
      environments: { dev: { tag: '1' } },
    });
    expect(plan([api]).apps[0].props.allowFrom).toEqual([]);
  });
});

describe('planEnvironmentApps reports', () => {
  const app = (
    over: Partial<AppDefinition>,
    environments: AppDefinition['environments'] = { dev: { tag: '1' } },
  ) => defineApp({ name: 'shop', image: 'team/shop', web: WEB, ...over, environments } as AppDefinition);

  test.each<[string, AppDefinition, 'dev' | 'prod', string, string]>([
    ['a bad repository', app({ image: 'Team/Shop' }), 'dev', 'apps.shop.image', 'repository "Team/Shop"'],
    [
      'no version',
      app({}, { dev: {} as { tag: string } }),
      'dev',
      'apps.shop.environments.dev',
      'exactly one of tag or digest',
    ],
    ['a bad tag', app({}, { dev: { tag: 'a b' } }), 'dev', 'apps.shop.environments.dev', 'tag "a b"'],
    [
      'a tag in production',
      app({}, { prod: { tag: '1.0' } }),
      'prod',
      'apps.shop.environments.prod',
      'must be a digest in production',
    ],
    [
      'a definition problem',
      app({ web: { ...WEB, port: 22 } }),
      'dev',
      'apps.shop.web.port',
      'unprivileged port',
    ],
    [
      'a problem only the overrides make',
      app({}, { dev: { tag: '1', replicas: -2 } }),
      'dev',
      'apps.shop.environments.dev.web.replicas',
      'from 0 to 50',
    ],
    [
      'an override of an unknown worker',
      app({}, { dev: { tag: '1', workers: { nope: { replicas: 1 } } } }),
      'dev',
      'apps.shop.environments.dev.workers.nope',
      'is not a worker',
    ],
    [
      'an override of an unknown service',
      app({}, { dev: { tag: '1', services: { db: {} } } }),
      'dev',
      'apps.shop.environments.dev.services.db',
      'is not a service',
    ],
    [
      'a service tag in production',
      app({ services: { db: mysql() } }, { prod: { digest: DIGEST } }),
      'prod',
      'apps.shop.services.db.digest',
      'pin a digest',
    ],
    [
      'a bad service digest',
      app({ services: { db: mysql({ digest: 'sha256:1' }) } }),
      'dev',
      'apps.shop.services.db',
      'digest "sha256:1"',
    ],
    [
      'a service volume of part of a GiB',
      app({ services: { db: mysql({ storage: DataSize.mebibytes(500) }) } }),
      'dev',
      'apps.shop.services.db.storage',
      'must be whole Gi',
    ],
    [
      'a bad service name',
      app({ services: { db: mysql({ name: 'Shop_DB' }) } }),
      'dev',
      'apps.shop.services.db.name',
      'DNS-1123 labels',
    ],
    [
      'settings for a shared service per app',
      app(
        { services: { db: mysql({ name: 'shared' }) } },
        { dev: { tag: '1', services: { db: { size: SizeClass.L } } } },
      ),
      'dev',
      'apps.shop.environments.dev.services.db',
      'is shared',
    ],
  ])('%s', (_, definition, env, path, message) => {
    const { problems } = plan([definition], env);
    expect(problems).toEqual([{ path, message: expect.stringContaining(message) }]);
  });

  test('two different specs under one service name', () => {
    const a = app({ name: 'a', services: { db: mysql({ name: 'db' }) } });
    const b = { ...app({ services: { db: mysql({ name: 'db' }) } }), name: 'b' };
    expect(plan([a, b]).problems).toEqual([
      { path: 'apps.b.services.db', message: expect.stringContaining('a defines differently') },
    ]);
  });

  test('an unnamed spec bound by two apps gives each its own service', () => {
    const spec = redis();
    const a = app({ name: 'a', services: { cache: spec } });
    const b = { ...app({ services: { cache: spec } }), name: 'b' };
    const { problems, services } = plan([a, b]);
    expect(problems).toEqual([]);
    expect(services.map((s) => s.name)).toEqual(['a-cache', 'b-cache']);
  });
});

describe('planEnvironmentApps: backups of backing services', () => {
  const withBackup = (backup: unknown, environments: AppDefinition['environments'] = { dev: { tag: '1' } }) =>
    defineApp({
      name: 'shop',
      image: 'team/shop',
      web: WEB,
      services: { database: postgres({ backup: backup as false }) },
      environments,
    } as AppDefinition);

  test('`{}` is a daily dump kept a week; every and keep are read; false or nothing is none', () => {
    const daily = plan([withBackup({})]).services[0].backup;
    expect([daily?.interval.toString(), daily?.keep]).toEqual(['1d', 7]);
    const often = plan([withBackup({ every: TimeSpan.hours(6), keep: 20 })]).services[0].backup;
    expect([often?.interval.toString(), often?.keep]).toEqual(['6h', 20]);
    expect(plan([withBackup(false)]).services[0].backup).toBeUndefined();
    expect(plan([withBackup(undefined)]).services[0].backup).toBeUndefined();
  });

  test('an environment switches it off or changes it in its override', () => {
    const app = withBackup(
      {},
      {
        dev: { tag: '1', services: { database: { backup: false } } },
        test: { digest: DIGEST, services: { database: { backup: { keep: 3 } } } },
      },
    );
    expect(plan([app], 'dev').services[0].backup).toBeUndefined();
    expect(plan([app], 'test').services[0].backup?.keep).toBe(3);
  });

  test('reports every bad field with its path, in the spec or the override', () => {
    expect(plan([withBackup({ every: TimeSpan.hours(5), keep: 0 })]).problems).toEqual([
      {
        path: 'apps.shop.services.database.backup.every',
        message: 'must be 1, 2, 3, 4, 6, 8, 12 hours or a day, e.g. TimeSpan.hours(6) or TimeSpan.days(1)',
      },
      {
        path: 'apps.shop.services.database.backup.keep',
        message: 'must be a whole number of dumps from 1 to 1000',
      },
    ]);
    expect(
      plan([
        withBackup(undefined, {
          dev: { tag: '1', services: { database: { backup: { every: '1d' } } } },
        } as never),
      ]).problems,
    ).toEqual([
      {
        path: 'apps.shop.environments.dev.services.database.backup.every',
        message: 'must be 1, 2, 3, 4, 6, 8, 12 hours or a day, e.g. TimeSpan.hours(6) or TimeSpan.days(1)',
      },
    ]);
    expect(plan([withBackup('daily')]).problems).toEqual([
      {
        path: 'apps.shop.services.database.backup',
        message: 'must be { every?, keep? } (`{}` for the defaults) or false',
      },
    ]);
  });

  test('an environment without a backup store refuses it', () => {
    const problems = new Problems();
    const env = { ...workloadEnvironment('dev'), backupStore: undefined };
    const result = planEnvironmentApps([withBackup({})], env, problems);
    expect(result.services[0].backup).toBeUndefined();
    expect(problems.all.map((p) => `${p.path}: ${p.message}`)).toEqual([
      'apps.shop.services.database.backup: environment dev has no backup store for shop-database',
    ]);
  });
});
