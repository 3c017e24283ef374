import { Duration } from 'cdk8s';
import { Cidr, CpuQuantity, KubernetesVersion, NodeTaint, DataSize, TaintEffect } from '../../config';
import { renderYaml } from './cloud-config';

// ---------------------------------------------------------------------------------------------------------
// The kubeadm v1beta4 configuration API (the fields Berth uses), plus the kubelet and API server
// configuration files kubeadm hands to the components it deploys. Field names are those of the wire format.
// ---------------------------------------------------------------------------------------------------------

/** kubeadm's configuration API; v1beta4 needs kubeadm 1.31 or newer. */
export const KUBEADM_API_VERSION = 'kubeadm.k8s.io/v1beta4';
/** The kubelet's configuration API. */
export const KUBELET_API_VERSION = 'kubelet.config.k8s.io/v1beta1';

/** containerd's CRI socket, given to kubeadm so it never has to guess. */
export const CONTAINERD_SOCKET = 'unix:///run/containerd/containerd.sock';

/**
 * Values a kubeadm configuration needs that only exist on the node. The rendered file holds these
 * placeholders; the bootstrap script substitutes them before running kubeadm.
 */
export enum NodeRuntimeValue {
  /** The exact version of the installed kubeadm (`kubeadm version -o short`, e.g. `v1.35.2`). */
  KUBERNETES_VERSION = '__BERTH_KUBERNETES_VERSION__',
  /** Hex SHA-256 of the cluster CA's public key (SubjectPublicKeyInfo, DER), computed from the CA certificate. */
  CA_PUBLIC_KEY_SHA256 = '__BERTH_CA_PUBLIC_KEY_SHA256__',
  /** The join token the cluster honours when the node joins (formation or growth token, see node-scripts). */
  JOIN_TOKEN = '__BERTH_JOIN_TOKEN__',
}

/** A command-line flag of a component, without the leading dashes. */
export interface KubeadmArg {
  readonly name: string;
  readonly value: string;
}

/** Kubernetes' hostPath types that Berth uses. */
export enum HostPathType {
  DIRECTORY = 'Directory',
  DIRECTORY_OR_CREATE = 'DirectoryOrCreate',
  FILE = 'File',
}

/** A host directory or file mounted into a control-plane static pod. */
export interface HostPathMount {
  readonly name: string;
  readonly hostPath: string;
  readonly mountPath: string;
  /** @default false */
  readonly readOnly?: boolean;
  /** @default no check */
  readonly pathType?: HostPathType;
}

export interface ControlPlaneComponent {
  readonly extraArgs?: readonly KubeadmArg[];
  readonly extraVolumes?: readonly HostPathMount[];
}

export interface ApiServerComponent extends ControlPlaneComponent {
  readonly certSANs?: readonly string[];
}

/** A taint as the Kubernetes API spells it. */
export interface KubeadmTaint {
  readonly key: string;
  readonly value?: string;
  readonly effect: TaintEffect;
}

export interface NodeRegistrationOptions {
  readonly criSocket?: string;
  /** `null`/absent means kubeadm's default (the control-plane taint on masters); `[]` means none. */
  readonly taints: readonly KubeadmTaint[];
  readonly kubeletExtraArgs?: readonly KubeadmArg[];
  readonly ignorePreflightErrors?: readonly string[];
}

export interface BootstrapTokenSpec {
  readonly token: string;
  readonly description?: string;
  /** A duration such as `24h0m0s`; `0s` never expires. */
  readonly ttl?: string;
  readonly usages?: readonly string[];
  readonly groups?: readonly string[];
}

export interface InitConfiguration {
  readonly apiVersion: typeof KUBEADM_API_VERSION;
  readonly kind: 'InitConfiguration';
  readonly bootstrapTokens?: readonly BootstrapTokenSpec[];
  readonly nodeRegistration?: NodeRegistrationOptions;
  readonly certificateKey?: string;
  readonly skipPhases?: readonly string[];
}

export interface ClusterConfiguration {
  readonly apiVersion: typeof KUBEADM_API_VERSION;
  readonly kind: 'ClusterConfiguration';
  readonly clusterName?: string;
  readonly kubernetesVersion?: string;
  readonly controlPlaneEndpoint?: string;
  readonly certificatesDir?: string;
  readonly networking?: {
    readonly podSubnet?: string;
    readonly serviceSubnet?: string;
    readonly dnsDomain?: string;
  };
  readonly etcd?: { readonly local?: { readonly dataDir: string } };
  readonly apiServer?: ApiServerComponent;
  readonly controllerManager?: ControlPlaneComponent;
  readonly scheduler?: ControlPlaneComponent;
}

export interface JoinConfiguration {
  readonly apiVersion: typeof KUBEADM_API_VERSION;
  readonly kind: 'JoinConfiguration';
  readonly nodeRegistration?: NodeRegistrationOptions;
  readonly caCertPath?: string;
  readonly discovery: {
    readonly bootstrapToken?: {
      readonly token: string;
      readonly apiServerEndpoint?: string;
      readonly caCertHashes?: readonly string[];
      readonly unsafeSkipCAVerification?: boolean;
    };
    readonly file?: { readonly kubeConfigPath: string };
    readonly tlsBootstrapToken?: string;
  };
  readonly controlPlane?: { readonly certificateKey?: string };
  readonly timeouts?: { readonly discovery?: string; readonly tlsBootstrap?: string };
}

export interface KubeletConfiguration {
  readonly apiVersion: typeof KUBELET_API_VERSION;
  readonly kind: 'KubeletConfiguration';
  readonly cgroupDriver: 'systemd' | 'cgroupfs';
  readonly authentication: {
    readonly anonymous: { readonly enabled: boolean };
    readonly webhook: { readonly enabled: boolean };
    readonly x509: { readonly clientCAFile: string };
  };
  readonly authorization: { readonly mode: 'Webhook' | 'AlwaysAllow' };
  readonly readOnlyPort: number;
  readonly protectKernelDefaults: boolean;
  readonly rotateCertificates: boolean;
  /** Request the serving certificate from the cluster CA (CSR, signer kubernetes.io/kubelet-serving). */
  readonly serverTLSBootstrap: boolean;
  readonly makeIPTablesUtilChains: boolean;
  readonly streamingConnectionIdleTimeout: string;
  readonly tlsMinVersion?: string;
  readonly tlsCipherSuites?: readonly string[];
}

/** A document of a kubeadm `--config` file. */
export type KubeadmDocument =
  InitConfiguration | ClusterConfiguration | JoinConfiguration | KubeletConfiguration;

/**
 * Renders kubeadm documents as one multi-document YAML file. Strings are double-quoted so that values a
 * YAML reader could take for numbers or booleans (a token of digits, a hex key) stay strings.
 */
export function renderKubeadmConfig(documents: readonly KubeadmDocument[]): string {
  if (documents.length === 0) throw new Error('a kubeadm configuration needs at least one document');
  return renderDocuments(documents);
}

/** Renders any list of Kubernetes-style documents as multi-document YAML. */
export function renderDocuments(documents: readonly object[]): string {
  return documents.map((doc) => renderYaml(doc, { quoteStrings: true })).join('---\n');
}

/** Flags from a record, sorted by name so the rendering is stable. */
export function kubeadmArgs(flags: Readonly<Record<string, string>>): KubeadmArg[] {
  return Object.keys(flags)
    .sort()
    .map((name) => ({ name, value: flags[name] }));
}

// ---------------------------------------------------------------------------------------------------------
// Berth's choices: what every Berth cluster runs with, including the CIS hardening kubeadm leaves out.
// ---------------------------------------------------------------------------------------------------------

/** Where the extra API server configuration lives on masters; mounted read-only into the API server. */
export const API_SERVER_CONFIG_DIR = '/etc/kubernetes/apiserver';
/** Files in `API_SERVER_CONFIG_DIR` (all 0600: the encryption configuration holds the key). */
export const API_SERVER_FILES = {
  auditPolicy: `${API_SERVER_CONFIG_DIR}/audit-policy.yaml`,
  encryptionConfiguration: `${API_SERVER_CONFIG_DIR}/encryption-configuration.yaml`,
  authenticationConfiguration: `${API_SERVER_CONFIG_DIR}/authentication-configuration.yaml`,
} as const;
/** Directory of the API server's audit log (mounted read-write). */
export const AUDIT_LOG_DIR = '/var/log/kubernetes/audit';

/** How long and how much audit log a master keeps (CIS 1.2.17-1.2.19). */
export const AUDIT_LOG_RETENTION = {
  maxAgeDays: 30,
  maxBackups: 10,
  maxFileSize: DataSize.mebibytes(100),
} as const;

/**
 * The only requests the API server answers without credentials: health checks (kubelet probes of the
 * static pod, load balancer monitors) and the signed `cluster-info` ConfigMap that `kubeadm join` reads
 * during token discovery (it verifies it with the token and the pinned CA hash). Everything else needs
 * authentication, even if some RBAC binding mistakenly grants `system:anonymous` more.
 */
export const ANONYMOUS_PATHS: readonly string[] = [
  '/livez',
  '/readyz',
  '/healthz',
  '/api/v1/namespaces/kube-public/configmaps/cluster-info',
];

/** The node taint every master carries so that apps never run there. */
export const CONTROL_PLANE_TAINT: KubeadmTaint = {
  key: 'node-role.kubernetes.io/control-plane',
  effect: TaintEffect.NO_SCHEDULE,
};

/** TLS 1.2 cipher suites the kubelet accepts (AEAD with forward secrecy only, CIS 4.2.12). */
export const KUBELET_TLS_CIPHER_SUITES: readonly string[] = [
  'TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256',
  'TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384',
  'TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305',
  'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256',
  'TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384',
  'TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305',
];

export interface BerthClusterConfigurationOptions {
  readonly clusterName: string;
  /** `host:port` of the API (the load balancer). */
  readonly controlPlaneEndpoint: string;
  /** The pod network flannel uses; kubeadm makes the controller manager allocate a /24 per node from it. */
  readonly podCidr: Cidr;
  readonly serviceCidr: Cidr;
  /** Extra names and addresses in the API server certificate. */
  readonly certSans: readonly string[];
}

/** The cluster-wide configuration, used by `kubeadm init` and stored in the cluster for joining masters. */
export function berthClusterConfiguration(options: BerthClusterConfigurationOptions): ClusterConfiguration {
  const retention = AUDIT_LOG_RETENTION;
  return {
    apiVersion: KUBEADM_API_VERSION,
    kind: 'ClusterConfiguration',
    clusterName: options.clusterName,
    kubernetesVersion: NodeRuntimeValue.KUBERNETES_VERSION,
    controlPlaneEndpoint: options.controlPlaneEndpoint,
    certificatesDir: '/etc/kubernetes/pki',
    networking: {
      podSubnet: options.podCidr.toString(),
      serviceSubnet: options.serviceCidr.toString(),
      dnsDomain: 'cluster.local',
    },
    etcd: { local: { dataDir: '/var/lib/etcd' } },
    apiServer: {
      certSANs: [...options.certSans],
      extraArgs: kubeadmArgs({
        // Audit logging (kubeadm configures none).
        'audit-policy-file': API_SERVER_FILES.auditPolicy,
        'audit-log-path': `${AUDIT_LOG_DIR}/audit.log`,
        'audit-log-maxage': String(retention.maxAgeDays),
        'audit-log-maxbackup': String(retention.maxBackups),
        'audit-log-maxsize': String(retention.maxFileSize.toMebibytes()),
        // Secrets encrypted at rest in etcd.
        'encryption-provider-config': API_SERVER_FILES.encryptionConfiguration,
        // A rotated key (berth-encryption-key) takes effect without restarting the API server.
        'encryption-provider-config-automatic-reload': 'true',
        // Anonymous access only to the paths in ANONYMOUS_PATHS (replaces --anonymous-auth, which
        // cannot be combined with an authentication configuration file).
        'authentication-config': API_SERVER_FILES.authenticationConfiguration,
        profiling: 'false',
      }),
      extraVolumes: [
        {
          name: 'berth-apiserver-config',
          hostPath: API_SERVER_CONFIG_DIR,
          mountPath: API_SERVER_CONFIG_DIR,
          readOnly: true,
          pathType: HostPathType.DIRECTORY,
        },
        {
          name: 'audit-log',
          hostPath: AUDIT_LOG_DIR,
          mountPath: AUDIT_LOG_DIR,
          readOnly: false,
          pathType: HostPathType.DIRECTORY_OR_CREATE,
        },
      ],
    },
    controllerManager: { extraArgs: kubeadmArgs({ profiling: 'false' }) },
    scheduler: { extraArgs: kubeadmArgs({ profiling: 'false' }) },
  };
}

export interface BerthNodeRegistrationOptions {
  /** Masters carry `CONTROL_PLANE_TAINT` in addition to `taints`. */
  readonly controlPlane: boolean;
  readonly labels: Readonly<Record<string, string>>;
  readonly taints: readonly NodeTaint[];
  /** Start the kubelet with `--cloud-provider=external` (for an in-cluster cloud controller manager). */
  readonly externalCloudProvider: boolean;
  /**
   * What the kubelet keeps back from pods on this node (so that what the scheduler sees as allocatable is
   * what Berth's footprint computes).
   * @default none (the kubelet's own defaults)
   */
  readonly reservation?: KubeletReservation;
}

/** CPU and memory a node keeps for the kubelet and the system, and its hard memory eviction threshold. */
export interface KubeletReservation {
  readonly cpu: CpuQuantity;
  readonly memory: DataSize;
  readonly evictionHardMemory: DataSize;
}

/** The kubelet's default hard eviction thresholds besides memory, kept when memory's is set. */
export const DEFAULT_EVICTION_HARD = [
  'nodefs.available<10%',
  'nodefs.inodesFree<5%',
  'imagefs.available<15%',
];

/** How a node registers itself: CRI socket, taints, labels. */
export function berthNodeRegistration(options: BerthNodeRegistrationOptions): NodeRegistrationOptions {
  const taints: KubeadmTaint[] = options.taints.map((t) =>
    t.value === undefined
      ? { key: t.key, effect: t.effect }
      : { key: t.key, value: t.value, effect: t.effect },
  );
  if (options.controlPlane) taints.unshift(CONTROL_PLANE_TAINT);
  const flags: Record<string, string> = {};
  const labels = Object.keys(options.labels)
    .sort()
    .map((key) => `${key}=${options.labels[key]}`);
  if (labels.length > 0) flags['node-labels'] = labels.join(',');
  if (options.externalCloudProvider) flags['cloud-provider'] = 'external';
  if (options.reservation) {
    // Per node (flavors differ per pool), so flags rather than the cluster-wide KubeletConfiguration.
    const { cpu, memory, evictionHardMemory } = options.reservation;
    flags['kube-reserved'] = `cpu=${cpu.toString()},memory=${memory.toMebibytes()}Mi`;
    flags['eviction-hard'] = [
      `memory.available<${evictionHardMemory.toMebibytes()}Mi`,
      ...DEFAULT_EVICTION_HARD,
    ].join(',');
  }
  const kubeletExtraArgs = kubeadmArgs(flags);
  return {
    criSocket: CONTAINERD_SOCKET,
    taints,
    ...(kubeletExtraArgs.length > 0 ? { kubeletExtraArgs } : {}),
  };
}

/**
 * How long the formation token `kubeadm init` creates stays valid: long enough for the other masters and
 * the minions of the first deploy to join (they wait up to an hour for the API, then retry their join).
 */
export const FORMATION_TOKEN_TTL = Duration.hours(4);

/** Groups of a Berth join token: kubeadm's node bootstrappers (CSR creation, auto-approval, join reads). */
export const JOIN_TOKEN_GROUPS: readonly string[] = ['system:bootstrappers:kubeadm:default-node-token'];

/**
 * The formation token `kubeadm init` creates. It expires after `FORMATION_TOKEN_TTL`; nodes created later
 * join with the growth token the platform stack re-arms at each deploy (`JoinTokenSecret`).
 */
export function berthBootstrapToken(token: string): BootstrapTokenSpec {
  return {
    token,
    description: 'Berth: the nodes of the first deploy join with this token',
    ttl: `${FORMATION_TOKEN_TTL.toHours()}h0m0s`,
    usages: ['signing', 'authentication'],
    groups: [...JOIN_TOKEN_GROUPS],
  };
}

/** `kubeadm init` on the first master: creates the token and uploads the control-plane certificates. */
export function berthInitConfiguration(options: {
  readonly bootstrapToken: string;
  readonly certificateKey: string;
  readonly nodeRegistration: NodeRegistrationOptions;
}): InitConfiguration {
  return {
    apiVersion: KUBEADM_API_VERSION,
    kind: 'InitConfiguration',
    bootstrapTokens: [berthBootstrapToken(options.bootstrapToken)],
    nodeRegistration: options.nodeRegistration,
    certificateKey: options.certificateKey,
  };
}

/**
 * `kubeadm join` for further masters (with `certificateKey`) and minions: token discovery that verifies the
 * API server against the cluster CA's public key hash, computed on the node from the CA certificate.
 */
export function berthJoinConfiguration(options: {
  readonly controlPlaneEndpoint: string;
  readonly nodeRegistration: NodeRegistrationOptions;
  /** Join as a master, fetching the control-plane certificates uploaded by `kubeadm init --upload-certs`. */
  readonly certificateKey?: string;
}): JoinConfiguration {
  return {
    apiVersion: KUBEADM_API_VERSION,
    kind: 'JoinConfiguration',
    nodeRegistration: options.nodeRegistration,
    caCertPath: '/etc/kubernetes/pki/ca.crt',
    discovery: {
      bootstrapToken: {
        // Chosen on the node at join time: whichever of the node's tokens the cluster honours then.
        token: NodeRuntimeValue.JOIN_TOKEN,
        apiServerEndpoint: options.controlPlaneEndpoint,
        caCertHashes: [`sha256:${NodeRuntimeValue.CA_PUBLIC_KEY_SHA256}`],
      },
    },
    ...(options.certificateKey === undefined
      ? {}
      : { controlPlane: { certificateKey: options.certificateKey } }),
    timeouts: { discovery: '10m0s' },
  };
}

/**
 * The kubelet configuration of every node (kubeadm stores it in the cluster at init; joining nodes fetch
 * it). States the CIS kubelet settings explicitly rather than trusting defaults.
 */
export function berthKubeletConfiguration(
  options: {
    /**
     * Kubelets request their serving certificates from the cluster CA instead of signing their own. Needs
     * an approver for `kubernetes.io/kubelet-serving` CSRs (Kubernetes approves none by itself): until one
     * runs, kubelets serve no TLS at all (no logs, exec or metrics).
     * @default false
     */
    readonly serverTlsBootstrap?: boolean;
  } = {},
): KubeletConfiguration {
  return {
    apiVersion: KUBELET_API_VERSION,
    kind: 'KubeletConfiguration',
    cgroupDriver: 'systemd',
    authentication: {
      anonymous: { enabled: false },
      webhook: { enabled: true },
      x509: { clientCAFile: '/etc/kubernetes/pki/ca.crt' },
    },
    authorization: { mode: 'Webhook' },
    readOnlyPort: 0,
    protectKernelDefaults: true,
    rotateCertificates: true,
    serverTLSBootstrap: options.serverTlsBootstrap ?? false,
    makeIPTablesUtilChains: true,
    streamingConnectionIdleTimeout: '4h0m0s',
    tlsMinVersion: 'VersionTLS12',
    tlsCipherSuites: [...KUBELET_TLS_CIPHER_SUITES],
  };
}

/** `apiserver.config.k8s.io` EncryptionConfiguration. */
export interface EncryptionConfiguration {
  readonly apiVersion: 'apiserver.config.k8s.io/v1';
  readonly kind: 'EncryptionConfiguration';
  readonly resources: readonly {
    readonly resources: readonly string[];
    readonly providers: readonly (
      | {
          readonly secretbox: {
            readonly keys: readonly { readonly name: string; readonly secret: string }[];
          };
        }
      | { readonly identity: Record<string, never> }
    )[];
  }[];
}

/**
 * Secrets encrypted at rest with secretbox (XSalsa20-Poly1305; Kubernetes recommends it over aescbc) and
 * a 32-byte key. `identity` stays last so that secrets written before encryption can still be read.
 */
export function encryptionConfiguration(base64Key: string): EncryptionConfiguration {
  return {
    apiVersion: 'apiserver.config.k8s.io/v1',
    kind: 'EncryptionConfiguration',
    resources: [
      {
        resources: ['secrets'],
        providers: [{ secretbox: { keys: [{ name: 'berth-1', secret: base64Key }] } }, { identity: {} }],
      },
    ],
  };
}

/** `apiserver.config.k8s.io` AuthenticationConfiguration (structured authentication). */
export interface AuthenticationConfiguration {
  readonly apiVersion: string;
  readonly kind: 'AuthenticationConfiguration';
  readonly anonymous: {
    readonly enabled: boolean;
    readonly conditions: readonly { readonly path: string }[];
  };
}

/**
 * Anonymous requests limited to `ANONYMOUS_PATHS`. Structured authentication configuration is GA (`v1`)
 * from Kubernetes 1.34; 1.33 reads `v1beta1`.
 */
export function authenticationConfiguration(version: KubernetesVersion): AuthenticationConfiguration {
  return {
    apiVersion: version.minor >= 34 ? 'apiserver.config.k8s.io/v1' : 'apiserver.config.k8s.io/v1beta1',
    kind: 'AuthenticationConfiguration',
    anonymous: { enabled: true, conditions: ANONYMOUS_PATHS.map((path) => ({ path })) },
  };
}

/** An `audit.k8s.io/v1` Policy. */
export interface AuditPolicy {
  readonly apiVersion: 'audit.k8s.io/v1';
  readonly kind: 'Policy';
  readonly omitStages: readonly string[];
  readonly rules: readonly AuditRule[];
}

export interface AuditRule {
  readonly level: 'None' | 'Metadata' | 'Request' | 'RequestResponse';
  readonly users?: readonly string[];
  readonly verbs?: readonly string[];
  readonly namespaces?: readonly string[];
  readonly nonResourceURLs?: readonly string[];
  readonly resources?: readonly { readonly group: string; readonly resources: readonly string[] }[];
}

const READ_VERBS = ['get', 'list', 'watch'];

/**
 * Berth's audit policy: every request is recorded at least with its metadata (who, what, when); Secrets,
 * ConfigMaps and tokens never with their bodies; writes with their request bodies; noisy health checks and
 * the control plane's own lease renewals not at all.
 */
export function auditPolicy(): AuditPolicy {
  return {
    apiVersion: 'audit.k8s.io/v1',
    kind: 'Policy',
    omitStages: ['RequestReceived'],
    rules: [
      { level: 'None', nonResourceURLs: ['/healthz*', '/livez*', '/readyz*', '/version'] },
      { level: 'None', resources: [{ group: '', resources: ['events'] }] },
      {
        level: 'None',
        users: ['system:kube-controller-manager', 'system:kube-scheduler'],
        verbs: ['get', 'update'],
        namespaces: ['kube-system'],
        resources: [
          { group: 'coordination.k8s.io', resources: ['leases'] },
          { group: '', resources: ['endpoints'] },
        ],
      },
      {
        level: 'Metadata',
        resources: [
          { group: '', resources: ['secrets', 'configmaps', 'serviceaccounts/token'] },
          { group: 'authentication.k8s.io', resources: ['tokenreviews'] },
        ],
      },
      { level: 'Metadata', verbs: READ_VERBS },
      { level: 'Request' },
    ],
  };
}
