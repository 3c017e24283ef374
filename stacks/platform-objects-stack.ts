import { Construct } from 'constructs';
import { KubernetesProvider } from '@cdktf/provider-kubernetes/lib/provider';
import { ResolvedState } from '../config';
import { AddonObjects, KubernetesObject, PlatformAddon } from '../constructs/addons';
import { BerthStack } from './berth-stack';
import { ClusterEndpoints } from './cluster-endpoints';
import { configureKubernetesProvider } from './kubernetes-providers';

/** Name of the Terraform stack that applies the platform add-ons' own objects. */
export function platformObjectsStackName(cluster: string): string {
  return `${cluster}-platform-objects`;
}

export interface PlatformObjectsStackProps {
  readonly state: ResolvedState;
  /** The cluster stack's endpoints: the provider connects with them (cross-stack references). */
  readonly endpoints: ClusterEndpoints;
  /** The platform stack's add-ons, whose {@link PlatformAddon.objects} this stack applies. */
  readonly addons: ReadonlyMap<string, PlatformAddon>;
  /** The platform namespaces' NetworkPolicies. @default none */
  readonly networkPolicies?: readonly KubernetesObject[];
}

/** Construct ID (and resource name prefix) of the platform namespaces' NetworkPolicies. */
export const NETWORK_POLICIES_ID = 'network-policies';

/**
 * `<cluster>-platform-objects`: the add-ons' own objects (the shared Gateway, the ClusterIssuers, the
 * registry, the routes of Grafana and the console), one `kubernetes_manifest` each. `kubernetes_manifest`
 * looks up every kind in the cluster's API when it plans, and the CRDs of these kinds (Gateway API,
 * cert-manager, Envoy Gateway) come from the platform stack's releases: a CRD and its objects cannot be
 * planned in one run (hashicorp/terraform-provider-kubernetes#1367), so the objects get a stack of their
 * own, deployed after the platform stack and before the environments. The platform namespaces'
 * NetworkPolicies come here too, once every namespace and add-on exists.
 */
export class PlatformObjectsStack extends BerthStack {
  public readonly kubernetesProvider: KubernetesProvider;
  /** The applied objects, by add-on. */
  public readonly objects: ReadonlyMap<string, AddonObjects>;
  /** The platform namespaces' NetworkPolicies. @default none */
  public readonly networkPolicies?: AddonObjects;

  constructor(scope: Construct, id: string, props: PlatformObjectsStackProps) {
    super(scope, id, { state: props.state });
    this.kubernetesProvider = configureKubernetesProvider(this, props.endpoints);
    const objects = new Map<string, AddonObjects>();
    for (const [name, addon] of props.addons) {
      if (addon.objects.length === 0) continue;
      objects.set(
        name,
        // Under the add-on's own construct ID: its objects' addresses start like its resources'.
        new AddonObjects(this, addon.node.id, {
          objects: addon.objects,
          provider: this.kubernetesProvider,
        }),
      );
    }
    this.objects = objects;
    if (props.networkPolicies && props.networkPolicies.length > 0) {
      this.networkPolicies = new AddonObjects(this, NETWORK_POLICIES_ID, {
        objects: props.networkPolicies,
        provider: this.kubernetesProvider,
      });
    }
  }
}

/** Whether the platform has objects of its own (otherwise there is no objects stack). */
export function hasPlatformObjects(
  addons: ReadonlyMap<string, PlatformAddon>,
  networkPolicies: readonly KubernetesObject[] = [],
): boolean {
  return networkPolicies.length > 0 || [...addons.values()].some((addon) => addon.objects.length > 0);
}
