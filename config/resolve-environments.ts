import { PLATFORM_NAMESPACES } from './platform-names';
import { CpuQuantity } from './cpu-quantity';
import { DEFAULT_CLUSTER, DEFAULT_ENVIRONMENT_NAMES } from './default-platform';
import {
  CINDER_VOLUMES_PER_NODE,
  DEFAULT_LIMITS,
  DEFAULT_QUOTA,
  DEFAULT_TEAMS,
  KUBELET_MAX_PODS,
  PRODUCTION_ENVIRONMENT_NAMES,
  defaultTeamRole,
} from './default-environment';
import { TeamRole } from './environment-config';
import { FieldReader, join } from './field-reader';
import { ResolvedCluster, ResolvedEnvironment } from './resolved-platform';
import { ResolvedEnvironmentLimits, ResolvedEnvironmentQuota } from './resolved-environment';
import { DataSize } from './data-size';

/** Namespaces Kubernetes and the platform add-ons use; environments may not take them. */
export const RESERVED_NAMESPACES: readonly string[] = PLATFORM_NAMESPACES;

/** Fields an environment entry may have. */
const ENVIRONMENT_FIELDS = [
  'name',
  'cluster',
  'production',
  'promotesFrom',
  'teams',
  'teamRole',
  'quota',
  'limits',
  'config',
] as const;

const CPU_ALLOWED = 'a CPU quantity such as "2", "1.5" or "500m"';
const SIZE_ALLOWED = 'a size such as "4Gi" or "512Mi" (units Mi, Gi, Ti)';
const ENV_VAR_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** Prefixes of environment variables the platform (`BERTH_`) and Kubernetes (`KUBERNETES_`) set. */
export const RESERVED_SETTING_PREFIXES: readonly string[] = ['BERTH_', 'KUBERNETES_'];
/** Words that betray a secret in a plain-text setting. */
const SECRET_WORDS = /PASSWORD|PASSWD|SECRET|TOKEN|PRIVATE_?KEY|API_?KEY|CREDENTIAL/i;

/**
 * Validates the `environments` list and applies every default (production rules, team access, quotas,
 * limits, promotion). Problems are recorded on `read`; only environments with a valid name are returned.
 */
export function resolveEnvironments(
  read: FieldReader,
  value: unknown,
  clusters: readonly ResolvedCluster[],
): ResolvedEnvironment[] {
  const firstCluster = clusters[0]?.name ?? DEFAULT_CLUSTER.name;
  const list = read.array('environments', value) ?? DEFAULT_ENVIRONMENT_NAMES.map((name) => ({ name }));
  if (list.length === 0) {
    read.problems.add(
      'environments',
      value,
      'must list at least one environment (or be left out for dev, test, prod)',
    );
  }
  const entries = list.map((item, i) =>
    resolveEntry(read, `environments[${i}]`, item, firstCluster, clusters),
  );
  read.unique(
    'environments',
    list.map((item) => (item as { name?: string } | null)?.name),
    'Environment',
  );

  const names = entries.map((e) => e.name);
  const environments: ResolvedEnvironment[] = [];
  const paths = new Map<string, string>();
  entries.forEach((entry, i) => {
    const path = `environments[${i}]`;
    const promotesFrom = resolvePromotion(read, `${path}.promotesFrom`, entry, entries.slice(0, i), names);
    if (entry.name !== undefined) {
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
    }
  });
  checkPromotionCycles(read, environments, paths);
  return environments;
}

interface Entry extends Omit<ResolvedEnvironment, 'name' | 'promotesFrom'> {
  readonly name: string | undefined;
  readonly raw: Record<string, unknown>;
}

function resolveEntry(
  read: FieldReader,
  path: string,
  item: unknown,
  firstCluster: string,
  clusters: readonly ResolvedCluster[],
): Entry {
  const raw = read.object(path, item, ENVIRONMENT_FIELDS) ?? {};
  const missing = item === undefined || item === null;
  if (missing) read.problems.add(path, item, 'must be an environment {name, ...}');
  const name = missing ? undefined : read.name(`${path}.name`, raw.name, undefined);
  const cluster = read.string(`${path}.cluster`, raw.cluster, firstCluster);
  if (clusters.length > 0 && !clusters.some((c) => c.name === cluster)) {
    read.problems.add(
      `${path}.cluster`,
      cluster,
      `must name a cluster in clusters (${clusters.map((c) => c.name).join(', ')})`,
    );
  }
  if (name !== undefined && RESERVED_NAMESPACES.includes(name)) {
    read.problems.add(
      `${path}.name`,
      name,
      `is reserved for the platform (${RESERVED_NAMESPACES.join(', ')}); choose another name`,
    );
  }
  const production = read.boolean(
    `${path}.production`,
    raw.production,
    name !== undefined && PRODUCTION_ENVIRONMENT_NAMES.includes(name),
  );

  const teams = read.strings(`${path}.teams`, raw.teams, DEFAULT_TEAMS);
  teams.forEach((team, i) => {
    if (team.startsWith('system:')) {
      read.problems.add(
        `${path}.teams[${i}]`,
        team,
        "is a Kubernetes system group (system:authenticated is every user and service account of the cluster): name your teams' own groups",
      );
    }
    if (teams.indexOf(team) !== i) {
      read.problems.add(
        `${path}.teams[${i}]`,
        team,
        `is listed twice (also ${path}.teams[${teams.indexOf(team)}])`,
      );
    }
  });
  const roles = Object.values(TeamRole) as string[];
  const role = read.string(`${path}.teamRole`, raw.teamRole, defaultTeamRole(production));
  if (!roles.includes(role)) {
    read.problems.add(`${path}.teamRole`, role, `must be one of ${roles.map((r) => `"${r}"`).join(', ')}`);
  }
  const teamRole = roles.includes(role) ? (role as TeamRole) : defaultTeamRole(production);

  return {
    name,
    cluster,
    production,
    teams,
    teamRole,
    quota: resolveQuota(
      read,
      `${path}.quota`,
      raw.quota,
      production,
      clusters.find((c) => c.name === cluster),
    ),
    limits: resolveLimits(read, `${path}.limits`, raw.limits),
    config: resolveSettings(read, `${path}.config`, raw.config),
    raw,
  };
}

function resolveQuota(
  read: FieldReader,
  path: string,
  value: unknown,
  production: boolean,
  cluster: ResolvedCluster | undefined,
): ResolvedEnvironmentQuota {
  const raw = read.object(path, value, ['cpu', 'memory', 'storage', 'pods', 'volumes']) ?? {};
  const fallback = production ? DEFAULT_QUOTA.production : DEFAULT_QUOTA.other;
  // Counts are capped by what the cluster's minions can hold, so a quota grows with the cluster.
  const minions = cluster?.minionPools.reduce((sum, pool) => sum + pool.count, 0);
  const count = (field: 'pods' | 'volumes', min: number, perNode: number, what: string): number => {
    const max = minions === undefined ? Number.MAX_SAFE_INTEGER : minions * perNode;
    const given = raw[field];
    if (typeof given === 'number' && Number.isInteger(given) && given > max) {
      read.problems.add(
        `${path}.${field}`,
        given,
        `must be at most ${max}: cluster ${cluster?.name} has ${minions} minions and a node ${what} at most ` +
          `${perNode}; add minions or lower the quota`,
      );
      return fallback[field];
    }
    return read.integer(`${path}.${field}`, given, fallback[field], min, max);
  };
  return {
    cpu: read.parsed(`${path}.cpu`, raw.cpu, fallback.cpu, CpuQuantity.tryParse, CPU_ALLOWED),
    memory: read.parsed(`${path}.memory`, raw.memory, fallback.memory, DataSize.tryParse, SIZE_ALLOWED),
    storage: read.parsed(`${path}.storage`, raw.storage, fallback.storage, DataSize.tryParse, SIZE_ALLOWED),
    pods: count('pods', 1, KUBELET_MAX_PODS, 'runs'),
    volumes: count('volumes', 0, CINDER_VOLUMES_PER_NODE, 'attaches'),
  };
}

function resolveLimits(read: FieldReader, path: string, value: unknown): ResolvedEnvironmentLimits {
  const raw =
    read.object(path, value, ['defaultCpu', 'defaultMemory', 'maxCpu', 'maxMemory', 'maxVolumeSize']) ?? {};
  const cpu = (field: 'defaultCpu' | 'maxCpu') =>
    read.parsed(`${path}.${field}`, raw[field], DEFAULT_LIMITS[field], CpuQuantity.tryParse, CPU_ALLOWED);
  const size = (field: 'defaultMemory' | 'maxMemory' | 'maxVolumeSize') =>
    read.parsed(`${path}.${field}`, raw[field], DEFAULT_LIMITS[field], DataSize.tryParse, SIZE_ALLOWED);
  const limits = {
    defaultCpu: cpu('defaultCpu'),
    defaultMemory: size('defaultMemory'),
    maxCpu: cpu('maxCpu'),
    maxMemory: size('maxMemory'),
    maxVolumeSize: size('maxVolumeSize'),
  };
  if (limits.defaultCpu.toMillicores() > limits.maxCpu.toMillicores()) {
    read.problems.add(
      `${path}.defaultCpu`,
      limits.defaultCpu.toString(),
      `must not exceed ${path}.maxCpu (${limits.maxCpu.toString()})`,
    );
  }
  if (limits.defaultMemory.toMebibytes() > limits.maxMemory.toMebibytes()) {
    read.problems.add(
      `${path}.defaultMemory`,
      limits.defaultMemory.toString(),
      `must not exceed ${path}.maxMemory (${limits.maxMemory.toString()})`,
    );
  }
  return limits;
}

function resolveSettings(read: FieldReader, path: string, value: unknown): Readonly<Record<string, string>> {
  const settings = read.stringMap(path, value);
  for (const key of Object.keys(settings)) {
    if (RESERVED_SETTING_PREFIXES.some((prefix) => key.startsWith(prefix))) {
      read.problems.add(
        join(path, key),
        settings[key],
        `is reserved: ${RESERVED_SETTING_PREFIXES.join(' and ')} variables are set by the platform and Kubernetes (BERTH_ENVIRONMENT, BERTH_HOST_DOMAIN, KUBERNETES_SERVICE_HOST); choose another name`,
      );
    } else if (!ENV_VAR_NAME.test(key)) {
      read.problems.add(
        path,
        key,
        'keys must be environment variable names: letters, digits and "_", not starting with a digit',
      );
    } else if (SECRET_WORDS.test(key)) {
      read.problems.add(
        `${path}.${key}`,
        '(hidden)',
        'looks like a secret; this ConfigMap is plain text in Git and in the cluster: reference a Secret from the app instead',
      );
    }
  }
  return settings;
}

function resolvePromotion(
  read: FieldReader,
  path: string,
  entry: Entry,
  earlier: readonly Entry[],
  names: readonly (string | undefined)[],
): string | undefined {
  if (entry.raw.promotesFrom === undefined || entry.raw.promotesFrom === null) {
    if (!entry.production) return undefined;
    // The nearest earlier environment that is not production itself: dev, test, prod promotes test.
    return [...earlier].reverse().find((e) => !e.production && e.name !== undefined)?.name;
  }
  const source = read.name(path, entry.raw.promotesFrom, undefined);
  if (source === undefined) return undefined;
  if (source === entry.name) {
    read.problems.add(
      path,
      source,
      'must name another environment: an environment cannot promote from itself',
    );
    return undefined;
  }
  if (!names.includes(source)) {
    read.problems.add(
      path,
      source,
      `must name an environment in environments (${names.filter((n) => n !== undefined).join(', ')})`,
    );
    return undefined;
  }
  return source;
}

function checkPromotionCycles(
  read: FieldReader,
  environments: readonly ResolvedEnvironment[],
  paths: ReadonlyMap<string, string>,
): void {
  const byName = new Map(environments.map((e) => [e.name, e]));
  environments.forEach((start) => {
    const seen = [start.name];
    let next = start.promotesFrom;
    while (next !== undefined) {
      if (next === start.name) {
        read.problems.add(
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
