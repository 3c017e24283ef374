import { resolvePlatform } from '../support/berth-platform';
import { AppProbe } from '../../constructs/workloads/app-probe';
import { AppDefinition, defineApp, mysql } from '../../apps/app-definition';
import { APPS } from '../../apps/teams';
import { checkApps } from '../../apps/check-apps';
import { PLATFORM } from '../support/environments';

const WEB = { port: 8080, readiness: AppProbe.http('/ready') };
const TESTED = `sha256:${'1'.repeat(64)}`;
const OTHER = `sha256:${'2'.repeat(64)}`;

function app(environments: AppDefinition['environments'], extra: Partial<AppDefinition> = {}): AppDefinition {
  return defineApp({ name: 'shop', image: 'team/shop', web: WEB, ...extra, environments } as AppDefinition);
}

const check = (apps: readonly AppDefinition[], platform = PLATFORM) =>
  checkApps(apps, platform).map((p) => ({ path: p.path, message: p.message }));

describe('checkApps', () => {
  test('the sample apps pass in the default platform', () => {
    expect(check(APPS)).toEqual([]);
  });

  test('promotion holds: prod runs the digest test runs', () => {
    expect(
      check([app({ dev: { tag: 'main' }, test: { digest: TESTED }, prod: { digest: TESTED } })]),
    ).toEqual([]);
  });

  test.each<[string, AppDefinition, string, string]>([
    [
      'a digest test does not run',
      app({ test: { digest: TESTED }, prod: { digest: OTHER } }),
      'apps.shop.environments.prod.digest',
      'is not what test runs',
    ],
    [
      'test running a tag',
      app({ test: { tag: '1.0' }, prod: { digest: TESTED } }),
      'apps.shop.environments.prod.digest',
      'test runs tag "1.0"',
    ],
    [
      'an app that runs in no earlier environment',
      app({ prod: { digest: TESTED } }),
      'apps.shop.environments.prod',
      'prod promotes from test, then dev, but shop runs in none of them: deploy it to dev first',
    ],
    [
      'an app that skips test: checked against dev',
      app({ dev: { tag: '1' }, prod: { digest: TESTED } }),
      'apps.shop.environments.prod.digest',
      'dev runs tag "1", not a digest',
    ],
    [
      'a backing service digest test does not run',
      app(
        {
          test: { digest: TESTED, services: { db: { digest: TESTED } } },
          prod: { digest: TESTED, services: { db: { digest: OTHER } } },
        },
        { services: { db: mysql() } },
      ),
      'apps.shop.environments.prod.services.db.digest',
      'is not what test runs',
    ],
  ])('fails promotion of %s', (_, definition, path, message) => {
    expect(check([definition])).toEqual([{ path, message: expect.stringContaining(message) }]);
  });

  describe('the platform team adds staging before prod', () => {
    const withStaging = resolvePlatform({
      environments: [{ name: 'dev' }, { name: 'test' }, { name: 'staging' }, { name: 'prod' }],
    });

    test('no app breaks: the sample apps and an app not in staging still pass, checked against test', () => {
      expect(check(APPS, withStaging)).toEqual([]);
      expect(check([app({ test: { digest: TESTED }, prod: { digest: TESTED } })], withStaging)).toEqual([]);
      expect(check([app({ test: { digest: TESTED }, prod: { digest: OTHER } })], withStaging)).toEqual([
        {
          path: 'apps.shop.environments.prod.digest',
          message: expect.stringContaining('is not what test runs'),
        },
      ]);
    });

    test('a team opts in by running in staging: prod must then run what staging runs', () => {
      expect(
        check(
          [app({ test: { digest: TESTED }, staging: { digest: TESTED }, prod: { digest: TESTED } })],
          withStaging,
        ),
      ).toEqual([]);
      expect(
        check(
          [app({ test: { digest: TESTED }, staging: { digest: OTHER }, prod: { digest: TESTED } })],
          withStaging,
        ),
      ).toEqual([
        {
          path: 'apps.shop.environments.prod.digest',
          message: expect.stringContaining('is not what staging runs'),
        },
      ]);
    });
  });

  test('a non-production environment that promotes needs a digest too', () => {
    const platform = resolvePlatform({
      environments: [{ name: 'dev' }, { name: 'qa', promotesFrom: 'dev' }],
    });
    expect(check([app({ dev: { tag: '1' }, qa: { tag: '1' } })], platform)).toEqual([
      { path: 'apps.shop.environments.qa.tag', message: expect.stringContaining('give the digest dev runs') },
    ]);
  });

  test('an environment key that looks like a typo', () => {
    expect(check([app({ dev: { tag: '1' }, prdo: { digest: TESTED } })])).toEqual([
      { path: 'apps.shop.environments.prdo', message: expect.stringContaining('did you mean "prod"?') },
    ]);
  });

  test('environments of other platforms are fine', () => {
    expect(check([app({ dev: { tag: '1' }, staging: { tag: '1' } })])).toEqual([]);
  });

  test('an environment key that is no name', () => {
    expect(check([app({ dev: { tag: '1' }, Dev_2: { tag: '1' } })])).toEqual([
      { path: 'apps.shop.environments.Dev_2', message: expect.stringContaining('DNS-1123 label') },
    ]);
  });

  test('an app defined twice', () => {
    expect(check([app({ dev: { tag: '1' } }), app({ dev: { tag: '2' } })])).toEqual([
      { path: 'apps.shop', message: expect.stringContaining('is defined twice') },
    ]);
  });

  test('a caller that is no app', () => {
    expect(check([app({ dev: { tag: '1' } }, { calledBy: ['ghost'] })])).toEqual([
      { path: 'apps.shop.calledBy[0]', message: expect.stringContaining('must name a registered app') },
    ]);
  });

  test('object names that collide', () => {
    const worker = app({ dev: { tag: '1' } }, { workers: { api: { command: ['x'] } } });
    const api = { ...app({ dev: { tag: '1' } }), name: 'shop-api' };
    expect(check([worker, api])).toEqual([
      { path: 'apps.shop-api.name', message: expect.stringContaining('"shop-api" is taken by app shop') },
    ]);
    expect(check([{ ...app({ dev: { tag: '1' } }), name: 'environment' }])).toEqual([
      { path: 'apps.environment.name', message: expect.stringContaining('the environment itself') },
    ]);
  });

  test("a backed-up service's backup and restore objects, and the environment's backup Secrets, are names taken", () => {
    const withBackup = app({ dev: { tag: '1' } }, { services: { database: mysql({ backup: {} }) } });
    const clash = { ...app({ dev: { tag: '1' } }), name: 'shop-database-restore' };
    expect(check([withBackup, clash])).toEqual([
      {
        path: 'services.shop-database',
        message: expect.stringContaining('"shop-database-restore" is taken by app shop-database-restore'),
      },
    ]);
    // Without a backup the name is free.
    expect(check([app({ dev: { tag: '1' } }, { services: { database: mysql() } }), clash])).toEqual([]);
    expect(check([{ ...app({ dev: { tag: '1' } }), name: 'backup-key' }])).toEqual([
      { path: 'apps.backup-key.name', message: expect.stringContaining('the environment itself') },
    ]);
  });

  test('a host name claimed by two apps on one cluster', () => {
    const a = app({ dev: { tag: '1' } }, { web: { ...WEB, hostnames: ['www.apps.main.berth.example.com'] } });
    const b = { ...app({ dev: { tag: '1', hostnames: ['www.apps.main.berth.example.com'] } }), name: 'blog' };
    expect(check([a, b])).toEqual([
      {
        path: 'apps.blog.environments.dev.hostnames[0]',
        message: expect.stringContaining('already routed to shop in dev'),
      },
    ]);
  });

  test('extra host names the shared Gateway cannot serve, with the field path they came from', () => {
    const served = app(
      { dev: { tag: '1' } },
      {
        web: {
          ...WEB,
          hostnames: ['shop.apps.main.berth.example.com', 'www.prod.apps.main.berth.example.com'],
        },
      },
    );
    expect(check([served])).toEqual([]);
    const outside = app(
      { dev: { tag: '1' }, test: { tag: '1', hostnames: ['a.b.apps.main.berth.example.com'] } },
      { web: { ...WEB, hostnames: ['blog.example.com'] } },
    );
    expect(check([outside])).toEqual([
      {
        path: 'apps.shop.web.hostnames[0]',
        message: expect.stringContaining('not served by the shared Gateway of cluster main'),
      },
      {
        path: 'apps.shop.environments.test.hostnames[0]',
        message: expect.stringContaining('use one label under one of these names (such as "a.test.apps.'),
      },
    ]);
  });

  test('reports a definition problem once, not once per environment', () => {
    const broken = app({ dev: { tag: '1' }, test: { tag: '1' } }, { web: { ...WEB, port: 80 } });
    expect(check([broken]).filter((p) => p.path === 'apps.shop.web.port')).toHaveLength(1);
  });
});
