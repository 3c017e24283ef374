import { KubernetesVersion, DataSize } from '../../config';

// ---------------------------------------------------------------------------------------------------------
// The API server's extra configuration files on masters (CIS hardening kubeadm leaves out): audit policy,
// encryption at rest, structured authentication.
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
