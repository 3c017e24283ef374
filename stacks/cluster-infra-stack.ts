import { Construct } from 'constructs';
import { CloudinitProvider } from '@cdktf/provider-cloudinit/lib/provider';
import { RandomProvider } from '@cdktf/provider-random/lib/provider';
import { TlsProvider } from '@cdktf/provider-tls/lib/provider';
import { PrivateKey } from '@cdktf/provider-tls/lib/private-key';
import { TimeSpan, LOAD_BALANCER_PROVIDERS, ResolvedCloud, ResolvedCluster, ResolvedState } from '../config';
import { NODE_UPGRADE_IMAGE } from '../constructs/addons/kubernetes-upgrade';
import { appsDomain } from '../config/platform-names';
import { ComputeKeypairV2 } from '../.gen/providers/openstack/compute-keypair-v2';
import { DataOpenstackImagesImageV2 } from '../.gen/providers/openstack/data-openstack-images-image-v2';
import { OpenstackProvider } from '../.gen/providers/openstack/provider';
import { ClusterDns } from '../constructs/cluster/cluster-dns';
import { ClusterReadiness, NodeReadiness } from '../constructs/cluster/cluster-readiness';
import { ClusterJoinSecrets } from '../constructs/cluster/cluster-join-secrets';
import { ClusterNetwork } from '../constructs/cluster/cluster-network';
import { ClusterPki } from '../constructs/cluster/cluster-pki';
import { CLUSTER_PORTS, INGRESS_NODE_PORTS } from '../constructs/cluster/cluster-ports';
import { ClusterComponent, ClusterSecurityGroups } from '../constructs/cluster/cluster-security-groups';
import { clusterResourcePrefix } from '../constructs/cluster/node-names';
import { NodePool } from '../constructs/cluster/node-pool';
import { NodeRollout } from '../constructs/cluster/node-rollout';
import { TcpLoadBalancer } from '../constructs/cluster/tcp-load-balancer';
import { BerthStack } from './berth-stack';
import { addClusterApiEndpoint } from './cluster-api-endpoint';
import { ClusterEndpoints } from './cluster-endpoints';
import { addClusterInfraOutputs, adminKubeconfig } from './cluster-infra-outputs';
import { addClusterNodes } from './cluster-nodes';
import { addClusterStorage } from './cluster-storage';

export interface ClusterInfraStackProps {
  /** Platform name, prefix of every OpenStack resource name. */
  readonly platformName: string;
  readonly cloud: ResolvedCloud;
  readonly cluster: ResolvedCluster;
  readonly state: ResolvedState;
  /**
   * Environments on this cluster: each gets a backup container and a credential for it alone.
   * @default none
   */
  readonly environmentNames?: readonly string[];
}

/** How long `cdktf deploy` waits for a new cluster: servers boot, install packages and run kubeadm. */
export const CLUSTER_BOOTSTRAP_TIMEOUT = TimeSpan.seconds(30 * 60);

/**
 * `<cluster>-infra`: everything a cluster needs from OpenStack, and a kubeadm cluster that bootstraps
 * itself on it. One instance per cluster in the config. `cdktf deploy <cluster>-infra` yields a working
 * (CNI-less until the platform stack adds flannel) Kubernetes cluster with no manual step.
 */
export class ClusterInfraStack extends BerthStack {
  public readonly network: ClusterNetwork;
  public readonly securityGroups: ClusterSecurityGroups;
  public readonly pki: ClusterPki;
  public readonly masters: NodePool;
  public readonly minionPools: ReadonlyMap<string, NodePool>;
  /** The API load balancer (undefined in single-master mode without one). */
  public readonly apiLoadBalancer?: TcpLoadBalancer;
  public readonly ingress: TcpLoadBalancer;
  public readonly dns?: ClusterDns;
  /** The bounded wait for the API and every master's registration, at the end of the stack. */
  public readonly readiness: ClusterReadiness;
  /** Node-by-node replacement of the minions when a pool's image or flavor changes. */
  public readonly rollout: NodeRollout;
  /** What the platform and environment stacks build on. */
  public readonly endpoints: ClusterEndpoints;

  constructor(scope: Construct, id: string, props: ClusterInfraStackProps) {
    super(scope, id, { state: props.state });
    const { cloud, cluster } = props;
    const namePrefix = clusterResourcePrefix(props.platformName, cluster.name);
    const tags = [props.platformName, `${props.platformName}-cluster-${cluster.name}`];
    const loadBalancing = cloud.loadBalancing;
    const lbTraits = LOAD_BALANCER_PROVIDERS[loadBalancing.provider];

    new OpenstackProvider(this, 'openstack', { cloud: cloud.cloudName, region: cloud.region });
    new TlsProvider(this, 'tls');
    new RandomProvider(this, 'random');
    new CloudinitProvider(this, 'cloudinit');

    this.network = new ClusterNetwork(this, 'network', {
      namePrefix,
      nodeCidr: cluster.nodeCidr,
      dnsNameservers: cloud.dnsNameservers,
      externalNetwork: cloud.externalNetwork,
      mtu: cluster.networkMtu,
      existing: cluster.existingNetwork,
      tags,
    });

    this.securityGroups = new ClusterSecurityGroups(this, 'security-groups', {
      namePrefix,
      nodeCidr: cluster.nodeCidr,
      adminCidrs: cloud.adminCidrs,
      apiLoadBalancer: cluster.apiLoadBalancer,
      loadBalancerPreservesClientAddress: lbTraits.preservesClientAddress,
      tags,
    });

    this.pki = new ClusterPki(this, 'pki', { clusterName: cluster.name });
    const joinSecrets = new ClusterJoinSecrets(this, 'join-secrets');

    // Key pair: the configured public key, or one generated at deploy time (private key exported, sensitive).
    let generatedSshKey: PrivateKey | undefined;
    if (!cloud.sshPublicKey) generatedSshKey = new PrivateKey(this, 'ssh-key', { algorithm: 'ED25519' });
    const keyPair = new ComputeKeypairV2(this, 'keypair', {
      name: namePrefix,
      publicKey: cloud.sshPublicKey ?? generatedSshKey!.publicKeyOpenssh,
    });

    const image = new DataOpenstackImagesImageV2(this, 'image', { name: cloud.image, mostRecent: true });

    const api = addClusterApiEndpoint(this, {
      platformName: props.platformName,
      namePrefix,
      cloud,
      cluster,
      network: this.network,
      tags,
    });
    this.apiLoadBalancer = api.apiLoadBalancer;
    const { apiPort, apiPublicAddress, apiDnsName } = api;

    const { storage, credential, backupStores, etcdBackupKey, etcdBackup } = addClusterStorage(this, {
      namePrefix,
      cloud,
      cluster,
      environmentNames: props.environmentNames ?? [],
    });

    const nodes = addClusterNodes(this, {
      platformName: props.platformName,
      cloud,
      cluster,
      network: this.network,
      securityGroups: this.securityGroups,
      pki: this.pki,
      joinSecrets,
      api,
      keyPairName: keyPair.name,
      imageId: image.id,
      etcdBackup,
      tags,
    });
    this.masters = nodes.masters;
    const minionPools = nodes.minionPools;
    this.minionPools = minionPools;
    const minionAddresses = [...minionPools.values()].flatMap((pool) => pool.addresses);
    const minionMembers = [...minionPools.values()].flatMap((pool) => pool.members);

    this.ingress = new TcpLoadBalancer(this, 'ingress-lb', {
      name: `${namePrefix}-ingress`,
      loadBalancing,
      subnetId: this.network.subnetId,
      floatingIpPool: cloud.externalNetwork,
      forwards: [
        { name: 'http', port: CLUSTER_PORTS.http.from, memberPort: INGRESS_NODE_PORTS.http },
        { name: 'https', port: CLUSTER_PORTS.https.from, memberPort: INGRESS_NODE_PORTS.https },
        // The security group admits the admin networks too; amphora filters again on the listener. OVN
        // rejects allowed_cidrs and keeps the client address: the minions' group admits the admin networks.
        {
          name: 'admin-https',
          port: CLUSTER_PORTS.adminHttps.from,
          memberPort: INGRESS_NODE_PORTS.adminHttps,
          allowedCidrs: lbTraits.allowedCidrs ? cloud.adminCidrs : undefined,
        },
      ],
      members: minionMembers,
      securityGroupIds: [this.securityGroups.groups[ClusterComponent.INGRESS].id],
      tags,
    });

    if (cluster.dns.enabled) {
      this.dns = new ClusterDns(this, 'dns', {
        domain: cluster.domain,
        zoneId: cluster.dns.zoneId,
        email: cluster.dns.email,
        apiAddress: apiPublicAddress,
        ingressAddress: this.ingress.address,
      });
    }

    const apiServerUrl = `https://${apiPublicAddress}:${apiPort}`;
    // The stack ends when the control plane is usable: the API answers and every master has joined. Minions
    // are waited for by the platform stack (every node Ready): a minion added to a running cluster joins
    // with the growth token that only the platform stack's deploy re-arms, so waiting for it here could
    // never end. The platform stack's providers get the URL through this wait, so nothing there starts
    // against a cluster still installing packages.
    this.readiness = new ClusterReadiness(this, 'api-ready', {
      apiServerUrl,
      caCertificatePem: this.pki.caCertificate.certPem,
      clientCertificatePem: this.pki.deployerCertificate.certPem,
      clientKeyPem: this.pki.deployerKey.privateKeyPem,
      expectedNodes: cluster.masters.count,
      nodesMustBe: NodeReadiness.REGISTERED,
      timeout: CLUSTER_BOOTSTRAP_TIMEOUT,
      dependsOn: [
        ...this.masters.instances,
        ...(this.apiLoadBalancer ? Object.values(this.apiLoadBalancer.pools) : []),
      ],
    });
    // Servers replaced by a new image or flavor go one at a time, masters first, then the pools in order:
    // each is drained (PodDisruptionBudgets hold) only once every other node (and every other master's
    // etcd) is Ready; a master leaves etcd before its server goes. The deploy ends when all are Ready.
    this.rollout = new NodeRollout(this, 'rollout', {
      apiServerUrl,
      caCertificatePem: this.pki.caCertificate.certPem,
      clientCertificatePem: this.pki.deployerCertificate.certPem,
      clientKeyPem: this.pki.deployerKey.privateKeyPem,
      growthToken: joinSecrets.growthToken,
      clusterNodes: [
        ...this.masters.serverNames,
        ...[...minionPools.values()].flatMap((pool) => pool.serverNames),
      ],
      masters: this.masters.serverNames,
      certificateKey: joinSecrets.certificateKey,
      toolsImage: NODE_UPGRADE_IMAGE,
      servers: nodes.rolloutServers,
      settleDependsOn: [this.readiness],
    });
    this.endpoints = {
      clusterName: cluster.name,
      domain: cluster.domain,
      appsDomain: appsDomain(cluster.domain),
      apiServerUrl: this.readiness.apiServerUrl,
      clusterCaCertificatePem: this.pki.caCertificate.certPem,
      adminClientCertificatePem: this.pki.deployerCertificate.certPem,
      adminClientKeyPem: this.pki.deployerKey.privateKeyPem,
      ingressAddress: this.ingress.address,
      ingressNodePorts: INGRESS_NODE_PORTS,
      adminCidrs: cloud.adminCidrs,
      platformCaCertificatePem: this.pki.platformCaCertificate.certPem,
      platformCaPrivateKeyPem: this.pki.platformCaKey.privateKeyPem,
      joinToken: joinSecrets.growthToken,
      openstack: {
        authUrl: cloud.authUrl,
        region: cloud.region,
        applicationCredentialId: credential.id,
        applicationCredentialSecret: credential.secret,
        networkId: this.network.networkId,
        subnetId: this.network.subnetId,
        floatingNetworkId: this.network.externalNetwork.id,
        loadBalancing,
        caCertificatePem: cloud.caCertificatePem,
      },
      registryContainer: storage.registry.name,
      backupContainer: storage.backups.name,
      environmentBackupStores: new Map(
        [...backupStores].map(([environment, store]) => [
          environment,
          {
            container: store.container.name,
            credentialId: store.credential.id,
            credentialSecret: store.credential.secret,
          },
        ]),
      ),
    };

    addClusterInfraOutputs(this, {
      apiServerUrl,
      apiDnsName,
      caCertificate: this.pki.caCertificate.certPem,
      kubeconfig: adminKubeconfig(this.node.id, this.pki, apiServerUrl),
      masterAddresses: this.masters.addresses,
      minionAddresses,
      ingressAddress: this.ingress.address,
      appsDomain: `*.${appsDomain(cluster.domain)}`,
      sshPrivateKey: generatedSshKey?.privateKeyOpenssh,
      applicationCredentialId: credential.id,
      applicationCredentialSecret: credential.secret,
      etcdBackupKey,
    });
  }
}
