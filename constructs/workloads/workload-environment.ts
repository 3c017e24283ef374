import { BackupStore } from './backup-store';

/**
 * What a workload needs to know about the environment it is deployed to: names the platform publishes
 * (constructs/addons/platform-names.ts) resolved for one cluster and namespace. Environment charts build
 * it once and hand it to every App and backing service.
 */
export interface WorkloadEnvironment {
  /** Environment name, also the namespace. */
  readonly name: string;
  /** Production environments pull from the registry's production stage and need image digests. */
  readonly production: boolean;
  /** Registry host and stage every image of the environment comes from, e.g. `registry.apps.example.com/dev`. */
  readonly registryPrefix: string;
  /** `kubernetes.io/dockerconfigjson` Secret in the namespace for the private registry. */
  readonly pullSecretName: string;
  /** StorageClass of every PersistentVolumeClaim (Cinder). */
  readonly storageClassName: string;
  /** Parent domain of the environment's generated hostnames: `<env>.apps.<domain>`. */
  readonly hostDomain: string;
  /** The shared Gateway listener HTTPRoutes attach to. */
  readonly gateway: { readonly name: string; readonly namespace: string; readonly sectionName: string };
  /** Namespace Prometheus scrapes from (admitted by NetworkPolicies to metrics ports). */
  readonly monitoringNamespace: string;
  /** Name of the environment-wide ConfigMap every app reads as environment variables. */
  readonly configMapName: string;
  /**
   * Group that owns mounted volumes (`fsGroup`). Not a user ID: the kubelet adds it to the container's
   * supplementary groups, so any non-root UID can write the volume.
   */
  readonly volumeGroup: number;
  /**
   * Where backing services store their backups.
   * @default none: services of the environment cannot have a `backup`
   */
  readonly backupStore?: BackupStore;
}
