import { AddonNamespaceClaim, reservedNamespaces } from './platform-names';
import { CpuQuantity } from './cpu-quantity';
import { DEFAULT_CLUSTER } from './default-platform';
import {
  CINDER_VOLUMES_PER_NODE,
  DEFAULT_QUOTA,
  KUBELET_MAX_PODS,
  PRODUCTION_ENVIRONMENT_NAMES,
} from './default-environment';
import { EnvironmentSchemaOutput } from './environment-config';
import { join } from './schema';
import { Problems } from './problems';
import { defaultTeamRole } from './team-role';
import { ResolvedCluster, ResolvedEnvironment } from './resolved-platform';
import { ResolvedEnvironmentLimits, ResolvedEnvironmentQuota } from './resolved-environment';
import { DataSize } from './data-size';

const ENV_VAR_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** Prefixes of environment variables the platform (`BERTH_`) and Kubernetes (`KUBERNETES_`) set. */
export const RESERVED_SETTING_PREFIXES: readonly string[] = ['BERTH_', 'KUBERNETES_'];
/** Words that betray a secret in a plain-text setting. */
const SECRET_WORDS = /PASSWORD|PASSWD|SECRET|TOKEN|PRIVATE_?KEY|API_?KEY|CREDENTIAL/i;

/**
 * Resolves the `environments` list (read by its schema, environment-config.ts): production rules, team
 * access, quotas, limits, promotion, and the checks across environments and clusters.
 */
export function resolveEnvironments(
  problems: Problems,
  list: readonly EnvironmentSchemaOutput[],
  clusters: readonly ResolvedCluster[],
  addonNamespaces: readonly AddonNamespaceClaim[] = [],
): ResolvedEnvironment[] {
  const firstCluster = clusters[0]?.name ?? DEFAULT_CLUSTER.name;
  const reserved = reservedNamespaces(addonNamespaces);
  const entries = list.map((item, i) =>
    resolveEntry(problems, `environments[${i}]`, item, firstCluster, clusters, reserved),
  );
  const seen = new Map<string, number>();
  entries.forEach((entry, i) => {
    const first = seen.get(entry.name);
    if (first !== undefined) {
      problems.add(
        `environments[${i}].name`,
        entry.name,
        `Environment names must be unique; environments[${first}] has it already`,
      );
    } else {
      seen.set(entry.name, i);
    }
  });

  const names = entries.map((e) => e.name);
  const environments: ResolvedEnvironment[] = [];
  const paths = new Map<string, string>();
  entries.forEach((entry, i) => {
    const path = `environments[${i}]`;
    const promotesFrom = resolvePromotion(
      problems,
      `${path}.promotesFrom`,
      entry,
      entries.slice(0, i),
      names,
    );
    const { name, cluster, production, teams, teamRole, quota, limits, config } = entry;
    environments.push({
      name,
      cluster,
      production,
      ...(promotesFrom === undefined ? {} : { promotesFrom }),
      teams,
      teamRole,
      quota,
      limits,
      config,
    });
    if (!paths.has(name)) paths.set(name, path);
  });
  checkPromotionCycles(problems, environments, paths);
  return environments;
}

interface Entry extends Omit<ResolvedEnvironment, 'promotesFrom'> {
  readonly promotesFrom: string | undefined;
}

function resolveEntry(
  problems: Problems,
  path: string,
  raw: EnvironmentSchemaOutput,
  firstCluster: string,
  clusters: readonly ResolvedCluster[],
  reserved: ReadonlyMap<string, string | undefined>,
): Entry {
  const name = raw.name;
  const cluster = raw.cluster ?? firstCluster;
  if (clusters.length > 0 && !clusters.some((c) => c.name === cluster)) {
    problems.add(
      `${path}.cluster`,
      cluster,
      `must name a cluster in clusters (${clusters.map((c) => c.name).join(', ')})`,
    );
  }
  if (reserved.has(name)) {
    const owner = reserved.get(name);
    const list = [...reserved].map(([ns, addon]) => (addon === undefined ? ns : `${ns} (add-on ${addon})`));
    problems.add(
      `${path}.name`,
      name,
      `is reserved for the platform${owner === undefined ? '' : `: add-on ${owner} creates this namespace`} (${list.join(', ')}); choose another name`,
    );
  }
  const production = raw.production ?? PRODUCTION_ENVIRONMENT_NAMES.includes(name);
  const teams = raw.teams;
  teams.forEach((team, i) => {
    if (team.startsWith('system:')) {
      problems.add(
        `${path}.teams[${i}]`,
        team,
        "is a Kubernetes system group (system:authenticated is every user and service account of the cluster): name your teams' own groups",
      );
    }
    if (teams.indexOf(team) !== i) {
      problems.add(
        `${path}.teams[${i}]`,
        team,
        `is listed twice (also ${path}.teams[${teams.indexOf(team)}])`,
      );
    }
  });
  return {
    name,
    cluster,
    production,
    promotesFrom: raw.promotesFrom,
    teams,
    teamRole: raw.teamRole ?? defaultTeamRole(production),
    quota: resolveQuota(
      problems,
      `${path}.quota`,
      raw.quota,
      production,
      clusters.find((c) => c.name === cluster),
    ),
    limits: resolveLimits(problems, `${path}.limits`, raw.limits),
    config: resolveSettings(problems, `${path}.config`, raw.config),
  };
}

function resolveQuota(
  problems: Problems,
  path: string,
  raw: EnvironmentSchemaOutput['quota'],
  production: boolean,
  cluster: ResolvedCluster | undefined,
): ResolvedEnvironmentQuota {
  const fallback = production ? DEFAULT_QUOTA.production : DEFAULT_QUOTA.other;
  // Counts are capped by what the cluster's minions can hold, so a quota grows with the cluster.
  const minions = cluster?.minionPools.reduce((sum, pool) => sum + pool.count, 0);
  const count = (field: 'pods' | 'volumes', perNode: number, what: string): number => {
    const given = raw[field];
    if (given === undefined) return fallback[field];
    const max = minions === undefined ? Number.MAX_SAFE_INTEGER : minions * perNode;
    if (given > max) {
      problems.add(
        `${path}.${field}`,
        given,
        `must be at most ${max}: cluster ${cluster?.name} has ${minions} minions and a node ${what} at most ` +
          `${perNode}; add minions or lower the quota`,
      );
      return fallback[field];
    }
    return given;
  };
  return {
    cpu: CpuQuantity.tryParse(raw.cpu ?? fallback.cpu)!,
    memory: DataSize.tryParse(raw.memory ?? fallback.memory)!,
    storage: DataSize.tryParse(raw.storage ?? fallback.storage)!,
    pods: count('pods', KUBELET_MAX_PODS, 'runs'),
    volumes: count('volumes', CINDER_VOLUMES_PER_NODE, 'attaches'),
  };
}

function resolveLimits(
  problems: Problems,
  path: string,
  raw: EnvironmentSchemaOutput['limits'],
): ResolvedEnvironmentLimits {
  const limits = {
    defaultCpu: CpuQuantity.tryParse(raw.defaultCpu)!,
    defaultMemory: DataSize.tryParse(raw.defaultMemory)!,
    maxCpu: CpuQuantity.tryParse(raw.maxCpu)!,
    maxMemory: DataSize.tryParse(raw.maxMemory)!,
    maxVolumeSize: DataSize.tryParse(raw.maxVolumeSize)!,
  };
  if (limits.defaultCpu.toMillicores() > limits.maxCpu.toMillicores()) {
    problems.add(
      `${path}.defaultCpu`,
      limits.defaultCpu.toString(),
      `must not exceed ${path}.maxCpu (${limits.maxCpu.toString()})`,
    );
  }
  if (limits.defaultMemory.toMebibytes() > limits.maxMemory.toMebibytes()) {
    problems.add(
      `${path}.defaultMemory`,
      limits.defaultMemory.toString(),
      `must not exceed ${path}.maxMemory (${limits.maxMemory.toString()})`,
    );
  }
  return limits;
}

function resolveSettings(
  problems: Problems,
  path: string,
  settings: Readonly<Record<string, string>>,
): Readonly<Record<string, string>> {
  for (const key of Object.keys(settings)) {
    if (RESERVED_SETTING_PREFIXES.some((prefix) => key.startsWith(prefix))) {
      problems.add(
        join(path, key),
        settings[key],
        `is reserved: ${RESERVED_SETTING_PREFIXES.join(' and ')} variables are set by the platform and Kubernetes (BERTH_ENVIRONMENT, BERTH_HOST_DOMAIN, KUBERNETES_SERVICE_HOST); choose another name`,
      );
    } else if (!ENV_VAR_NAME.test(key)) {
      problems.add(
        path,
        key,
        'keys must be environment variable names: letters, digits and "_", not starting with a digit',
      );
    } else if (SECRET_WORDS.test(key)) {
      problems.add(
        `${path}.${key}`,
        '(hidden)',
        'looks like a secret; this ConfigMap is plain text in Git and in the cluster: reference a Secret from the app instead',
      );
    }
  }
  return settings;
}

function resolvePromotion(
  problems: Problems,
  path: string,
  entry: Entry,
  earlier: readonly Entry[],
  names: readonly string[],
): string | undefined {
  const source = entry.promotesFrom;
  if (source === undefined) {
    if (!entry.production) return undefined;
    // The nearest earlier environment that is not production itself: dev, test, prod promotes test.
    return [...earlier].reverse().find((e) => !e.production)?.name;
  }
  if (source === entry.name) {
    problems.add(path, source, 'must name another environment: an environment cannot promote from itself');
    return undefined;
  }
  if (!names.includes(source)) {
    problems.add(path, source, `must name an environment in environments (${names.join(', ')})`);
    return undefined;
  }
  return source;
}

function checkPromotionCycles(
  problems: Problems,
  environments: readonly ResolvedEnvironment[],
  paths: ReadonlyMap<string, string>,
): void {
  const byName = new Map(environments.map((e) => [e.name, e]));
  environments.forEach((start) => {
    const seen = [start.name];
    let next = start.promotesFrom;
    while (next !== undefined) {
      if (next === start.name) {
        problems.add(
          `${paths.get(start.name)}.promotesFrom`,
          start.promotesFrom,
          `makes a promotion cycle (${[...seen, next].join(' <- ')}); promotion must start somewhere`,
        );
        return;
      }
      if (seen.includes(next)) return; // a cycle further up, reported for its own members
      seen.push(next);
      next = byName.get(next)?.promotesFrom;
    }
  });
}
