import { AddonSettings } from './addon-section';
import { CpuQuantity } from './cpu-quantity';
import { TimeSpan } from './time-span';
import { DataSize } from './data-size';

/**
 * The platform add-ons of one cluster (the `<cluster>-platform` stack): each can be switched off and
 * tuned. Everything is optional; `resolveAddons()` applies the documented defaults, which are sized so
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
  /** CoreDNS configuration (kubeadm installs CoreDNS; Berth manages its Corefile). */
  readonly coreDns?: CoreDnsAddonConfig;
  /** kube-prometheus-stack (Prometheus, Alertmanager, Grafana) and node-problem-detector. */
  readonly monitoring?: MonitoringAddonConfig;
  /**
   * The sections of the add-ons that read their own (`AddonDefinition.config`), each typed next to its
   * add-on: `flannel`, `cloudProvider`, `certManager`, `gateway`, `registry`, `kubeletCsrApprover`, `metricsServer`, `console` and
   * `logging` of Berth's
   * (constructs/addons/<name>/<name>-addon.ts), and those of a platform's own add-ons.
   */
  readonly [addon: string]: unknown;
}

/**
 * Requests and limits of an add-on's main container, overriding Berth's defaults field by field.
 * CPU as a Kubernetes quantity (`100m`, `0.5`, `1`), memory as `128Mi` or `1Gi`.
 */
export interface ResourcesConfig {
  /** @default the add-on's default */
  readonly cpuRequest?: string;
  /** @default the add-on's default */
  readonly memoryRequest?: string;
  /** @default the add-on's default */
  readonly cpuLimit?: string;
  /** @default the add-on's default */
  readonly memoryLimit?: string;
}

/** What Kubernetes does with a Cinder volume when its claim is deleted. */
export enum VolumeReclaimPolicy {
  DELETE = 'Delete',
  RETAIN = 'Retain',
}

export interface CoreDnsAddonConfig {
  /**
   * Manage CoreDNS's Corefile. When off, kubeadm's default Corefile stays.
   * @default true
   */
  readonly enabled?: boolean;
  /**
   * Upstream resolvers for names outside the cluster (IPv4 addresses).
   * @default cloud.dnsNameservers, or when that is left out the nodes' own resolvers (what the cloud's DHCP
   * gave them, through `/etc/resolv.conf`)
   */
  readonly upstreamServers?: readonly string[];
  /**
   * Enterprise DNS zones forwarded to their own servers, e.g. `{ "corp.example.com": ["10.1.0.53"] }`.
   * @default {}
   */
  readonly stubDomains?: Readonly<Record<string, readonly string[]>>;
  /**
   * How long CoreDNS caches answers.
   * @default "30s"
   */
  readonly cacheTtl?: string;
}

/** Where Alertmanager sends alerts. */
export interface AlertReceiverConfig {
  /** Receiver name, DNS-1123 label. */
  readonly name: string;
  /** Webhook URL (https://) receiving Alertmanager's JSON payload. */
  readonly webhookUrl?: string;
  /** E-mail address(es) to notify; needs `smtp`. */
  readonly email?: string;
}

/** The mail relay Alertmanager sends e-mail through (no authentication; relay by source address). */
export interface SmtpConfig {
  /** `host:port` of the relay. */
  readonly smarthost: string;
  /** Sender address. */
  readonly from: string;
  /**
   * Require STARTTLS.
   * @default true
   */
  readonly requireTls?: boolean;
}

export interface MonitoringAddonConfig {
  /**
   * Deploy kube-prometheus-stack, the platform's alert rules and node-problem-detector.
   * @default true
   */
  readonly enabled?: boolean;
  /**
   * How long Prometheus keeps samples.
   * @default "7d"
   */
  readonly retention?: string;
  /**
   * Size of Prometheus's volume (Prometheus also stops at 90% of it).
   * @default "10Gi"
   */
  readonly storageSize?: string;
  /**
   * Alert receivers; every alert goes to all of them. Without receivers alerts show in Alertmanager
   * and Grafana only.
   * @default []
   */
  readonly receivers?: readonly AlertReceiverConfig[];
  /** Required when a receiver has `email`. */
  readonly smtp?: SmtpConfig;
  /**
   * Ratio of 5xx responses above which an app alerts.
   * @default 0.05
   */
  readonly errorRatioThreshold?: number;
  /**
   * Run node-problem-detector (kernel and container-runtime problems as node conditions).
   * @default true
   */
  readonly nodeProblemDetector?: boolean;
  /** Prometheus's resources. @default 100m/512Mi requested, 1/1Gi limit */
  readonly resources?: ResourcesConfig;
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
   * Sections of the add-ons defined outside config/ (given to `resolvePlatform` by their registry), by
   * name: their own resolved settings, which their definition reads.
   */
  readonly sections: ReadonlyMap<string, AddonSettings>;
  readonly coreDns: {
    readonly enabled: boolean;
    /** Empty: the nodes' own resolvers (`/etc/resolv.conf`). */
    readonly upstreamServers: readonly string[];
    readonly stubDomains: Readonly<Record<string, readonly string[]>>;
    readonly cacheTtl: TimeSpan;
  };
  readonly monitoring: {
    readonly enabled: boolean;
    readonly retention: TimeSpan;
    readonly storageSize: DataSize;
    readonly receivers: readonly {
      readonly name: string;
      readonly webhookUrl?: string;
      readonly email?: string;
    }[];
    readonly smtp?: { readonly smarthost: string; readonly from: string; readonly requireTls: boolean };
    readonly errorRatioThreshold: number;
    readonly nodeProblemDetector: boolean;
    readonly resources: ResolvedResources;
  };
}

/** Names of the add-ons, as they appear under `addons` in the config. */
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
