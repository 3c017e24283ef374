/**
 * What an environment may say beyond its name and cluster: who may change it, how much of the cluster
 * it may use, and whether it is production. `EnvironmentConfig` (platform-config.ts) extends this.
 */
export interface EnvironmentSettingsConfig {
  /**
   * Production rules: apps must reference images by digest (promoted from `promotesFrom`), teams get
   * read-only access by default, and quotas are larger.
   * @default true for an environment named "prod" or "production", else false
   */
  readonly production?: boolean;
  /**
   * The environment whose images this one runs: every image here must be a digest that environment runs
   * too (promotion). Must name another environment.
   * @default for a production environment, the non-production environment listed just before it; else none
   */
  readonly promotesFrom?: string;
  /**
   * Kubernetes groups of the teams that deploy here (the `O=` of their client certificates, or OIDC
   * groups). Each gets the role in `teamRole` on the namespace.
   * @default ["developers"]
   */
  readonly teams?: readonly string[];
  /**
   * Cluster role the teams get in the namespace: `edit` (deploy, change, read Secrets) or `view` (read,
   * no Secrets).
   * @default "view" in production, "edit" elsewhere
   */
  readonly teamRole?: `${TeamRole}`;
  /** Ceiling of what the namespace may request in all (a ResourceQuota). */
  readonly quota?: EnvironmentQuotaConfig;
  /** Per-container defaults and ceilings (a LimitRange). */
  readonly limits?: EnvironmentLimitsConfig;
  /**
   * Plain, non-secret settings every app in the environment receives as environment variables (the
   * `environment` ConfigMap). Keys are environment variable names. Never put secrets here.
   * @default {}
   */
  readonly config?: Readonly<Record<string, string>>;
}

/** Roles a team may have on an environment's namespace (Kubernetes' built-in aggregated ClusterRoles). */
export enum TeamRole {
  /** Create, change and delete workloads; read Secrets. */
  EDIT = 'edit',
  /** Read everything but Secrets. */
  VIEW = 'view',
}

/** A namespace's ResourceQuota. */
export interface EnvironmentQuotaConfig {
  /**
   * CPU all pods may request together, e.g. `"4"` or `"1500m"`.
   * @default "4" in production, "2" elsewhere
   */
  readonly cpu?: string;
  /**
   * Memory all pods may request (and be limited to) together.
   * @default "8Gi" in production, "6Gi" elsewhere
   */
  readonly memory?: string;
  /**
   * Storage all PersistentVolumeClaims may request together.
   * @default "100Gi" in production, "50Gi" elsewhere
   */
  readonly storage?: string;
  /**
   * Number of pods, from 1 to 110 per minion of the environment's cluster (the kubelet's `maxPods`).
   * @default 50 in production, 30 elsewhere
   */
  readonly pods?: number;
  /**
   * Number of PersistentVolumeClaims (Cinder volumes), from 0 to 256 per minion of the environment's cluster
   * (the Cinder CSI plugin's attach limit per node).
   * @default 20 in production, 10 elsewhere
   */
  readonly volumes?: number;
}

/** A namespace's LimitRange: what a container gets when it says nothing, and the most it may ask for. */
export interface EnvironmentLimitsConfig {
  /**
   * CPU request of a container that sets none.
   * @default "100m"
   */
  readonly defaultCpu?: string;
  /**
   * Memory request and limit of a container that sets none.
   * @default "128Mi"
   */
  readonly defaultMemory?: string;
  /**
   * Largest CPU limit of one container (also the limit of a container that sets none).
   * @default "2"
   */
  readonly maxCpu?: string;
  /**
   * Largest memory limit of one container.
   * @default "4Gi"
   */
  readonly maxMemory?: string;
  /**
   * Largest PersistentVolumeClaim.
   * @default "50Gi"
   */
  readonly maxVolumeSize?: string;
}
