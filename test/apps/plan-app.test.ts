import { ConfigError, Problems } from '../../config';
import { AppProbe } from '../../constructs/workloads/app-probe';
import { AppDefinition, defineApp, postgres } from '../../apps/app-definition';
import { planEnvironmentApps } from '../../apps/plan-environment-apps';
import { workloadEnvironment } from '../support/environments';

// planApp is reached through planEnvironmentApps, as every caller reaches it.
const DIGEST = `sha256:${'e'.repeat(64)}`;
const WEB = { port: 8080, readiness: AppProbe.http('/ready') };

function plan(apps: readonly AppDefinition[], env: 'dev' | 'test' | 'prod' = 'dev') {
  const problems = new Problems();
  return planEnvironmentApps(apps, workloadEnvironment(env), problems);
}

describe('planApp: the environment overrides', () => {
  test('a replica count in the environment replaces the definition autoscaling', () => {
    const scaled = defineApp({
      name: 'api',
      image: 'team/api',
      web: { ...WEB, autoscale: { min: 2, max: 5 } },
      environments: { dev: { tag: '1', replicas: 1 }, test: { tag: '1' } },
    });
    expect(plan([scaled], 'dev').apps[0].props.web?.autoscale).toBeUndefined();
    expect(plan([scaled], 'test').apps[0].props.web?.autoscale).toEqual({ min: 2, max: 5 });
  });
});

describe('planEnvironmentApps: the value a problem shows', () => {
  const formatted = (apps: readonly AppDefinition[], env: 'dev' | 'prod') => {
    const problems = new Problems();
    planEnvironmentApps(apps, workloadEnvironment(env), problems);
    return ConfigError.format(problems.all).split('\n').slice(1);
  };

  test('a database without a digest in production is a missing digest, not the service name', () => {
    const app = defineApp({
      name: 'shop',
      image: 'team/shop',
      web: WEB,
      services: { db: postgres() },
      environments: { prod: { digest: DIGEST } },
    } as AppDefinition);
    const [line] = formatted([app], 'prod');
    expect(line).toMatch(/^ {2}- apps\.shop\.services\.db\.digest: missing; runs platform\/postgres:/);
    expect(line).not.toContain('shop-db');
  });

  test.each<[string, Partial<AppDefinition>]>([
    ['a privileged port', { web: { ...WEB, port: 80 } }],
    ['a bad host name', { web: { ...WEB, hostnames: ['Not A Host'] } }],
    ['a bad tag', { environments: { dev: { tag: '-bad' } } }],
  ])('%s is never called missing: the message quotes the value', (_, over) => {
    const app = defineApp({
      name: 'shop',
      image: 'team/shop',
      web: WEB,
      environments: { dev: { tag: '1' } },
      ...over,
    } as AppDefinition);
    const lines = formatted([app], 'dev');
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(line).not.toMatch(/: missing;|: got "team\/shop"/);
  });
});
