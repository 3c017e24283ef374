import {
  API_SERVER_CONFIG_DIR,
  API_SERVER_FILES,
  AUDIT_LOG_DIR,
} from '../../../constructs/cluster/api-server-config';
import { KUBEADM_API_VERSION, NodeRuntimeValue, kubeadmArgs } from '../../../constructs/cluster/kubeadm-api';
import {
  berthClusterConfiguration,
  berthInitConfiguration,
  berthJoinConfiguration,
} from '../../../constructs/cluster/kubeadm-config';
import { CERT_KEY, CLUSTER, MASTER, TOKEN, WORKER, flags } from '../../support/kubeadm-samples';

describe('berthClusterConfiguration', () => {
  const cluster = berthClusterConfiguration(CLUSTER);
  const apiServerFlags = flags(cluster.apiServer);

  test('places the cluster: endpoint, pod and service networks, certificate names', () => {
    expect(cluster).toMatchObject({
      apiVersion: KUBEADM_API_VERSION,
      kind: 'ClusterConfiguration',
      clusterName: 'main',
      controlPlaneEndpoint: '10.0.0.5:6443',
      networking: { podSubnet: '10.244.0.0/16', serviceSubnet: '10.96.0.0/12' },
      apiServer: { certSANs: ['api.main.example.com', '203.0.113.10'] },
    });
  });

  test('takes the Kubernetes version from the installed kubeadm on the node', () => {
    expect(cluster.kubernetesVersion).toBe(NodeRuntimeValue.KUBERNETES_VERSION);
  });

  test('API server hardening: audit log with retention, encryption at rest, no profiling', () => {
    expect(apiServerFlags).toMatchObject({
      'audit-policy-file': API_SERVER_FILES.auditPolicy,
      'audit-log-path': `${AUDIT_LOG_DIR}/audit.log`,
      'audit-log-maxage': '30',
      'audit-log-maxbackup': '10',
      'audit-log-maxsize': '100',
      'encryption-provider-config': API_SERVER_FILES.encryptionConfiguration,
      // A rotated key takes effect without restarting the API server.
      'encryption-provider-config-automatic-reload': 'true',
      profiling: 'false',
    });
    expect(flags(cluster.controllerManager)).toEqual({ profiling: 'false' });
    expect(flags(cluster.scheduler)).toEqual({ profiling: 'false' });
  });

  test('anonymous access is restricted by the authentication configuration, not the conflicting flag', () => {
    expect(apiServerFlags['authentication-config']).toBe(API_SERVER_FILES.authenticationConfiguration);
    expect(apiServerFlags).not.toHaveProperty('anonymous-auth');
  });

  test('every file the API server is pointed at is mounted into its pod, the audit log writable', () => {
    const volumes = cluster.apiServer?.extraVolumes ?? [];
    const mountOf = (file: string) => volumes.find((v) => file.startsWith(`${v.mountPath}/`));
    for (const flag of ['audit-policy-file', 'encryption-provider-config', 'authentication-config']) {
      const mount = mountOf(apiServerFlags[flag]);
      expect(mount).toMatchObject({ hostPath: API_SERVER_CONFIG_DIR, readOnly: true });
    }
    expect(mountOf(apiServerFlags['audit-log-path'])).toMatchObject({
      hostPath: AUDIT_LOG_DIR,
      readOnly: false,
    });
  });

  test('flags are sorted by name, so the rendering does not depend on code order', () => {
    const names = (cluster.apiServer?.extraArgs ?? []).map((a) => a.name);
    expect(names).toEqual([...names].sort());
    expect(kubeadmArgs({ b: '2', a: '1' })).toEqual([
      { name: 'a', value: '1' },
      { name: 'b', value: '2' },
    ]);
  });
});

describe('berthInitConfiguration', () => {
  const init = berthInitConfiguration({
    bootstrapToken: TOKEN,
    certificateKey: CERT_KEY,
    nodeRegistration: MASTER,
  });

  test('creates the formation token, expiring after four hours (the first deploy), never one without expiry', () => {
    expect(init.bootstrapTokens).toEqual([
      expect.objectContaining({
        token: TOKEN,
        ttl: '4h0m0s',
        usages: ['signing', 'authentication'],
        groups: ['system:bootstrappers:kubeadm:default-node-token'],
      }),
    ]);
  });

  test('encrypts the uploaded control-plane certificates with the certificate key', () => {
    expect(init.certificateKey).toBe(CERT_KEY);
  });
});

describe('berthJoinConfiguration', () => {
  test('minions discover the API with the token and verify its CA by public key hash', () => {
    const join = berthJoinConfiguration({
      controlPlaneEndpoint: '10.0.0.5:6443',
      nodeRegistration: WORKER,
    });
    expect(join.apiVersion).toBe(KUBEADM_API_VERSION);
    expect(join.discovery).toEqual({
      bootstrapToken: {
        // The node picks the token the cluster honours when it joins (formation or growth token).
        token: NodeRuntimeValue.JOIN_TOKEN,
        apiServerEndpoint: '10.0.0.5:6443',
        caCertHashes: [`sha256:${NodeRuntimeValue.CA_PUBLIC_KEY_SHA256}`],
      },
    });
    expect(join).not.toHaveProperty('controlPlane');
  });

  test('masters join the control plane with the certificate key', () => {
    const join = berthJoinConfiguration({
      controlPlaneEndpoint: '10.0.0.5:6443',
      nodeRegistration: MASTER,
      certificateKey: CERT_KEY,
    });
    expect(join.controlPlane).toEqual({ certificateKey: CERT_KEY });
    expect(join.discovery.bootstrapToken?.unsafeSkipCAVerification).toBeUndefined();
  });
});
