import { Construct } from 'constructs';
import { RandomProvider } from '@cdktf/provider-random/lib/provider';
import { EnvironmentChart } from '../charts/environment-chart';
import { ResolvedState } from '../config';
import { REGISTRY_PULL_SECRET_NAME } from '../config/platform-names';
import { RegistryCredentials, RegistryPullSecret } from '../constructs/addons/registry/registry-pull-secret';
import { WorkloadManifests } from '../constructs/workloads/workload-manifests';
import { BackupStoreSecret } from '../constructs/workloads/backup-store-secret';
import { BACKUP_STORE_SECRET } from '../constructs/workloads/backup-store';
import { BerthStack } from './berth-stack';
import { ClusterEndpoints } from './cluster-endpoints';
import { configureKubernetesProvider } from './kubernetes-providers';
import { KubernetesProvider } from '@cdktf/provider-kubernetes/lib/provider';

/** Name of the Terraform stack that deploys a cluster's environments. */
export function environmentsStackName(cluster: string): string {
  return `${cluster}-environments`;
}

export interface EnvironmentsStackProps {
  readonly state: ResolvedState;
  /** The cluster stack's endpoints: the providers connect with them (cross-stack references). */
  readonly endpoints: ClusterEndpoints;
  /** The environment charts of this cluster, one per environment. */
  readonly charts: readonly EnvironmentChart[];
  /**
   * The registry's pull-only credentials by environment (platform stack): each environment's namespace
   * gets its own pull secret, so one environment's secret cannot pull another's images.
   * @default no pull secrets (create `registry-pull` in each namespace by other means)
   */
  readonly registryPullCredentials?: ReadonlyMap<string, RegistryCredentials>;
  /**
   * How long a rollout or release Job may take before the deploy fails, a Terraform duration.
   * @default "10m"
   */
  readonly timeout?: string;
}

/**
 * `<cluster>-environments`: applies every environment chart of a cluster with the Kubernetes provider,
 * one `kubernetes_manifest` per object (see {@link WorkloadManifests}), generates the backing services'
 * credentials at deploy time and writes each namespace's registry pull secret. It runs after the
 * platform stack (Gateway API and Prometheus CRDs, StorageClass, registry), which the caller declares.
 */
export class EnvironmentsStack extends BerthStack {
  public readonly kubernetesProvider: KubernetesProvider;
  /** The applied objects of each environment, by environment name. */
  public readonly environments: ReadonlyMap<string, WorkloadManifests>;

  constructor(scope: Construct, id: string, props: EnvironmentsStackProps) {
    super(scope, id, { state: props.state });
    this.kubernetesProvider = configureKubernetesProvider(this, props.endpoints);
    new RandomProvider(this, 'random');

    const environments = new Map<string, WorkloadManifests>();
    for (const chart of props.charts) {
      const name = chart.namespaceName;
      const manifests = new WorkloadManifests(this, chart.node.id, {
        chart,
        provider: this.kubernetesProvider,
        timeout: props.timeout,
      });
      const credentials = props.registryPullCredentials?.get(chart.environment.name);
      if (props.registryPullCredentials && !credentials) {
        throw new Error(
          `No registry pull credential for environment ${chart.environment.name}: the platform stack makes one per environment it is given (environments)`,
        );
      }
      if (credentials) {
        const pull = new RegistryPullSecret(manifests, 'registry-pull', {
          namespace: name,
          credentials,
          dependsOn: manifests.namespace ? [manifests.namespace] : undefined,
        });
        // Pods wait for the pull secret as they wait for their other Secrets.
        manifests.addSecret(REGISTRY_PULL_SECRET_NAME, pull.secret);
      }
      // Every environment gets its store (a team may add a backup at any time); only its pods can read it.
      const store = props.endpoints.environmentBackupStores.get(chart.environment.name);
      if (store) {
        const secret = new BackupStoreSecret(manifests, 'backup-store', {
          namespace: name,
          authUrl: props.endpoints.openstack.authUrl,
          region: props.endpoints.openstack.region,
          container: store.container,
          credentialId: store.credentialId,
          credentialSecret: store.credentialSecret,
          caCertificatePem: props.endpoints.openstack.caCertificatePem,
          dependsOn: manifests.namespace ? [manifests.namespace] : undefined,
        });
        manifests.addSecret(BACKUP_STORE_SECRET, secret.secret);
      } else if ([...chart.services.values()].some((service) => service.backup)) {
        throw new Error(
          `No backup store for environment ${chart.environment.name}: the cluster stack makes one per environment it is given (environmentNames)`,
        );
      }
      environments.set(name, manifests);
    }
    this.environments = environments;
  }
}
