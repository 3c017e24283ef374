import { Cidr, LoadBalancerAlgorithm, LoadBalancerProvider } from '../../config';
import { ClusterEndpoints } from '../../stacks/cluster-endpoints';

/**
 * What a cluster stack hands over, as plain values, for tests of the stacks built on it (BerthApp wires
 * the real cross-stack references; test/stacks/platform-stack.test.ts checks that wiring).
 */
export const ENDPOINTS: ClusterEndpoints = {
  clusterName: 'main',
  domain: 'main.berth.example.com',
  appsDomain: 'apps.main.berth.example.com',
  apiServerUrl: 'https://203.0.113.10:6443',
  clusterCaCertificatePem: 'cluster-ca-pem',
  adminClientCertificatePem: 'admin-cert-pem',
  adminClientKeyPem: 'admin-key-pem',
  ingressAddress: '203.0.113.20',
  ingressNodePorts: { http: 30080, https: 30443, adminHttps: 30843 },
  adminCidrs: [Cidr.of('10.20.0.0/16')],
  platformCaCertificatePem: 'platform-ca-pem',
  platformCaPrivateKeyPem: 'platform-ca-key-pem',
  joinToken: { id: 'grow42', secret: 'growthsecret0042' },
  openstack: {
    authUrl: 'https://keystone.example.com:5000/v3',
    region: 'RegionOne',
    applicationCredentialId: 'app-cred-id',
    applicationCredentialSecret: 'app-cred-secret',
    networkId: 'network-id',
    subnetId: 'subnet-id',
    floatingNetworkId: 'external-network-id',
    loadBalancing: {
      provider: LoadBalancerProvider.AMPHORA,
      algorithm: LoadBalancerAlgorithm.LEAST_CONNECTIONS,
    },
  },
  registryContainer: 'berth-main-registry',
  backupContainer: 'berth-main-backup',
  environmentBackupStores: new Map(
    ['dev', 'test', 'prod'].map((env) => [
      env,
      {
        container: `berth-main-backups-${env}`,
        credentialId: `backup-cred-id-${env}`,
        credentialSecret: `backup-cred-secret-${env}`,
      },
    ]),
  ),
};
