import { CpuQuantity } from './cpu-quantity';
import {
  CINDER_VOLUMES_PER_NODE,
  DEFAULT_LIMITS,
  DEFAULT_TEAMS,
  KUBELET_MAX_PODS,
} from './default-environment';
import {
  boolean,
  list,
  name,
  oneOf,
  optional,
  parsed,
  section,
  stringMap,
  text,
  withDefault,
  z,
} from './schema';
import type { DeepReadonly } from './schema';
import { DataSize } from './data-size';
import { TeamRole } from './team-role';

export const CPU_ALLOWED = 'a CPU quantity such as "2", "1.5" or "500m"';
export const QUANTITY_SIZE_ALLOWED = 'a size such as "4Gi" or "512Mi" (units Mi, Gi, Ti)';

const cpu = (doc: string) => parsed(CpuQuantity.tryParse, CPU_ALLOWED, { doc });
const size = (doc: string) => parsed(DataSize.tryParse, QUANTITY_SIZE_ALLOWED, { doc });

/** A count with a floor here and a ceiling that grows with the environment's cluster (checked by the resolver). */
function perMinionCount(min: number, perNode: number, what: string, doc: string) {
  const message = `must be a whole number from ${min} to ${perNode} per minion of the environment's cluster (a node ${what} at most ${perNode})`;
  return z
    .int({ error: message })
    .check(z.gte(min, { error: message, abort: true }), z.meta({ description: doc }));
}

/** A namespace's ResourceQuota; defaults depend on whether the environment is production. */
export const environmentQuotaSchema = section(
  {
    cpu: optional(
      cpu(
        'CPU all pods may request together, e.g. `"4"` or `"1500m"`. Default: "4" in production, "2" elsewhere.',
      ),
    ),
    memory: optional(
      size(
        'Memory all pods may request (and be limited to) together. Default: "8Gi" in production, "6Gi" elsewhere.',
      ),
    ),
    storage: optional(
      size(
        'Storage all PersistentVolumeClaims may request together. Default: "100Gi" in production, "50Gi" elsewhere.',
      ),
    ),
    pods: optional(
      perMinionCount(
        1,
        KUBELET_MAX_PODS,
        'runs',
        "Number of pods, from 1 to 110 per minion of the environment's cluster (the kubelet's `maxPods`). Default: 50 in production, 30 elsewhere.",
      ),
    ),
    volumes: optional(
      perMinionCount(
        0,
        CINDER_VOLUMES_PER_NODE,
        'attaches',
        "Number of PersistentVolumeClaims (Cinder volumes), from 0 to 256 per minion of the environment's cluster (the Cinder CSI plugin's attach limit per node). Default: 20 in production, 10 elsewhere.",
      ),
    ),
  },
  'Ceiling of what the namespace may request in all (a ResourceQuota).',
);

/** A namespace's LimitRange: what a container gets when it says nothing, and the most it may ask for. */
export const environmentLimitsSchema = section(
  {
    defaultCpu: withDefault(cpu('CPU request of a container that sets none.'), DEFAULT_LIMITS.defaultCpu),
    defaultMemory: withDefault(
      size('Memory request and limit of a container that sets none.'),
      DEFAULT_LIMITS.defaultMemory,
    ),
    maxCpu: withDefault(
      cpu('Largest CPU limit of one container (also the limit of a container that sets none).'),
      DEFAULT_LIMITS.maxCpu,
    ),
    maxMemory: withDefault(size('Largest memory limit of one container.'), DEFAULT_LIMITS.maxMemory),
    maxVolumeSize: withDefault(size('Largest PersistentVolumeClaim.'), DEFAULT_LIMITS.maxVolumeSize),
  },
  'Per-container defaults and ceilings (a LimitRange).',
);

/** An environment: a namespace on one cluster that teams deploy apps to. */
export const environmentSchema = section(
  {
    name: name('Environment name, DNS-1123 label, unique; also the namespace name.'),
    cluster: optional(text({ doc: 'Cluster the environment runs on. Default: the first cluster.' })),
    production: optional(
      boolean(
        'Production rules: apps must reference images by digest (promoted from `promotesFrom`), teams get read-only access by default, and quotas are larger. Default: true for an environment named "prod" or "production", else false.',
      ),
    ),
    promotesFrom: optional(
      name(
        'The environment whose images this one runs: every image here must be a digest that environment runs too (promotion). Must name another environment. Default: for a production environment, the non-production environment listed just before it; else none.',
      ),
    ),
    teams: withDefault(
      list(
        text(),
        undefined,
        'Kubernetes groups of the teams that deploy here (the `O=` of their client certificates, or OIDC groups). Each gets the role in `teamRole` on the namespace.',
      ),
      DEFAULT_TEAMS,
    ),
    teamRole: optional(
      oneOf(
        Object.values(TeamRole) as [TeamRole, ...TeamRole[]],
        undefined,
        'Cluster role the teams get in the namespace: `edit` (deploy, change, read Secrets) or `view` (read, no Secrets). Default: "view" in production, "edit" elsewhere.',
      ),
    ),
    quota: withDefault(environmentQuotaSchema, {}),
    limits: withDefault(environmentLimitsSchema, {}),
    config: withDefault(
      stringMap(
        undefined,
        'Plain, non-secret settings every app in the environment receives as environment variables (the `environment` ConfigMap). Keys are environment variable names. Never put secrets here.',
      ),
      {},
    ),
  },
  'An environment: a namespace on one cluster that teams deploy apps to.',
  'an environment {name, ...}',
);

/** An environment as written. */
export type EnvironmentConfig = DeepReadonly<z.input<typeof environmentSchema>>;
/** What an environment may say beyond its name and cluster. */
export type EnvironmentSettingsConfig = Omit<EnvironmentConfig, 'name' | 'cluster'>;
export type EnvironmentQuotaConfig = DeepReadonly<z.input<typeof environmentQuotaSchema>>;
export type EnvironmentLimitsConfig = DeepReadonly<z.input<typeof environmentLimitsSchema>>;
/** An environment after its schema: static defaults applied. */
export type EnvironmentSchemaOutput = z.output<typeof environmentSchema>;
