/** Environment names that are production unless the config says otherwise. */
export const PRODUCTION_ENVIRONMENT_NAMES: readonly string[] = ['prod', 'production'];

/** Groups given access to an environment that names none. */
export const DEFAULT_TEAMS: readonly string[] = ['developers'];

/**
 * Quotas sized for the seed cluster (2 minions of 4 vCPU / 8Gi): ceilings rather than reservations, so
 * together they may exceed the cluster (dev, test and prod are rarely all busy at once).
 */
export const DEFAULT_QUOTA = {
  production: { cpu: '4', memory: '8Gi', storage: '100Gi', pods: 50, volumes: 20 },
  other: { cpu: '2', memory: '6Gi', storage: '50Gi', pods: 30, volumes: 10 },
} as const;

export const DEFAULT_LIMITS = {
  defaultCpu: '100m',
  defaultMemory: '128Mi',
  maxCpu: '2',
  maxMemory: '4Gi',
  maxVolumeSize: '50Gi',
} as const;

/** Pods one node runs at most: the kubelet's default `maxPods`, which Berth keeps. */
export const KUBELET_MAX_PODS = 110;

/** Cinder volumes one node attaches at most: the Cinder CSI plugin's default `node-volume-attach-limit`. */
export const CINDER_VOLUMES_PER_NODE = 256;
