import { CpuQuantity, DataSize, NodeTaint, TaintEffect } from '../../config';
import {
  CONTAINERD_SOCKET,
  KUBELET_API_VERSION,
  KubeadmTaint,
  KubeletConfiguration,
  NodeRegistrationOptions,
  kubeadmArgs,
} from './kubeadm-api';

// ---------------------------------------------------------------------------------------------------------
// Berth's kubelet: how a node registers (taints, labels, reservation) and the CIS kubelet settings.
// ---------------------------------------------------------------------------------------------------------

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
