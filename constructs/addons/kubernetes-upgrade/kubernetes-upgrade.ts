import { Construct } from 'constructs';
import { Fn, ITerraformDependable, Op } from 'cdktf';
import { ClusterRoleBindingV1 } from '@cdktf/provider-kubernetes/lib/cluster-role-binding-v1';
import { ClusterRoleV1 } from '@cdktf/provider-kubernetes/lib/cluster-role-v1';
import { DataKubernetesServerVersion } from '@cdktf/provider-kubernetes/lib/data-kubernetes-server-version';
import { SecretV1 } from '@cdktf/provider-kubernetes/lib/secret-v1';
import { ServiceAccountV1 } from '@cdktf/provider-kubernetes/lib/service-account-v1';
import { KubernetesVersion } from '../../../config';
import { PlatformNamespace } from '../../../config/platform-names';
import {
  NODE_UPGRADE_POD_LABEL,
  NodeUpgradeRole,
  nodeUpgradeScript,
} from '../../cluster/node-upgrade-script';
import { NODE_UPGRADE_SHELL } from './kubernetes-upgrade-images';
import { recordedImageReference } from '../core/image-digests';
import { KubernetesJob } from '../../core/kubernetes-job';

// In-place upgrades driven from the platform stack: one Job per node, pinned to it, that runs kubeadm's
// upgrade steps on the host. Terraform creates the Jobs one after another (each waits for the previous
// to complete): the masters in order, then the minions. Decision: docs/decisions/0017-kubernetes-upgrades.md.

/**
 * The image of the upgrade pods, which need a shell, `cp`, `install`, `sed`, `printf` and `chroot`
 * (everything else runs on the host): flannel's, which every node already runs (alpine busybox, see
 * FLANNEL_IMAGE), so nothing is pulled from Docker Hub or from a registry the cluster does not use yet.
 */
export const NODE_UPGRADE_IMAGE = recordedImageReference(NODE_UPGRADE_SHELL);

/** Name of the ServiceAccount, ClusterRole and Secret of the upgrades. */
export const NODE_UPGRADE_NAME = 'berth-node-upgrade';

/** Where the upgrade pod leaves the script and its credentials on the host (0700). */
const HOST_DIR = '/var/lib/berth/upgrade';

/** How long one node may take (drain waits for PodDisruptionBudgets up to 20 minutes). */
const NODE_TIMEOUT = '45m';

export interface KubernetesUpgradeProps {
  /** The minor the cluster should run: `clusters[].kubernetesVersion`. */
  readonly version: KubernetesVersion;
  /** Config path of that field, for the version-skew error, e.g. `clusters[0].kubernetesVersion`. */
  readonly configPath: string;
  /** Node names of the masters, first master first. */
  readonly masters: readonly string[];
  /** Node names of the minions, in upgrade order. */
  readonly minions: readonly string[];
  /** What must exist first. @default nothing */
  readonly dependsOn?: readonly ITerraformDependable[];
}

/** `upgrade-1-36-<node>`: a new minor means new Jobs, so changing the version runs them again. */
export function nodeUpgradeJobName(version: KubernetesVersion, node: string): string {
  return `upgrade-${version.toString().replace('.', '-')}-${node}`.slice(0, 63).replace(/-+$/, '');
}

/**
 * Upgrades every node to `version`, one node at a time: the first master (`kubeadm upgrade apply`), the
 * other masters, then the minions, each drained through the eviction API (PodDisruptionBudgets hold) and
 * uncordoned. A plan refuses a version more than one minor above (or below) what the API server runs.
 */
export class KubernetesUpgrade extends Construct {
  /** The Jobs, in the order they run. */
  public readonly jobs: readonly KubernetesJob[];

  constructor(scope: Construct, id: string, props: KubernetesUpgradeProps) {
    super(scope, id);
    const namespace = PlatformNamespace.KUBE_SYSTEM;
    const server = new DataKubernetesServerVersion(this, 'server-version');
    // The API server's minor ("35", or "35+" on some builds).
    const running = Fn.tonumber(Fn.regex('^[0-9]+', server.minor));
    const target = props.version.minor;

    const account = new ServiceAccountV1(this, 'service-account', {
      metadata: { name: NODE_UPGRADE_NAME, namespace },
      dependsOn: props.dependsOn ? [...props.dependsOn] : undefined,
    });
    const role = new ClusterRoleV1(this, 'cluster-role', {
      metadata: { name: NODE_UPGRADE_NAME },
      // What `kubectl drain` and `uncordon` need: cordon, find the node's pods, evict them.
      rule: [
        { apiGroups: [''], resources: ['nodes'], verbs: ['get', 'patch'] },
        { apiGroups: [''], resources: ['pods'], verbs: ['get', 'list'] },
        { apiGroups: [''], resources: ['pods/eviction'], verbs: ['create'] },
        { apiGroups: ['apps'], resources: ['daemonsets'], verbs: ['get'] },
      ],
    });
    const binding = new ClusterRoleBindingV1(this, 'cluster-role-binding', {
      metadata: { name: NODE_UPGRADE_NAME },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: role.metadata.name },
      subject: [{ kind: 'ServiceAccount', name: NODE_UPGRADE_NAME, namespace }],
    });
    const script = new SecretV1(this, 'script', {
      metadata: { name: NODE_UPGRADE_NAME, namespace },
      // Its `${...}` are escaped for Terraform with every literal of the stack (stacks/terraform-literals).
      data: { 'berth-upgrade-node': nodeUpgradeScript() },
    });

    const nodes: [string, NodeUpgradeRole][] = [
      ...props.masters.map((node, i): [string, NodeUpgradeRole] => [
        node,
        i === 0 ? NodeUpgradeRole.FIRST_MASTER : NodeUpgradeRole.MASTER,
      ]),
      ...props.minions.map((node): [string, NodeUpgradeRole] => [node, NodeUpgradeRole.MINION]),
    ];
    const jobs: KubernetesJob[] = [];
    for (const [node, nodeRole] of nodes) {
      const previous = jobs[jobs.length - 1];
      const job = nodeUpgradeJob(this, node, nodeRole, props.version, [
        account,
        binding,
        script,
        ...(previous ? [previous] : []),
      ]);
      jobs.push(job);
    }
    // Checked at every plan, before any Job: the version-skew policy allows one minor at a time.
    jobs[0]?.addOverride('lifecycle.precondition', [
      {
        condition: Op.or(Op.eq(running, target), Op.eq(Op.add(running, 1), target)),
        error_message: `${props.configPath}: got "${props.version}"; the cluster runs ${server.gitVersion}: Kubernetes upgrades one minor at a time and never downgrades (kubeadm's version skew policy). Deploy one minor above what runs, then the next.`,
      },
    ]);
    this.jobs = jobs;
  }
}

function nodeUpgradeJob(
  scope: Construct,
  node: string,
  role: NodeUpgradeRole,
  version: KubernetesVersion,
  dependsOn: ITerraformDependable[],
): KubernetesJob {
  const labels = { [NODE_UPGRADE_POD_LABEL.key]: NODE_UPGRADE_POD_LABEL.value };
  // The pod copies the script and its service account's credentials to the host, then runs the script
  // there (chroot): apt, kubeadm, systemctl and kubectl are the node's own.
  const kubeconfig = [
    'apiVersion: v1',
    'kind: Config',
    'clusters: [{name: cluster, cluster: {server: "https://KUBERNETES_SERVICE_HOST:KUBERNETES_SERVICE_PORT", certificate-authority: ' +
      `${HOST_DIR}/ca.crt}}]`,
    `users: [{name: upgrade, user: {tokenFile: ${HOST_DIR}/token}}]`,
    'contexts: [{name: upgrade, context: {cluster: cluster, user: upgrade}}]',
    'current-context: upgrade',
  ].join('\n');
  const command = [
    'set -eu',
    `install -d -m 0700 /host${HOST_DIR}`,
    `cp /berth/berth-upgrade-node /host${HOST_DIR}/berth-upgrade-node`,
    `cp /var/run/secrets/kubernetes.io/serviceaccount/token /var/run/secrets/kubernetes.io/serviceaccount/ca.crt /host${HOST_DIR}/`,
    `printf '%s\\n' '${kubeconfig}' | sed -e "s/KUBERNETES_SERVICE_HOST/$KUBERNETES_SERVICE_HOST/" -e "s/KUBERNETES_SERVICE_PORT/$KUBERNETES_SERVICE_PORT/" >/host${HOST_DIR}/kubeconfig`,
    `exec chroot /host /usr/bin/env KUBECTL_ARGS=--kubeconfig=${HOST_DIR}/kubeconfig /bin/bash ${HOST_DIR}/berth-upgrade-node ${role} ${version} ${node}`,
  ].join('\n');
  const name = nodeUpgradeJobName(version, node);
  return new KubernetesJob(scope, `job-${node}`, {
    metadata: { name, namespace: PlatformNamespace.KUBE_SYSTEM, labels },
    spec: {
      // A second try for a transient failure (apt mirror, API restart); the script is idempotent.
      backoff_limit: 1,
      template: {
        metadata: { labels },
        spec: {
          node_name: node,
          restart_policy: 'Never',
          service_account_name: NODE_UPGRADE_NAME,
          host_pid: true,
          host_network: true,
          dns_policy: 'ClusterFirstWithHostNet',
          toleration: [{ operator: 'Exists' }],
          container: [
            {
              name: 'upgrade',
              image: NODE_UPGRADE_IMAGE,
              command: ['/bin/sh', '-c', command],
              security_context: { privileged: true },
              volume_mount: [
                { name: 'host', mount_path: '/host' },
                { name: 'script', mount_path: '/berth', read_only: true },
              ],
            },
          ],
          volume: [
            { name: 'host', host_path: { path: '/', type: 'Directory' } },
            { name: 'script', secret: { secret_name: NODE_UPGRADE_NAME, default_mode: '0500' } },
          ],
        },
      },
    },
    waitForCompletion: true,
    timeout: NODE_TIMEOUT,
    dependsOn,
  });
}
