import { ResolvedCluster, ResolvedEnvironment } from '../config';
import {
  PlatformNamespace,
  REGISTRY_PULL_SECRET_NAME,
  RegistryStage,
  SHARED_GATEWAY,
  environmentHostDomain,
  registryPrefix,
} from '../config/platform-names';
import { AppImage } from '../constructs/workloads/app-image';
import { BACKUP_TOOL_REPOSITORY, BackupStore } from '../constructs/workloads/backup-store';
import { RCLONE_1_71_DIGEST } from './teams/platform-images';
import { WorkloadEnvironment } from '../constructs/workloads/workload-environment';

/** Name of the environment-wide ConfigMap in every environment namespace. */
export const ENVIRONMENT_CONFIG_MAP = 'environment';

/** Object name of the environment's ResourceQuota and LimitRange (the chart creates them, the app check claims the name). */
export const ENVIRONMENT_POLICY_NAME = 'environment';

/**
 * Group owning mounted volumes in every environment. Any value works (the kubelet adds it to the
 * container's groups); a fixed one keeps volume ownership stable across restarts.
 */
export const VOLUME_GROUP = 2000;

/** Production pulls from the registry's production stage, everything else from the development stage. */
export function registryStage(environment: ResolvedEnvironment): RegistryStage {
  return environment.production ? RegistryStage.PROD : RegistryStage.DEV;
}

/** What workloads of `environment` need from the platform on `cluster`, from the platform's published names. */
export function workloadEnvironmentOf(
  environment: ResolvedEnvironment,
  cluster: ResolvedCluster,
): WorkloadEnvironment {
  return {
    name: environment.name,
    production: environment.production,
    registryPrefix: registryPrefix(cluster.domain, registryStage(environment)),
    pullSecretName: REGISTRY_PULL_SECRET_NAME,
    storageClassName: cluster.addons.storageClass,
    hostDomain: environmentHostDomain(cluster.domain, environment.name),
    gateway: {
      name: SHARED_GATEWAY.name,
      namespace: SHARED_GATEWAY.namespace,
      sectionName: SHARED_GATEWAY.httpsListener,
    },
    monitoringNamespace: PlatformNamespace.MONITORING,
    configMapName: ENVIRONMENT_CONFIG_MAP,
    volumeGroup: VOLUME_GROUP,
    backupStore: backupStoreOf(cluster),
  };
}

/** Link-local addresses (the OpenStack metadata service among them): never the object store. */
const LINK_LOCAL = '169.254.0.0/16';

/**
 * The cluster's object store as backups reach it: any address outside the cluster's node, pod and
 * service networks, on the configured Keystone and Swift ports.
 */
export function backupStoreOf(cluster: ResolvedCluster): BackupStore {
  return {
    network: {
      cidr: '0.0.0.0/0',
      except: [cluster.nodeCidr, cluster.podCidr, cluster.serviceCidr].map(String).concat(LINK_LOCAL),
      ports: cluster.backups.storePorts,
    },
    // By digest in every environment: what encrypts and deletes backups never changes under them.
    toolImage: AppImage.digest(BACKUP_TOOL_REPOSITORY, RCLONE_1_71_DIGEST),
  };
}
