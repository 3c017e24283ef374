import { Construct } from 'constructs';
import { Fn, TerraformOutput } from 'cdktf';
import { CloudinitProvider } from '@cdktf/provider-cloudinit/lib/provider';
import { RandomProvider } from '@cdktf/provider-random/lib/provider';
import { TlsProvider } from '@cdktf/provider-tls/lib/provider';
import { PrivateKey } from '@cdktf/provider-tls/lib/private-key';
import {
  BerthNodeLabel,
  TimeSpan,
  LOAD_BALANCER_PROVIDERS,
  ResolvedCloud,
  ResolvedCluster,
  ResolvedFlavor,
  ResolvedState,
} from '../config';
import { settingsIn } from '../constructs/addons/core/addon-definition';
import { nodeReservation } from '../constructs/addons/core/node-capacity';
import { KUBELET_CSR_APPROVER_ADDON } from '../constructs/addons/kubelet-csr-approver/kubelet-csr-approver-addon';
import { NODE_UPGRADE_IMAGE } from '../constructs/addons/kubernetes-upgrade';
import { appsDomain, nodeNamePrefix, registryHost } from '../config/platform-names';
import { ComputeKeypairV2 } from '../.gen/providers/openstack/compute-keypair-v2';
import { DataOpenstackImagesImageV2 } from '../.gen/providers/openstack/data-openstack-images-image-v2';
import { NetworkingFloatingipAssociateV2 } from '../.gen/providers/openstack/networking-floatingip-associate-v2';
import { NetworkingFloatingipV2 } from '../.gen/providers/openstack/networking-floatingip-v2';
import { OpenstackProvider } from '../.gen/providers/openstack/provider';
import { BackupCredential } from '../constructs/cluster/backup-credential';
import { ClusterCloudCredential } from '../constructs/cluster/cluster-cloud-credential';
import { DEPLOYER_USER } from '../constructs/cluster/cluster-deployers';
import { ClusterDns } from '../constructs/cluster/cluster-dns';
import { ClusterReadiness, NodeReadiness } from '../constructs/cluster/cluster-readiness';
import { ClusterJoinSecrets } from '../constructs/cluster/cluster-join-secrets';
import { ClusterNetwork } from '../constructs/cluster/cluster-network';
import { ClusterObjectStorage } from '../constructs/cluster/cluster-object-storage';
import { EnvironmentBackupStore } from '../constructs/cluster/environment-backup-store';
import { ClusterPki } from '../constructs/cluster/cluster-pki';
import { EtcdBackupKey, EtcdBackupSettings } from '../constructs/cluster/etcd-backup';
import {
  CLUSTER_PORTS,
  FLANNEL_VXLAN_OVERHEAD,
  INGRESS_NODE_PORTS,
} from '../constructs/cluster/cluster-ports';
import { ClusterComponent, ClusterSecurityGroups } from '../constructs/cluster/cluster-security-groups';
import { KubeletReservation } from '../constructs/cluster/kubelet-config';
import { NodeBootstrap } from '../constructs/cluster/node-bootstrap';
import { NodeRole } from '../constructs/cluster/node-bootstrap-props';
import { clusterResourcePrefix, serverName } from '../constructs/cluster/node-names';
import { NodePool, ServerGroupPolicy } from '../constructs/cluster/node-pool';
import { NodeRollout } from '../constructs/cluster/node-rollout';
import { TcpLoadBalancer } from '../constructs/cluster/tcp-load-balancer';
import { BerthStack } from './berth-stack';
import { ClusterEndpoints } from './cluster-endpoints';

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

/** First host number of the masters' fixed addresses in the node subnet (`.10`, `.11`, ...). */
export const FIRST_MASTER_HOST = 10;

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
    const groupId = (component: ClusterComponent) => this.securityGroups.groups[component].id;

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

    // The API's addresses: masters get fixed ones; the load balancer's VIP is the in-cluster endpoint.
    const masterIps = Array.from({ length: cluster.masters.count }, (_, i) =>
      cluster.nodeCidr.host(FIRST_MASTER_HOST + i),
    );
    const apiPort = CLUSTER_PORTS.apiServer.from;
    if (cluster.apiLoadBalancer) {
      this.apiLoadBalancer = new TcpLoadBalancer(this, 'api-lb', {
        name: `${namePrefix}-api`,
        loadBalancing,
        subnetId: this.network.subnetId,
        floatingIpPool: cloud.externalNetwork,
        forwards: [
          {
            name: 'api',
            port: apiPort,
            memberPort: apiPort,
            // amphora connects to the masters from its own port: the listener admits the admin networks
            // and the nodes. OVN keeps the client address: the masters' group admits exactly those.
            allowedCidrs: lbTraits.allowedCidrs ? [...cloud.adminCidrs, cluster.nodeCidr] : undefined,
          },
        ],
        members: masterIps.map((address, i) => ({
          name: serverName(nodeNamePrefix(props.platformName, cluster.name, 'master'), i),
          address,
        })),
        tags,
      });
    }
    const apiFloatingIp =
      this.apiLoadBalancer?.floatingIp ??
      new NetworkingFloatingipV2(this, 'api-floating-ip', {
        pool: cloud.externalNetwork,
        description: `${namePrefix}-api (Berth)`,
        tags,
      });
    const apiPublicAddress = apiFloatingIp.address;
    const apiInternalAddress = this.apiLoadBalancer?.vipAddress ?? masterIps[0];
    const apiDnsName = `api.${cluster.domain}`;
    const registry = registryHost(cluster.domain);

    const storage = new ClusterObjectStorage(this, 'object-storage', { namePrefix });
    const credential = new ClusterCloudCredential(this, 'cloud-credential', {
      name: `${namePrefix}-cluster`,
      roles: cloud.applicationCredential.roles,
      expiresAt: cloud.applicationCredential.expiresAt,
    }).credential;
    // Each environment's backing services dump into a container of its own, with a credential for it alone.
    const backupStores = new Map<string, EnvironmentBackupStore>();
    for (const environment of props.environmentNames ?? []) {
      backupStores.set(
        environment,
        new EnvironmentBackupStore(this, `backup-store-${environment}`, {
          namePrefix,
          environment,
          roles: cloud.applicationCredential.roles,
          expiresAt: cloud.applicationCredential.expiresAt,
          accessRules: cluster.backups.credentialAccessRules,
        }),
      );
    }
    // Masters snapshot their etcd member into the backup container (encrypted, with retention), with a
    // credential limited to that container's objects unless the object store cannot check access rules.
    const etcdBackupKey = cluster.backups.etcd.enabled
      ? new EtcdBackupKey(this, 'etcd-backup-key').key
      : undefined;
    const backupCredential =
      cluster.backups.etcd.enabled && cluster.backups.credentialAccessRules
        ? new BackupCredential(this, 'etcd-backup-credential', {
            name: `${namePrefix}-etcd-backup`,
            roles: cloud.applicationCredential.roles,
            expiresAt: cloud.applicationCredential.expiresAt,
            container: storage.backups.name,
          }).credential
        : credential;
    const etcdBackup = (role: NodeRole): EtcdBackupSettings | undefined =>
      etcdBackupKey === undefined || role === NodeRole.MINION
        ? undefined
        : {
            interval: cluster.backups.etcd.interval,
            keep: cluster.backups.etcd.keep,
            authUrl: cloud.authUrl,
            region: cloud.region,
            container: storage.backups.name,
            credentialId: backupCredential.id,
            credentialSecret: backupCredential.secret,
            encryptionKey: etcdBackupKey,
          };

    const reservation = (flavor: ResolvedFlavor): KubeletReservation => {
      const { reserved, evictionHardMemory } = nodeReservation(flavor);
      return { cpu: reserved.cpu, memory: reserved.memory, evictionHardMemory };
    };
    const bootstrap = (
      role: NodeRole,
      idSuffix: string,
      flavor: ResolvedFlavor,
      labels: Readonly<Record<string, string>>,
      pool?: string,
    ) =>
      new NodeBootstrap(this, `bootstrap-${idSuffix}`, {
        role,
        kubernetesVersion: cluster.kubernetesVersion,
        clusterName: cluster.name,
        controlPlaneEndpoint: `${apiInternalAddress}:${apiPort}`,
        apiServerCertSans: [apiDnsName, apiPublicAddress, apiInternalAddress, ...masterIps],
        masterAddresses: role === NodeRole.MINION ? undefined : masterIps,
        podCidr: cluster.podCidr,
        serviceCidr: cluster.serviceCidr,
        bootstrapToken: joinSecrets.bootstrapToken,
        growthToken: `${joinSecrets.growthToken.id}.${joinSecrets.growthToken.secret}`,
        caCertificatePem: this.pki.caCertificate.certPem,
        caPrivateKeyPem: role === NodeRole.INIT_MASTER ? this.pki.caKey.privateKeyPemPkcs8 : undefined,
        certificateKey: role === NodeRole.MINION ? undefined : joinSecrets.certificateKey,
        secretsEncryptionKey: role === NodeRole.MINION ? undefined : joinSecrets.secretsEncryptionKey,
        nodeLabels: {
          [BerthNodeLabel.CLUSTER]: cluster.name,
          ...(pool ? { [BerthNodeLabel.POOL]: pool } : {}),
          ...labels,
        },
        taints: pool ? (cluster.minionPools.find((p) => p.name === pool)?.taints ?? []) : [],
        registryHost: registry,
        registryCaPem: this.pki.platformCaCertificate.certPem,
        podNetworkMtu:
          cluster.networkMtu === undefined ? undefined : cluster.networkMtu - FLANNEL_VXLAN_OVERHEAD,
        // The platform stack's OpenStack cloud controller initialises nodes (addresses, zones).
        externalCloudProvider: cluster.addons.cloudProvider.enabled,
        // The platform stack's kubelet-csr-approver approves the serving certificates.
        kubeletServingCertificates: settingsIn(KUBELET_CSR_APPROVER_ADDON, cluster).enabled,
        kubeletReservation: reservation(flavor),
        etcdBackup: etcdBackup(role),
      });

    const rollMasters = cluster.masters.count >= 3;
    const initMaster = bootstrap(NodeRole.INIT_MASTER, 'init-master', cluster.masters.flavor, {});
    const joinMaster =
      cluster.masters.count > 1
        ? bootstrap(NodeRole.JOIN_MASTER, 'join-master', cluster.masters.flavor, {})
        : undefined;
    this.masters = new NodePool(this, 'masters', {
      namePrefix: nodeNamePrefix(props.platformName, cluster.name, 'master'),
      count: cluster.masters.count,
      flavor: cluster.masters.flavor,
      imageId: image.id,
      volumeSize: cluster.masters.volumeSize,
      networkId: this.network.networkId,
      subnetId: this.network.subnetId,
      securityGroupIds: [groupId(ClusterComponent.MASTERS)],
      keyPairName: keyPair.name,
      serverGroupPolicy: ServerGroupPolicy.ANTI_AFFINITY,
      fixedIp: (index) => masterIps[index],
      userData: (index) => (index === 0 ? initMaster.userData : joinMaster!.userData),
      metadata: { 'berth-cluster': cluster.name, 'berth-role': 'master' },
      tags,
      // Three or five masters roll one at a time, keeping etcd's quorum; a single one is never replaced.
      replaceOn: rollMasters ? { boot_image: cloud.image, flavor: cluster.masters.flavor.name } : undefined,
    });
    if (!this.apiLoadBalancer) {
      new NetworkingFloatingipAssociateV2(this, 'api-floating-ip-association', {
        floatingIp: apiPublicAddress,
        portId: this.masters.ports[0].id,
      });
    }

    const minionPools = new Map<string, NodePool>();
    for (const pool of cluster.minionPools) {
      const poolBootstrap = bootstrap(
        NodeRole.MINION,
        `pool-${pool.name}`,
        pool.flavor,
        pool.labels,
        pool.name,
      );
      minionPools.set(
        pool.name,
        new NodePool(this, `pool-${pool.name}`, {
          namePrefix: nodeNamePrefix(props.platformName, cluster.name, pool.name),
          count: pool.count,
          flavor: pool.flavor,
          imageId: image.id,
          volumeSize: pool.volumeSize,
          volumeType: pool.volumeType,
          availabilityZones: pool.availabilityZones,
          networkId: this.network.networkId,
          subnetId: this.network.subnetId,
          securityGroupIds: [groupId(ClusterComponent.MINIONS)],
          keyPairName: keyPair.name,
          serverGroupPolicy: ServerGroupPolicy.SOFT_ANTI_AFFINITY,
          userData: () => poolBootstrap.userData,
          metadata: { 'berth-cluster': cluster.name, 'berth-role': 'minion', 'berth-pool': pool.name },
          tags,
          // A new image or flavor replaces the pool's servers, one node at a time (this.rollout).
          replaceOn: { boot_image: cloud.image, flavor: pool.flavor.name },
        }),
      );
    }
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
      securityGroupIds: [groupId(ClusterComponent.INGRESS)],
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
      servers: [
        ...(rollMasters
          ? this.masters.instances.map((instance, i) => ({
              name: this.masters.serverNames[i],
              instance,
              controlPlane: true,
            }))
          : []),
        ...[...minionPools.values()].flatMap((pool) =>
          pool.instances.map((instance, i) => ({ name: pool.serverNames[i], instance })),
        ),
      ],
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

    this.outputs({
      apiServerUrl,
      apiDnsName,
      caCertificate: this.pki.caCertificate.certPem,
      kubeconfig: this.adminKubeconfig(apiServerUrl),
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

  private outputs(values: {
    apiServerUrl: string;
    apiDnsName: string;
    caCertificate: string;
    kubeconfig: string;
    masterAddresses: string[];
    minionAddresses: string[];
    ingressAddress: string;
    appsDomain: string;
    sshPrivateKey?: string;
    applicationCredentialId: string;
    applicationCredentialSecret: string;
    etcdBackupKey?: string;
  }): void {
    const out = (id: string, value: unknown, description: string, sensitive = false) =>
      new TerraformOutput(this, id, { value, description, sensitive });
    out('api_server_url', values.apiServerUrl, 'Kubernetes API URL (floating IP)');
    out('api_dns_name', values.apiDnsName, 'DNS name of the Kubernetes API');
    out('ca_certificate', values.caCertificate, 'PEM of the cluster CA');
    out(
      'admin_kubeconfig',
      values.kubeconfig,
      'Deployer kubeconfig: cluster-admin through the revocable berth:deployers binding, valid 7 days',
      true,
    );
    out('master_addresses', values.masterAddresses, 'Fixed addresses of the masters');
    out('minion_addresses', values.minionAddresses, 'Fixed addresses of the minions');
    out('ingress_address', values.ingressAddress, 'Floating IP of the ingress entry (HTTP/HTTPS)');
    out('apps_domain', values.appsDomain, 'Wildcard DNS name of apps');
    out(
      'application_credential_id',
      values.applicationCredentialId,
      'Application credential of the cluster (cloud controller, CSI)',
    );
    out('application_credential_secret', values.applicationCredentialSecret, 'Its secret', true);
    if (values.etcdBackupKey) {
      out(
        'etcd_backup_key',
        values.etcdBackupKey,
        'Passphrase of the etcd snapshots (berth-etcd-restore)',
        true,
      );
    }
    if (values.sshPrivateKey)
      out('ssh_private_key', values.sshPrivateKey, 'Generated SSH key of the ubuntu user', true);
  }

  /** An admin kubeconfig built from the generated CA and client certificate (sensitive output). */
  private adminKubeconfig(apiServerUrl: string): string {
    return Fn.yamlencode({
      apiVersion: 'v1',
      kind: 'Config',
      clusters: [
        {
          name: this.node.id,
          cluster: {
            server: apiServerUrl,
            'certificate-authority-data': Fn.base64encode(this.pki.caCertificate.certPem),
          },
        },
      ],
      users: [
        {
          name: DEPLOYER_USER,
          user: {
            'client-certificate-data': Fn.base64encode(this.pki.deployerCertificate.certPem),
            'client-key-data': Fn.base64encode(this.pki.deployerKey.privateKeyPem),
          },
        },
      ],
      contexts: [{ name: this.node.id, context: { cluster: this.node.id, user: DEPLOYER_USER } }],
      'current-context': this.node.id,
    });
  }
}
