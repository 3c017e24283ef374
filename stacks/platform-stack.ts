import { Construct } from 'constructs';
import { ITerraformDependable } from 'cdktf';
import { RandomProvider } from '@cdktf/provider-random/lib/provider';
import { TlsProvider } from '@cdktf/provider-tls/lib/provider';
import { ClusterReadiness, NodeReadiness, clusterNodeCount } from '../constructs/cluster/cluster-readiness';
import { AddonSettings, PlatformNamespace, ResolvedCluster, ResolvedState, TimeSpan } from '../config';
import {
  AddonDefinition,
  AddonNamespace,
  AddonRegistry,
  AddonStage,
  EnvironmentFacts,
  ClusterAddons,
  PLATFORM_ADDONS,
  PlatformAddon,
  PlatformFacts,
  PlatformFootprint,
  PlatformNetworkPolicies,
  REGISTRY_ADDON,
  RegistryCredentials,
  Registry,
  platformFlows,
  platformFootprint,
} from '../constructs/addons';
import { JoinTokenSecret } from '../constructs/cluster/join-token-secret';
import { KubernetesUpgrade } from '../constructs/addons/kubernetes-upgrade/kubernetes-upgrade';
import { clusterNodeNames } from '../constructs/cluster/node-names';
import { BerthStack } from './berth-stack';
import { ClusterEndpoints } from './cluster-endpoints';
import { KubernetesProviders, configureKubernetesProviders } from './kubernetes-providers';

export interface PlatformStackProps {
  /** Platform name, prefix of the OpenStack resources the cloud controller creates. */
  readonly platformName: string;
  /** The cluster, with its resolved `addons`. */
  readonly cluster: ResolvedCluster;
  /** What the cluster stack hands over (API credentials, ingress address, OpenStack access). */
  readonly endpoints: ClusterEndpoints;
  readonly state: ResolvedState;
  /**
   * Environments running on this cluster, each with the registry stage it pulls from: the wildcard
   * certificate covers `*.<env>.apps.<domain>`, and each gets its own pull-only registry credential
   * (`registryPullCredentials`).
   * @default none
   */
  readonly environments?: readonly EnvironmentFacts[];
  /**
   * The add-ons this platform can install; those enabled in the cluster's `addons` are installed.
   * @default PLATFORM_ADDONS (Berth's own)
   */
  readonly addons?: AddonRegistry;
  /**
   * Config path of the cluster, for errors a plan reports (the version-skew check).
   * @default `clusters[name=<cluster>]`
   */
  readonly clusterConfigPath?: string;
}

/**
 * How long the platform stack waits for every node to turn Ready once the pod network is installed: it is
 * also where minions are waited for (they may still be joining, or waiting for the growth token this stack
 * re-arms first thing).
 */
export const NODES_READY_TIMEOUT = TimeSpan.seconds(30 * 60);

/**
 * `<cluster>-platform`: turns the bare cluster into the PaaS. Its Helm and Kubernetes providers are
 * configured from the cluster stack's outputs (cross-stack references), and it installs every enabled
 * add-on in dependency order: the CNI and the cloud integration first, then certificates and the
 * Gateway, then what is served through the Gateway.
 */
export class PlatformStack extends BerthStack {
  public readonly providers: KubernetesProviders;
  /** The in-place upgrade of every node to the cluster's Kubernetes minor. */
  public readonly upgrade: KubernetesUpgrade;
  /** The enabled add-ons, by name, in install order. */
  public readonly addons: ReadonlyMap<string, PlatformAddon>;
  /** Requests and limits of all add-ons against the minions' allocatable capacity. */
  public readonly footprint: PlatformFootprint;
  /** Default deny and the derived allows in every platform namespace. */
  public readonly networkPolicies: PlatformNetworkPolicies;
  /** Pull-only credentials of the private registry, by environment (their pull secrets). @default none */
  public readonly registryPullCredentials?: ReadonlyMap<string, RegistryCredentials>;

  constructor(scope: Construct, id: string, props: PlatformStackProps) {
    super(scope, id, { state: props.state });
    const { cluster, endpoints } = props;
    this.providers = configureKubernetesProviders(this, endpoints);
    new RandomProvider(this, 'random');
    new TlsProvider(this, 'tls');

    // First, needing nothing but the API: nodes the cluster stack has just created join with this token.
    new JoinTokenSecret(this, 'join-token', {
      tokenId: endpoints.joinToken.id,
      tokenSecret: endpoints.joinToken.secret,
    });

    const facts: PlatformFacts = {
      platformName: props.platformName,
      cluster,
      access: endpoints,
      environments: props.environments ?? [],
    };
    const addonRegistry = props.addons ?? PLATFORM_ADDONS;
    const selected = new ClusterAddons(addonRegistry, cluster);
    const addons = new Map<string, PlatformAddon>();
    const installed = new Map<AddonDefinition, PlatformAddon>();
    const install = (stage: AddonStage, dependsOn: readonly ITerraformDependable[]): PlatformAddon[] =>
      selected.inStage(stage).map((addon) => {
        const created = addon.install(this, {
          ...facts,
          id: addon.id,
          settings: selected.settingsOf(addon),
          dependsOn,
          isEnabled: selected.isEnabled,
          settingsOf: selected.settingsOf,
          installed: <A extends PlatformAddon>(other: AddonDefinition<AddonSettings, A>) =>
            installed.get(other) as A | undefined,
        });
        addons.set(addon.name, created);
        installed.set(addon, created);
        return created;
      });

    // Base layer: nothing else starts without a CNI, and nodes stay tainted until the cloud controller runs.
    const base: ITerraformDependable[] = [];
    base.push(...install(AddonStage.POD_NETWORK, []).flatMap((addon) => addon.ready));
    // Nodes turn Ready once the pod network runs on them: wait for all of them (bounded) before anything
    // that schedules pods, so that a first `cdktf deploy '*'` never races the nodes.
    base.push(
      new ClusterReadiness(this, 'nodes-ready', {
        apiServerUrl: endpoints.apiServerUrl,
        caCertificatePem: endpoints.clusterCaCertificatePem,
        clientCertificatePem: endpoints.adminClientCertificatePem,
        clientKeyPem: endpoints.adminClientKeyPem,
        expectedNodes: clusterNodeCount(cluster),
        nodesMustBe: NodeReadiness.READY,
        timeout: NODES_READY_TIMEOUT,
        dependsOn: [...base],
      }),
    );
    base.push(...install(AddonStage.NODE_INTEGRATION, [...base]).flatMap((addon) => addon.ready));
    install(AddonStage.SERVICES, base);
    const registry = installed.get(REGISTRY_ADDON) as Registry | undefined;
    this.registryPullCredentials = registry?.pullCredentials;

    // Changing kubernetesVersion upgrades the nodes in place, one at a time (masters first).
    const nodes = clusterNodeNames(props.platformName, cluster);
    this.upgrade = new KubernetesUpgrade(this, 'kubernetes-upgrade', {
      version: cluster.kubernetesVersion,
      configPath: `${props.clusterConfigPath ?? `clusters[name=${cluster.name}]`}.kubernetesVersion`,
      masters: nodes.masters,
      minions: nodes.minions,
      // Every node registered and Ready, the cloud controller running.
      dependsOn: base,
    });

    this.addons = addons;
    this.networkPolicies = this.isolateNamespaces(
      cluster,
      endpoints,
      selected,
      addonRegistry.namespaces.map((claim) => claim.namespace),
    );
    this.footprint = platformFootprint(
      cluster,
      [...addons.values()].map((addon) => addon.footprint),
    );
  }

  /**
   * Network policies for every namespace the add-ons created (`AddonNamespace`, whichever add-on made it),
   * plus kube-system. An add-on may create Berth's own namespaces (`PlatformNamespace`) and those it
   * declares (`AddonDefinition.namespaces`, which the config reserves from environments); any other is
   * refused, so no namespace escapes the reservation.
   */
  private isolateNamespaces(
    cluster: ResolvedCluster,
    endpoints: ClusterEndpoints,
    selected: ClusterAddons,
    declared: readonly string[],
  ): PlatformNetworkPolicies {
    const allowed = new Set<string>([...Object.values(PlatformNamespace), ...declared]);
    const created = this.node.findAll().filter((c): c is AddonNamespace => c instanceof AddonNamespace);
    for (const namespace of created.filter((n) => !allowed.has(n.name))) {
      throw new Error(
        `${namespace.node.path} creates the namespace "${namespace.name}", which its add-on does not declare: list it in the add-on definition's namespaces (AddonDefinition.namespaces), so that environments may not take it`,
      );
    }
    const namespaces = [PlatformNamespace.KUBE_SYSTEM, ...created.map((n) => n.name)];
    return new PlatformNetworkPolicies(this, 'network-policies', {
      namespaces,
      flows: platformFlows({ namespaces, addonFlows: selected.flows(namespaces) }),
      nodeCidr: cluster.nodeCidr,
      podCidr: cluster.podCidr,
      adminCidrs: endpoints.adminCidrs,
    });
  }
}
