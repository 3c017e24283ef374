import { Duration } from 'cdk8s';
import { Cidr } from '../../config';
import {
  API_SERVER_CONFIG_DIR,
  API_SERVER_FILES,
  AUDIT_LOG_DIR,
  AUDIT_LOG_RETENTION,
} from './api-server-config';
import {
  BootstrapTokenSpec,
  ClusterConfiguration,
  HostPathType,
  InitConfiguration,
  JoinConfiguration,
  KUBEADM_API_VERSION,
  NodeRegistrationOptions,
  NodeRuntimeValue,
  kubeadmArgs,
} from './kubeadm-api';

// ---------------------------------------------------------------------------------------------------------
// Berth's choices: what every Berth cluster runs with, including the CIS hardening kubeadm leaves out.
// ---------------------------------------------------------------------------------------------------------

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
