import { Duration } from 'cdk8s';
import { MANAGED_BY_BERTH_LABEL } from '../../config/platform-names';

// The identity Terraform deploys with. Not `system:masters` (which no RBAC change can take away): a group
// bound to `cluster-admin` by one ClusterRoleBinding, so deleting that binding revokes every certificate of
// the group at once, and short-lived certificates, so a copied one soon stops working.

/** Organization (Kubernetes group) of the certificates the platform and environments stacks use. */
export const DEPLOYER_GROUP = 'berth:deployers';
/** Common name (Kubernetes user) of those certificates. */
export const DEPLOYER_USER = 'berth-deployer';
/** The ClusterRoleBinding granting the group `cluster-admin`; delete it to revoke. */
export const DEPLOYERS_BINDING_NAME = 'berth:deployers';
/** Where the first master keeps the binding's manifest; it applies it right after `kubeadm init`. */
export const DEPLOYERS_BINDING_FILE = '/etc/kubernetes/berth/deployers-binding.yaml';

/** How long a deployer certificate is valid: a week. */
export const DEPLOYER_VALIDITY = Duration.days(7);
/**
 * Terraform re-issues the certificate on any deploy of the cluster stack once this little of its life is
 * left: six days, so every deploy more than a day after the last one gets a fresh certificate.
 */
export const DEPLOYER_RENEW_BEFORE = Duration.days(6);

/** An `rbac.authorization.k8s.io/v1` ClusterRoleBinding. */
export interface ClusterRoleBinding {
  readonly apiVersion: 'rbac.authorization.k8s.io/v1';
  readonly kind: 'ClusterRoleBinding';
  readonly metadata: { readonly name: string; readonly labels: Readonly<Record<string, string>> };
  readonly roleRef: {
    readonly apiGroup: 'rbac.authorization.k8s.io';
    readonly kind: 'ClusterRole';
    readonly name: string;
  };
  readonly subjects: readonly {
    readonly apiGroup: 'rbac.authorization.k8s.io';
    readonly kind: 'Group';
    readonly name: string;
  }[];
}

/** The binding that makes the deployers cluster administrators, revocably. */
export function deployersClusterRoleBinding(): ClusterRoleBinding {
  return {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRoleBinding',
    metadata: { name: DEPLOYERS_BINDING_NAME, labels: { ...MANAGED_BY_BERTH_LABEL } },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'cluster-admin' },
    subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: DEPLOYER_GROUP }],
  };
}
