import { AppProbe } from '../constructs/app-probe';
import { AppDefinition, defineApp, postgres } from '../charts/app-definition';
import { APPS } from '../charts/apps';
import { POSTGRES_17_DIGEST } from '../charts/apps/platform-images';
import { PlatformConfig } from '../config';

/** A platform and its apps, synthesized by `npm run bench`. */
export interface BenchScenario {
  readonly name: string;
  readonly platform: PlatformConfig;
  readonly apps: readonly AppDefinition[];
}

export const SCALED_MINIONS = 50;
export const SCALED_APPS = 50;

/** An ordinary web service; every fifth one has a PostgreSQL database. */
function benchApp(index: number): AppDefinition {
  const digest = `sha256:${index.toString(16).padStart(64, '0')}`;
  return defineApp({
    name: `service-${index}`,
    image: `bench/service-${index}`,
    ...(index % 5 === 0 ? { services: { database: postgres({ digest: POSTGRES_17_DIGEST }) } } : {}),
    web: { port: 8080, readiness: AppProbe.http('/healthz') },
    environments: { dev: { tag: 'main' }, test: { digest }, prod: { digest, replicas: 2 } },
  }) as AppDefinition;
}

/** Quotas large enough for the scaled apps. */
const ROOMY = { quota: { cpu: '64', memory: '256Gi', storage: '2000Gi', pods: 1000, volumes: 100 } };

export const BENCH_SCENARIOS: readonly BenchScenario[] = [
  { name: 'default platform and sample apps', platform: {}, apps: APPS },
  {
    name: `${SCALED_MINIONS} minions, 3 masters, sample apps`,
    platform: {
      clusters: [
        {
          name: 'main',
          masters: { count: 3 },
          minionPools: [
            { name: 'general', count: SCALED_MINIONS - 10 },
            { name: 'batch', count: 10, flavor: 'm1.xlarge', taints: ['batch=true:NoSchedule'] },
          ],
        },
      ],
    },
    apps: APPS,
  },
  {
    name: `default platform, ${APPS.length + SCALED_APPS} apps`,
    platform: { environments: ['dev', 'test', 'prod'].map((name) => ({ name, ...ROOMY })) },
    apps: [...APPS, ...Array.from({ length: SCALED_APPS }, (_, i) => benchApp(i + 1))],
  },
];
