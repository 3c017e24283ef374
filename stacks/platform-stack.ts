import { Construct } from 'constructs';
import { ITerraformDependable, TerraformOutput } from 'cdktf';
import { RandomProvider } from '@cdktf/provider-random/lib/provider';
import { TlsProvider } from '@cdktf/provider-tls/lib/provider';
import { ClusterReadiness, NodeReadiness, clusterNodeCount } from '../constructs/cluster/cluster-readiness';
import {
  AddonName,
  TimeSpan,
  PlatformNamespace,
  ResolvedCluster,
  ResolvedState,
  consoleHost,
  grafanaHost,
  managementUrl,
} from '../config';
import {
  AddonNamespace,
  CertManager,
  CloudProvider,
  CoreDns,
  Flannel,
  KubeletCsrApprover,
  LOKI_URL,
  Logging,
  MetricsServer,
  Monitoring,
  PlatformAddon,
  PlatformFootprint,
  PlatformNetworkPolicies,
  Registry,
  RegistryCredentials,
  RegistryPuller,
  SharedGateway,
  WebConsole,
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
   * Environments running on this cluster: the wildcard certificate covers `*.<env>.apps.<domain>`.
   * @default none
   */
  readonly environmentNames?: readonly string[];
  /**
   * Environments that pull from the registry, each with the stage it pulls from: each gets its own
   * pull-only credential (`registryPullCredentials`).
   * @default none
   */
  readonly registryPullers?: readonly RegistryPuller[];
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

/** Construct IDs of the add-ons: stable, they name every resource inside. */
export const ADDON_IDS: Readonly<Record<AddonName, string>> = {
  [AddonName.FLANNEL]: 'flannel',
  [AddonName.CLOUD_PROVIDER]: 'cloud-provider',
  [AddonName.CORE_DNS]: 'core-dns',
  [AddonName.GATEWAY]: 'gateway',
  [AddonName.CERT_MANAGER]: 'cert-manager',
  [AddonName.REGISTRY]: 'registry',
  [AddonName.METRICS_SERVER]: 'metrics-server',
  [AddonName.KUBELET_CSR_APPROVER]: 'kubelet-csr-approver',
  [AddonName.MONITORING]: 'monitoring',
  [AddonName.CONSOLE]: 'console',
  [AddonName.LOGGING]: 'logging',
};

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
  public readonly addons: ReadonlyMap<AddonName, PlatformAddon>;
  /** Requests and limits of all add-ons against the minions' allocatable capacity. */
  public readonly footprint: PlatformFootprint;
  /** Default deny and the derived allows in every platform namespace. */
  public readonly networkPolicies: PlatformNetworkPolicies;
  /** Pull-only credentials of the private registry, by environment (their pull secrets). @default none */
  public readonly registryPullCredentials?: ReadonlyMap<string, RegistryCredentials>;

  constructor(scope: Construct, id: string, props: PlatformStackProps) {
    super(scope, id, { state: props.state });
    const { cluster, endpoints } = props;
    const a = cluster.addons;
    this.providers = configureKubernetesProviders(this, endpoints);
    new RandomProvider(this, 'random');
    new TlsProvider(this, 'tls');

    // First, needing nothing but the API: nodes the cluster stack has just created join with this token.
    new JoinTokenSecret(this, 'join-token', {
      tokenId: endpoints.joinToken.id,
      tokenSecret: endpoints.joinToken.secret,
    });

    const addons = new Map<AddonName, PlatformAddon>();
    const add = <T extends PlatformAddon>(addon: T): T => {
      addons.set(addon.addonName, addon);
      return addon;
    };
    const id_ = (name: AddonName) => ADDON_IDS[name];

    // Base layer: nothing else starts without a CNI, and nodes stay tainted until the cloud controller runs.
    const base: ITerraformDependable[] = [];
    if (a.flannel.enabled) {
      base.push(
        ...add(
          new Flannel(this, id_(AddonName.FLANNEL), {
            podCidr: cluster.podCidr,
            networkPolicies: a.flannel.networkPolicies,
            resources: a.flannel.resources,
          }),
        ).ready,
      );
    }
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
    if (a.cloudProvider.enabled) {
      base.push(
        ...add(
          new CloudProvider(this, id_(AddonName.CLOUD_PROVIDER), {
            clusterId: `${props.platformName}-${cluster.name}`,
            openstack: endpoints.openstack,
            storageClassName: a.storageClass,
            volumeType: a.cloudProvider.volumeType,
            reclaimPolicy: a.cloudProvider.reclaimPolicy,
            ignoreVolumeAz: a.cloudProvider.ignoreVolumeAz,
            dependsOn: [...base],
          }),
        ).ready,
      );
    }
    if (a.coreDns.enabled) {
      add(
        new CoreDns(this, id_(AddonName.CORE_DNS), {
          upstreamServers: a.coreDns.upstreamServers,
          stubDomains: a.coreDns.stubDomains,
          cacheTtl: a.coreDns.cacheTtl,
          dependsOn: base,
        }),
      );
    }
    if (a.kubeletCsrApprover.enabled) {
      add(
        new KubeletCsrApprover(this, id_(AddonName.KUBELET_CSR_APPROVER), {
          nodeNamePrefix: `${props.platformName}-${cluster.name}`,
          nodeCidr: cluster.nodeCidr,
          dependsOn: base,
        }),
      );
    }
    if (a.metricsServer.enabled) {
      add(
        new MetricsServer(this, id_(AddonName.METRICS_SERVER), {
          kubeletInsecureTls: a.metricsServer.kubeletInsecureTls,
          dependsOn: base,
        }),
      );
    }

    const certManager = a.certManager.enabled
      ? add(
          new CertManager(this, id_(AddonName.CERT_MANAGER), {
            platformCaCertificatePem: endpoints.platformCaCertificatePem,
            platformCaPrivateKeyPem: endpoints.platformCaPrivateKeyPem,
            acme: a.certManager.acme,
            dependsOn: base,
          }),
        )
      : undefined;
    const gateway = a.gateway.enabled
      ? add(
          new SharedGateway(this, id_(AddonName.GATEWAY), {
            domain: cluster.domain,
            environmentNames: props.environmentNames,
            ingressAddress: endpoints.ingressAddress,
            nodePorts: endpoints.ingressNodePorts,
            replicas: a.gateway.replicas,
            proxyResources: a.gateway.resources,
            acmeHttp01: a.certManager.acme !== undefined,
            dependsOn: base,
          }),
        )
      : undefined;
    if (certManager && gateway && a.certManager.acme) {
      // HTTP-01 through the Gateway: cert-manager starts once the Gateway API CRDs exist.
      certManager.helm.waitFor(gateway.controller.release);
    }
    if (a.registry.enabled) {
      const registry = add(
        new Registry(this, id_(AddonName.REGISTRY), {
          domain: cluster.domain,
          storageClass: a.storageClass,
          storageSize: a.registry.storageSize,
          garbageCollectionSchedule: a.registry.garbageCollectionSchedule,
          resources: a.registry.resources,
          pullers: props.registryPullers,
        }),
      );
      this.registryPullCredentials = registry.pullCredentials;
      new TerraformOutput(this, 'registry_host', { value: registry.host, description: 'Private registry' });
      new TerraformOutput(this, 'registry_push_username', { value: registry.pushCredentials.username });
      new TerraformOutput(this, 'registry_push_password', {
        value: registry.pushCredentials.password,
        sensitive: true,
        description: 'Password of the registry user that CI pushes and promotes with',
      });
    }
    if (a.monitoring.enabled) {
      add(
        new Monitoring(this, id_(AddonName.MONITORING), {
          domain: cluster.domain,
          storageClass: a.storageClass,
          retention: a.monitoring.retention,
          storageSize: a.monitoring.storageSize,
          receivers: a.monitoring.receivers,
          smtp: a.monitoring.smtp,
          errorRatioThreshold: a.monitoring.errorRatioThreshold,
          nodeProblemDetector: a.monitoring.nodeProblemDetector,
          prometheusResources: a.monitoring.resources,
          gateway: gateway !== undefined,
          lokiUrl: a.logging.enabled ? LOKI_URL : undefined,
          etcdBackupInterval: cluster.backups.etcd.enabled ? cluster.backups.etcd.interval : undefined,
          dependsOn: base,
        }),
      );
      if (gateway) {
        new TerraformOutput(this, 'grafana_url', { value: managementUrl(grafanaHost(cluster.domain)) });
      }
    }
    if (a.console.enabled) {
      add(
        new WebConsole(this, id_(AddonName.CONSOLE), {
          domain: cluster.domain,
          dependsOn: base,
        }),
      );
      new TerraformOutput(this, 'console_url', { value: managementUrl(consoleHost(cluster.domain)) });
    }
    if (a.logging.enabled) {
      add(
        new Logging(this, id_(AddonName.LOGGING), {
          storageClass: a.storageClass,
          storageSize: a.logging.storageSize,
          retention: a.logging.retention,
          lokiResources: a.logging.resources,
          dependsOn: base,
        }),
      );
    }

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
      addons,
      cluster,
      endpoints,
      a.certManager.enabled && a.certManager.acme !== undefined,
    );
    this.footprint = platformFootprint(
      cluster,
      [...addons.values()].map((addon) => addon.footprint),
    );
  }

  /** Network policies for every platform namespace the add-ons created, plus kube-system. */
  private isolateNamespaces(
    addons: ReadonlyMap<AddonName, PlatformAddon>,
    cluster: ResolvedCluster,
    endpoints: ClusterEndpoints,
    acme: boolean,
  ): PlatformNetworkPolicies {
    const created = this.node.findAll().filter((c): c is AddonNamespace => c instanceof AddonNamespace);
    const known = new Set<string>(Object.values(PlatformNamespace));
    const namespaces = [
      PlatformNamespace.KUBE_SYSTEM,
      ...created.map((n) => n.name).filter((name): name is PlatformNamespace => known.has(name)),
    ];
    return new PlatformNetworkPolicies(this, 'network-policies', {
      namespaces,
      flows: platformFlows({ addons: new Set(addons.keys()), namespaces, acme }),
      nodeCidr: cluster.nodeCidr,
      podCidr: cluster.podCidr,
      adminCidrs: endpoints.adminCidrs,
    });
  }
}
