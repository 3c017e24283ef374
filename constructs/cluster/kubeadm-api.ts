import { TaintEffect } from '../../config';
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
  /** The join token the cluster honours when the node joins (formation or growth token, see node-kubeadm-script.ts). */
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
