import { Construct } from 'constructs';
import { BerthNodeLabel, ResolvedCloud, ResolvedCluster, ResolvedFlavor } from '../config';
import { nodeNamePrefix, registryHost } from '../config/platform-names';
import { settingsIn } from '../constructs/addons/core/addon-definition';
import { nodeReservation } from '../constructs/addons/core/node-capacity';
import { CLOUD_PROVIDER_ADDON } from '../constructs/addons/cloud-provider/cloud-provider-addon';
import { KUBELET_CSR_APPROVER_ADDON } from '../constructs/addons/kubelet-csr-approver/kubelet-csr-approver-addon';
import { NetworkingFloatingipAssociateV2 } from '../.gen/providers/openstack/networking-floatingip-associate-v2';
import { ClusterJoinSecrets } from '../constructs/cluster/cluster-join-secrets';
import { ClusterNetwork } from '../constructs/cluster/cluster-network';
import { ClusterPki } from '../constructs/cluster/cluster-pki';
import { FLANNEL_VXLAN_OVERHEAD } from '../constructs/cluster/cluster-ports';
import { ClusterComponent, ClusterSecurityGroups } from '../constructs/cluster/cluster-security-groups';
import { EtcdBackupSettings } from '../constructs/cluster/etcd-backup';
import { KubeletReservation } from '../constructs/cluster/kubelet-config';
import { NodeBootstrap } from '../constructs/cluster/node-bootstrap';
import { NodeRole } from '../constructs/cluster/node-bootstrap-props';
import { NodePool, ServerGroupPolicy } from '../constructs/cluster/node-pool';
import { RolledServer } from '../constructs/cluster/node-rollout';
import { ClusterApiEndpoint } from './cluster-api-endpoint';

export interface ClusterNodesProps {
  readonly platformName: string;
  readonly cloud: ResolvedCloud;
  readonly cluster: ResolvedCluster;
  readonly network: ClusterNetwork;
  readonly securityGroups: ClusterSecurityGroups;
  readonly pki: ClusterPki;
  readonly joinSecrets: ClusterJoinSecrets;
  readonly api: ClusterApiEndpoint;
  readonly keyPairName: string;
  readonly imageId: string;
  /** What a node of a role backs up of etcd. */
  readonly etcdBackup: (role: NodeRole) => EtcdBackupSettings | undefined;
  readonly tags: string[];
}

/** The cluster's servers: the masters and each minion pool. */
export interface ClusterNodes {
  readonly masters: NodePool;
  readonly minionPools: ReadonlyMap<string, NodePool>;
  /** Servers an image or flavor change replaces one at a time: masters (three or more) first, then the pools. */
  readonly rolloutServers: RolledServer[];
}

/**
 * Adds to `scope` (the cluster-infra stack, whose construct IDs are Terraform addresses) the masters and
 * the minion pools, each server bootstrapping itself with kubeadm.
 */
export function addClusterNodes(scope: Construct, props: ClusterNodesProps): ClusterNodes {
  const { cloud, cluster, api, pki, joinSecrets, tags } = props;
  const groupId = (component: ClusterComponent) => props.securityGroups.groups[component].id;
  const registry = registryHost(cluster.domain);
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
    new NodeBootstrap(scope, `bootstrap-${idSuffix}`, {
      role,
      kubernetesVersion: cluster.kubernetesVersion,
      clusterName: cluster.name,
      controlPlaneEndpoint: `${api.apiInternalAddress}:${api.apiPort}`,
      apiServerCertSans: [api.apiDnsName, api.apiPublicAddress, api.apiInternalAddress, ...api.masterIps],
      masterAddresses: role === NodeRole.MINION ? undefined : api.masterIps,
      podCidr: cluster.podCidr,
      serviceCidr: cluster.serviceCidr,
      bootstrapToken: joinSecrets.bootstrapToken,
      growthToken: `${joinSecrets.growthToken.id}.${joinSecrets.growthToken.secret}`,
      caCertificatePem: pki.caCertificate.certPem,
      caPrivateKeyPem: role === NodeRole.INIT_MASTER ? pki.caKey.privateKeyPemPkcs8 : undefined,
      certificateKey: role === NodeRole.MINION ? undefined : joinSecrets.certificateKey,
      secretsEncryptionKey: role === NodeRole.MINION ? undefined : joinSecrets.secretsEncryptionKey,
      nodeLabels: {
        [BerthNodeLabel.CLUSTER]: cluster.name,
        ...(pool ? { [BerthNodeLabel.POOL]: pool } : {}),
        ...labels,
      },
      taints: pool ? (cluster.minionPools.find((p) => p.name === pool)?.taints ?? []) : [],
      registryHost: registry,
      registryCaPem: pki.platformCaCertificate.certPem,
      podNetworkMtu:
        cluster.networkMtu === undefined ? undefined : cluster.networkMtu - FLANNEL_VXLAN_OVERHEAD,
      // The platform stack's OpenStack cloud controller initialises nodes (addresses, zones).
      externalCloudProvider: settingsIn(CLOUD_PROVIDER_ADDON, cluster).enabled,
      // The platform stack's kubelet-csr-approver approves the serving certificates.
      kubeletServingCertificates: settingsIn(KUBELET_CSR_APPROVER_ADDON, cluster).enabled,
      kubeletReservation: reservation(flavor),
      etcdBackup: props.etcdBackup(role),
    });

  const rollMasters = cluster.masters.count >= 3;
  const initMaster = bootstrap(NodeRole.INIT_MASTER, 'init-master', cluster.masters.flavor, {});
  const joinMaster =
    cluster.masters.count > 1
      ? bootstrap(NodeRole.JOIN_MASTER, 'join-master', cluster.masters.flavor, {})
      : undefined;
  const masters = new NodePool(scope, 'masters', {
    namePrefix: nodeNamePrefix(props.platformName, cluster.name, 'master'),
    count: cluster.masters.count,
    flavor: cluster.masters.flavor,
    imageId: props.imageId,
    volumeSize: cluster.masters.volumeSize,
    networkId: props.network.networkId,
    subnetId: props.network.subnetId,
    securityGroupIds: [groupId(ClusterComponent.MASTERS)],
    keyPairName: props.keyPairName,
    serverGroupPolicy: ServerGroupPolicy.ANTI_AFFINITY,
    fixedIp: (index) => api.masterIps[index],
    userData: (index) => (index === 0 ? initMaster.userData : joinMaster!.userData),
    metadata: { 'berth-cluster': cluster.name, 'berth-role': 'master' },
    tags,
    // Three or five masters roll one at a time, keeping etcd's quorum; a single one is never replaced.
    replaceOn: rollMasters ? { boot_image: cloud.image, flavor: cluster.masters.flavor.name } : undefined,
  });
  if (!api.apiLoadBalancer) {
    new NetworkingFloatingipAssociateV2(scope, 'api-floating-ip-association', {
      floatingIp: api.apiPublicAddress,
      portId: masters.ports[0].id,
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
      new NodePool(scope, `pool-${pool.name}`, {
        namePrefix: nodeNamePrefix(props.platformName, cluster.name, pool.name),
        count: pool.count,
        flavor: pool.flavor,
        imageId: props.imageId,
        volumeSize: pool.volumeSize,
        volumeType: pool.volumeType,
        availabilityZones: pool.availabilityZones,
        networkId: props.network.networkId,
        subnetId: props.network.subnetId,
        securityGroupIds: [groupId(ClusterComponent.MINIONS)],
        keyPairName: props.keyPairName,
        serverGroupPolicy: ServerGroupPolicy.SOFT_ANTI_AFFINITY,
        userData: () => poolBootstrap.userData,
        metadata: { 'berth-cluster': cluster.name, 'berth-role': 'minion', 'berth-pool': pool.name },
        tags,
        // A new image or flavor replaces the pool's servers, one node at a time (the stack's rollout).
        replaceOn: { boot_image: cloud.image, flavor: pool.flavor.name },
      }),
    );
  }
  const rolloutServers: RolledServer[] = [
    ...(rollMasters
      ? masters.instances.map((instance, i) => ({
          name: masters.serverNames[i],
          instance,
          controlPlane: true,
        }))
      : []),
    ...[...minionPools.values()].flatMap((pool) =>
      pool.instances.map((instance, i) => ({ name: pool.serverNames[i], instance })),
    ),
  ];
  return { masters, minionPools, rolloutServers };
}
