import { AppProbe } from '../../constructs/workloads/app-probe';
import { BackingServiceKind } from '../../constructs/workloads/backing-service-connection';
import { Problems } from '../../config';
import { AppDefinition, defineApp, mysql, postgres, redis } from '../../apps/app-definition';
import { planEnvironmentApps } from '../../apps/plan-environment-apps';
import { workloadEnvironment } from '../support/environments';

describe('app definitions', () => {
  test('service specs carry their kind, settings and connection', () => {
    expect(mysql({ tag: '8.4.3' })).toMatchObject({ kind: BackingServiceKind.MYSQL, tag: '8.4.3' });
    expect(postgres().connection('db')).toMatchObject({
      kind: BackingServiceKind.POSTGRESQL,
      host: 'db',
      port: 5432,
    });
    expect(redis({ name: 'cache' }).connection('cache').url).toMatchObject({
      secretName: 'cache-credentials',
      key: 'url',
    });
  });

  test('bindings are typed: an app reads only the services it binds', () => {
    const shop = defineApp({
      name: 'shop',
      image: 'team/shop',
      services: { database: postgres(), cache: redis() },
      web: { port: 8080, readiness: AppProbe.http('/') },
      envFromServices: ({ database, cache }) => ({
        DB_NAME: database.database,
        CACHE_HOST: cache.host,
        // @ts-expect-error a Redis connection has no database name: the binding is typed by its kind
        WRONG: cache.database,
      }),
      environments: { dev: { tag: '1' } },
    });
    const env = shop.envFromServices?.({
      database: postgres().connection('shop-database'),
      cache: redis().connection('shop-cache'),
    });
    expect(env).toMatchObject({ DB_NAME: 'app', CACHE_HOST: 'shop-cache' });
  });

  test('what does not compile is also refused at run time (for JavaScript callers)', () => {
    const invalid: AppDefinition[] = [
      defineApp({
        name: 'unbound',
        image: 'team/shop',
        services: { database: postgres() },
        web: { port: 8080, readiness: AppProbe.http('/') },
        // @ts-expect-error `queue` is not bound: only `database` is
        envFromServices: ({ queue }) => ({ QUEUE: queue.host }),
        environments: { dev: { tag: '1' } },
      }),
      defineApp({
        name: 'override',
        image: 'team/shop',
        services: { database: postgres() },
        web: { port: 8080, readiness: AppProbe.http('/') },
        // @ts-expect-error overrides may only name bound services
        environments: { dev: { tag: '1', services: { queue: {} } } },
      }),
      defineApp({
        name: 'unready',
        image: 'team/shop',
        // @ts-expect-error a web process without a readiness probe does not compile
        web: { port: 8080 },
        environments: { dev: { tag: '1' } },
      }),
      defineApp({
        name: 'both',
        image: 'team/shop',
        web: { port: 8080, readiness: AppProbe.http('/') },
        // @ts-expect-error an environment gives a tag or a digest, not both
        environments: { dev: { tag: '1', digest: `sha256:${'0'.repeat(64)}` } },
      }),
    ];
    const problems = new Problems();
    const plan = planEnvironmentApps(invalid, workloadEnvironment('dev'), problems);
    expect(problems.all.map((p) => p.path)).toEqual([
      'apps.override.environments.dev.services.queue',
      'apps.unbound.envFromServices',
      'apps.unready.web.readiness',
      'apps.both.environments.dev',
    ]);
    expect(plan.apps.map((a) => a.name)).toEqual(['override']);
  });
});
