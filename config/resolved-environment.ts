import { CpuQuantity } from './cpu-quantity';
import { TeamRole } from './team-role';
import { DataSize } from './data-size';

/**
 * Everything an environment resolves to beyond its name and cluster; `ResolvedEnvironment`
 * (resolved-platform.ts) extends this. Every default is applied.
 */
export interface ResolvedEnvironmentSettings {
  readonly production: boolean;
  /** Name of the environment whose image digests this one must run; always another environment. */
  readonly promotesFrom?: string;
  readonly teams: readonly string[];
  readonly teamRole: TeamRole;
  readonly quota: ResolvedEnvironmentQuota;
  readonly limits: ResolvedEnvironmentLimits;
  /** Entries of the environment-wide ConfigMap. */
  readonly config: Readonly<Record<string, string>>;
}

export interface ResolvedEnvironmentQuota {
  readonly cpu: CpuQuantity;
  readonly memory: DataSize;
  readonly storage: DataSize;
  readonly pods: number;
  readonly volumes: number;
}

export interface ResolvedEnvironmentLimits {
  readonly defaultCpu: CpuQuantity;
  readonly defaultMemory: DataSize;
  readonly maxCpu: CpuQuantity;
  readonly maxMemory: DataSize;
  readonly maxVolumeSize: DataSize;
}
