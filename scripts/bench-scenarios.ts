import { AppProbe } from '../constructs/workloads/app-probe';
import { AppDefinition, defineApp, postgres } from '../apps/app-definition';
import { APPS } from '../apps/teams';
import { POSTGRES_17_DIGEST } from '../apps/teams/platform-images';
import { KUBELET_MAX_PODS, MAX_POOL_SIZE, MinionPoolConfig, PlatformConfig } from '../config';

/** A platform and its apps, synthesized by `npm run bench`. */
export interface BenchScenario {
  readonly name: string;
  readonly platform: PlatformConfig;
  readonly apps: readonly AppDefinition[];
}

/** VMs of the large-cluster scenario: 3 masters and the rest minions. */
export const SCALED_VMS = 300;
/** App counts of the app scenarios, each app in dev, test and prod; the slope is taken between them. */
export const APP_COUNTS: readonly number[] = [10, 100, 1000];

/** Pools of `minions` general minions, each as large as a pool may be, and `batch` tainted larger ones. */
function scaledPools(minions: number, batch = 0): MinionPoolConfig[] {
  const pools: MinionPoolConfig[] = [];
  for (let left = minions, i = 1; left > 0; left -= MAX_POOL_SIZE, i++) {
    pools.push({ name: `general-${i}`, count: Math.min(left, MAX_POOL_SIZE) });
  }
  if (batch > 0) {
    pools.push({ name: 'batch', count: batch, flavor: 'm1.xlarge', taints: ['batch=true:NoSchedule'] });
  }
  return pools;
}

/** An ordinary web service; every fifth one has a PostgreSQL database. */
export function benchApp(index: number): AppDefinition {
  const digest = `sha256:${index.toString(16).padStart(64, '0')}`;
  return defineApp({
    name: `service-${index}`,
    image: `bench/service-${index}`,
    ...(index % 5 === 0 ? { services: { database: postgres({ digest: POSTGRES_17_DIGEST }) } } : {}),
    web: { port: 8080, readiness: AppProbe.http('/healthz') },
    environments: { dev: { tag: 'main' }, test: { digest }, prod: { digest, replicas: 2 } },
  }) as AppDefinition;
}

/**
 * `count` bench apps on a cluster sized for them: at most 4 pods per app in an environment (prod: 2
 * replicas, 1 during a rollout, a database for every fifth), minions to run them, and quotas that hold
 * them with room for the sample apps.
 */
export function appsScenario(count: number): BenchScenario {
  const pods = 4 * count + 50;
  const quota = {
    cpu: `${count + 10}`,
    memory: `${2 * count + 20}Gi`,
    storage: `${2 * count + 100}Gi`,
    pods,
    volumes: count + 20,
  };
  return {
    name: `${count} apps`,
    platform: {
      clusters: [
        {
          name: 'main',
          minionPools: scaledPools(Math.max(2, Math.ceil(pods / KUBELET_MAX_PODS))),
        },
      ],
      environments: ['dev', 'test', 'prod'].map((name) => ({ name, quota })),
    },
    apps: [...APPS, ...Array.from({ length: count }, (_, i) => benchApp(i + 1))],
  };
}

export const BENCH_SCENARIOS: readonly BenchScenario[] = [
  { name: 'default platform and sample apps', platform: {}, apps: APPS },
  {
    name: `${SCALED_VMS} VMs: 3 masters, ${SCALED_VMS - 3} minions`,
    platform: {
      clusters: [
        {
          name: 'main',
          // Room for 300 nodes: their addresses, and a /24 of pod addresses each.
          nodeCidr: '10.0.0.0/22',
          podCidr: '10.240.0.0/15',
          masters: { count: 3 },
          minionPools: scaledPools(SCALED_VMS - 53, 50),
        },
      ],
    },
    apps: APPS,
  },
  ...APP_COUNTS.map(appsScenario),
];
