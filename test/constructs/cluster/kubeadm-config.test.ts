import * as YAML from 'yaml';
import { Cidr, CpuQuantity, KubernetesVersion, DataSize, TaintEffect } from '../../../config';
import {
  ANONYMOUS_PATHS,
  API_SERVER_CONFIG_DIR,
  API_SERVER_FILES,
  AUDIT_LOG_DIR,
  CONTAINERD_SOCKET,
  CONTROL_PLANE_TAINT,
  KUBEADM_API_VERSION,
  NodeRuntimeValue,
  auditPolicy,
  authenticationConfiguration,
  berthClusterConfiguration,
  berthInitConfiguration,
  berthJoinConfiguration,
  berthKubeletConfiguration,
  berthNodeRegistration,
  encryptionConfiguration,
  kubeadmArgs,
  renderKubeadmConfig,
} from '../../../constructs/cluster/kubeadm-config';

const CLUSTER = {
  clusterName: 'main',
  controlPlaneEndpoint: '10.0.0.5:6443',
  podCidr: Cidr.of('10.244.0.0/16'),
  serviceCidr: Cidr.of('10.96.0.0/12'),
  certSans: ['api.main.example.com', '203.0.113.10'],
};
const WORKER = berthNodeRegistration({
  controlPlane: false,
  labels: {},
  taints: [],
  externalCloudProvider: false,
});
const MASTER = berthNodeRegistration({
  controlPlane: true,
  labels: {},
  taints: [],
  externalCloudProvider: false,
});
/** A token of digits only: a YAML reader would take it for a number if it were not quoted. */
const TOKEN = '123456.1234567890123456';
const CERT_KEY = '1'.repeat(64);

/** Parses a multi-document file as kubeadm would read it. */
function parseAll(text: string): Record<string, unknown>[] {
  return YAML.parseAllDocuments(text, { version: '1.1' }).map((doc) => {
    expect(doc.errors).toEqual([]);
    return doc.toJS() as Record<string, unknown>;
  });
}

/** Flags of a component as a name -> value map. */
function flags(component: { readonly extraArgs?: readonly { name: string; value: string }[] } | undefined) {
  return Object.fromEntries((component?.extraArgs ?? []).map((a) => [a.name, a.value]));
}

describe('renderKubeadmConfig', () => {
  const init = [
    berthInitConfiguration({ bootstrapToken: TOKEN, certificateKey: CERT_KEY, nodeRegistration: MASTER }),
    berthClusterConfiguration(CLUSTER),
    berthKubeletConfiguration(),
  ];

  test('renders one YAML document per object, which read back as the objects', () => {
    const docs = parseAll(renderKubeadmConfig(init));
    expect(docs).toEqual(JSON.parse(JSON.stringify(init)));
    expect(docs.map((d) => `${d.apiVersion} ${d.kind}`)).toEqual([
      'kubeadm.k8s.io/v1beta4 InitConfiguration',
      'kubeadm.k8s.io/v1beta4 ClusterConfiguration',
      'kubelet.config.k8s.io/v1beta1 KubeletConfiguration',
    ]);
  });

  test('tokens and keys that look like numbers stay strings', () => {
    const [initDoc] = parseAll(renderKubeadmConfig(init));
    expect((initDoc.bootstrapTokens as { token: unknown }[])[0].token).toBe(TOKEN);
    expect(initDoc.certificateKey).toBe(CERT_KEY);
  });

  test('refuses an empty configuration', () => {
    expect(() => renderKubeadmConfig([])).toThrow('at least one document');
  });
});

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

describe('berthNodeRegistration', () => {
  test('masters carry the control-plane taint before any other', () => {
    const registration = berthNodeRegistration({
      controlPlane: true,
      labels: {},
      taints: [{ key: 'dedicated', value: 'infra', effect: TaintEffect.NO_EXECUTE }],
      externalCloudProvider: false,
    });
    expect(registration.taints).toEqual([
      CONTROL_PLANE_TAINT,
      { key: 'dedicated', value: 'infra', effect: TaintEffect.NO_EXECUTE },
    ]);
  });

  test('minions carry exactly their taints, an empty list when they have none', () => {
    expect(WORKER.taints).toEqual([]);
    const tainted = berthNodeRegistration({
      controlPlane: false,
      labels: {},
      taints: [{ key: 'gpu', effect: TaintEffect.NO_SCHEDULE }],
      externalCloudProvider: false,
    });
    expect(tainted.taints).toEqual([{ key: 'gpu', effect: TaintEffect.NO_SCHEDULE }]);
  });

  test('labels go to the kubelet sorted, and the CRI socket is explicit', () => {
    const registration = berthNodeRegistration({
      controlPlane: false,
      labels: { 'example.com/zone': 'b', pool: 'gpu' },
      taints: [],
      externalCloudProvider: true,
    });
    expect(registration.criSocket).toBe(CONTAINERD_SOCKET);
    expect(registration.kubeletExtraArgs).toEqual([
      { name: 'cloud-provider', value: 'external' },
      { name: 'node-labels', value: 'example.com/zone=b,pool=gpu' },
    ]);
  });

  test('no kubelet flags when there is nothing to say', () => {
    expect(WORKER).not.toHaveProperty('kubeletExtraArgs');
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

describe('berthKubeletConfiguration', () => {
  const kubelet = berthKubeletConfiguration();

  test('CIS kubelet protections are stated explicitly', () => {
    expect(kubelet).toMatchObject({
      authentication: { anonymous: { enabled: false }, webhook: { enabled: true } },
      authorization: { mode: 'Webhook' },
      readOnlyPort: 0,
      protectKernelDefaults: true,
      rotateCertificates: true,
      makeIPTablesUtilChains: true,
      tlsMinVersion: 'VersionTLS12',
    });
    expect(kubelet.streamingConnectionIdleTimeout).not.toBe('0s');
  });

  test('serving certificates come from the cluster CA only when asked (an approver must run)', () => {
    expect(kubelet.serverTLSBootstrap).toBe(false);
    expect(berthKubeletConfiguration({ serverTlsBootstrap: true }).serverTLSBootstrap).toBe(true);
  });

  test('uses the systemd cgroup driver, like containerd', () => {
    expect(kubelet.cgroupDriver).toBe('systemd');
  });

  test('accepts only forward-secret AEAD cipher suites', () => {
    expect(kubelet.tlsCipherSuites?.length).toBeGreaterThan(0);
    for (const suite of kubelet.tlsCipherSuites ?? [])
      expect(suite).toMatch(/^TLS_ECDHE_.*_(GCM_SHA\d+|CHACHA20_POLY1305)$/);
  });
});

describe('API server configuration files', () => {
  test('secrets are encrypted with secretbox first; identity only reads what predates encryption', () => {
    const config = encryptionConfiguration('a2V5');
    expect(config.resources).toEqual([
      {
        resources: ['secrets'],
        providers: [{ secretbox: { keys: [{ name: 'berth-1', secret: 'a2V5' }] } }, { identity: {} }],
      },
    ]);
  });

  test.each([
    ['1.33', 'apiserver.config.k8s.io/v1beta1'],
    ['1.34', 'apiserver.config.k8s.io/v1'],
    ['1.35', 'apiserver.config.k8s.io/v1'],
    ['1.36', 'apiserver.config.k8s.io/v1'],
  ])('Kubernetes %s reads the authentication configuration as %s', (version, apiVersion) => {
    expect(authenticationConfiguration(KubernetesVersion.tryParse(version)!).apiVersion).toBe(apiVersion);
  });

  test('anonymous requests reach only health checks and the cluster-info kubeadm join needs', () => {
    const config = authenticationConfiguration(KubernetesVersion.DEFAULT);
    expect(config.anonymous.conditions.map((c) => c.path)).toEqual([
      '/livez',
      '/readyz',
      '/healthz',
      '/api/v1/namespaces/kube-public/configmaps/cluster-info',
    ]);
    expect(ANONYMOUS_PATHS.every((p) => !p.includes('*'))).toBe(true);
  });

  test('the audit policy never records Secrets, ConfigMaps or tokens beyond metadata', () => {
    const policy = auditPolicy();
    const firstRuleFor = (group: string, resource: string, verb: string) =>
      policy.rules.find(
        (r) =>
          (r.verbs === undefined || r.verbs.includes(verb)) &&
          r.nonResourceURLs === undefined &&
          r.users === undefined &&
          (r.resources === undefined ||
            r.resources.some((g) => g.group === group && g.resources.includes(resource))),
      );
    for (const verb of ['get', 'create', 'update', 'delete']) {
      expect(firstRuleFor('', 'secrets', verb)?.level).toBe('Metadata');
      expect(firstRuleFor('', 'configmaps', verb)?.level).toBe('Metadata');
      expect(firstRuleFor('authentication.k8s.io', 'tokenreviews', 'create')?.level).toBe('Metadata');
    }
    expect(firstRuleFor('apps', 'deployments', 'create')?.level).toBe('Request');
    expect(firstRuleFor('apps', 'deployments', 'list')?.level).toBe('Metadata');
  });

  test('the audit policy ends with a rule recording everything else', () => {
    const last = auditPolicy().rules.at(-1)!;
    expect(Object.keys(last)).toEqual(['level']);
    expect(last.level).not.toBe('None');
  });
});

describe('berthNodeRegistration kubelet reservation', () => {
  test('reserves CPU and memory for the kubelet and keeps the default eviction thresholds', () => {
    const registration = berthNodeRegistration({
      controlPlane: false,
      labels: {},
      taints: [],
      externalCloudProvider: false,
      reservation: {
        cpu: CpuQuantity.millicores(80),
        memory: DataSize.mebibytes(1844),
        evictionHardMemory: DataSize.mebibytes(100),
      },
    });
    expect(registration.kubeletExtraArgs).toEqual([
      {
        name: 'eviction-hard',
        value: 'memory.available<100Mi,nodefs.available<10%,nodefs.inodesFree<5%,imagefs.available<15%',
      },
      { name: 'kube-reserved', value: 'cpu=80m,memory=1844Mi' },
    ]);
  });

  test('reserves nothing unless asked', () => {
    expect(WORKER.kubeletExtraArgs).toBeUndefined();
  });
});
