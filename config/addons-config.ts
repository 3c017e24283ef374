import { AddonSettings } from './addon-section';
import { CpuQuantity } from './cpu-quantity';
import { DataSize } from './data-size';

/**
 * The platform add-ons of one cluster (the `<cluster>-platform` stack), as written in a typed config: each
 * can be switched off and tuned. Everything is optional; each add-on's section schema (in its folder,
 * composed into the platform schema by `addonsSchema`) applies the documented defaults, which are sized so
 * that the whole platform leaves at least half of the default minions' allocatable CPU and memory to apps.
 */
export interface AddonsConfig {
  /**
   * StorageClass of every volume on the cluster: the platform's (Prometheus, Loki, registry), apps'
   * and databases'. With `cloudProvider` on, Cinder CSI creates the default StorageClass under this
   * name; with it off, name a class the cluster already has.
   * @default "cinder"
   */
  readonly storageClass?: string;
  /**
   * The add-ons' sections, each typed next to its add-on (`<Name>AddonConfig` in
   * constructs/addons/<name>/<name>-addon.ts), and those of a platform's own add-ons.
   */
  readonly [addon: string]: unknown;
}

/** The `addons` section as its composed schema reads it: `storageClass`, and each add-on's section by name. */
export type AddonsSectionOutput = Readonly<Record<string, unknown>>;

/** What Kubernetes does with a Cinder volume when its claim is deleted. */
export enum VolumeReclaimPolicy {
  DELETE = 'Delete',
  RETAIN = 'Retain',
}

// ---------------------------------------------------------------------------------------------------
// Resolved shapes: every default applied, units parsed.

/** An amount of CPU and memory. */
export interface ResourceAmounts {
  readonly cpu: CpuQuantity;
  readonly memory: DataSize;
}

/** Requests and limits of one container. */
export interface ResolvedResources {
  readonly requests: ResourceAmounts;
  readonly limits: ResourceAmounts;
}

export interface ResolvedAddons {
  readonly storageClass: string;
  /**
   * Every add-on's section (given to `resolvePlatform` by their registry), by name: its own resolved
   * settings, which its definition reads.
   */
  readonly sections: ReadonlyMap<string, AddonSettings>;
}

/**
 * Names of Berth's add-ons, as they appear under `addons` in the config. Not a list an add-on must join:
 * it gives the documented order of the `addons` section (schema, "allowed fields" messages; any other
 * section comes after these, in registration order) and names the add-ons of the two checks across
 * sections in config/resolve-addons.ts. A new add-on of Berth may add its name here to take its place in
 * that order; the registry (constructs/addons/platform-addons.ts) is what installs it.
 */
export enum AddonName {
  FLANNEL = 'flannel',
  CLOUD_PROVIDER = 'cloudProvider',
  CORE_DNS = 'coreDns',
  GATEWAY = 'gateway',
  CERT_MANAGER = 'certManager',
  REGISTRY = 'registry',
  METRICS_SERVER = 'metricsServer',
  KUBELET_CSR_APPROVER = 'kubeletCsrApprover',
  MONITORING = 'monitoring',
  CONSOLE = 'console',
  LOGGING = 'logging',
}
