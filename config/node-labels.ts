import { Problems } from './problems';

/**
 * Which labels a kubelet may register its node with (`--node-labels`, kubeadm's `node-labels` extra
 * argument), as the kubelet itself decides in `ValidateKubeletFlags` (cmd/kubelet/app/options) and
 * `IsKubeletLabel` (k8s.io/kubelet/pkg/apis): a key whose prefix is `kubernetes.io`, `k8s.io` or a
 * subdomain of either is refused unless its prefix is `kubelet.kubernetes.io` or `node.kubernetes.io`
 * (or a subdomain of them) or it is one of the well-known labels below. A refused label stops the kubelet
 * at start, so the node never joins: Berth checks every label here, when the config is read.
 */

/** The well-known labels a kubelet may set although they sit under kubernetes.io (`kubeletLabels`). */
export const KUBELET_WELL_KNOWN_LABELS: readonly string[] = [
  'beta.kubernetes.io/arch',
  'beta.kubernetes.io/instance-type',
  'beta.kubernetes.io/os',
  'failure-domain.beta.kubernetes.io/region',
  'failure-domain.beta.kubernetes.io/zone',
  'kubernetes.io/arch',
  'kubernetes.io/hostname',
  'kubernetes.io/os',
  'node.kubernetes.io/instance-type',
  'topology.kubernetes.io/region',
  'topology.kubernetes.io/zone',
];

/** Prefixes (and their subdomains) a kubelet may always use (`kubeletLabelNamespaces`). */
export const KUBELET_LABEL_NAMESPACES: readonly string[] = ['kubelet.kubernetes.io', 'node.kubernetes.io'];

/** Prefixes reserved to Kubernetes (with their subdomains). */
const KUBERNETES_NAMESPACES: readonly string[] = ['kubernetes.io', 'k8s.io'];

/** Prefix of the labels Berth itself puts on every node; a pool's labels may not use it. */
export const BERTH_LABEL_PREFIX = 'berth.dev';

/** The labels Berth puts on nodes: the cluster's name, and the pool of a minion. */
export const BerthNodeLabel = {
  CLUSTER: `${BERTH_LABEL_PREFIX}/cluster`,
  POOL: `${BERTH_LABEL_PREFIX}/pool`,
} as const;

// Linear patterns only (bounded repetition on a single class): they read user input.
const NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

const withinNamespace = (prefix: string, namespace: string) =>
  prefix === namespace || prefix.endsWith(`.${namespace}`);

/** Why `key` is not a label key at all (Kubernetes' qualified name), or undefined. */
function qualifiedNameProblem(key: string): string | undefined {
  const form =
    'must be a label key: an optional DNS prefix and "/", then up to 63 letters, digits, "-", "_", "." starting and ending alphanumeric, e.g. "tier" or "example.com/rack"';
  const parts = key.split('/');
  if (parts.length > 2) return form;
  const name = parts[parts.length - 1];
  if (!NAME.test(name)) return form;
  if (parts.length === 2) {
    const prefix = parts[0];
    if (prefix.length > 253 || !prefix.split('.').every((label) => DNS_LABEL.test(label))) return form;
  }
  return undefined;
}

/**
 * Why the kubelet would refuse to register a node with label `key`, or undefined when it accepts it.
 * The rule of `ValidateKubeletFlags`: valid form, and no kubernetes.io/k8s.io prefix beyond what it allows.
 */
export function kubeletLabelKeyProblem(key: string): string | undefined {
  const form = qualifiedNameProblem(key);
  if (form) return form;
  const slash = key.indexOf('/');
  if (slash < 0) return undefined;
  const prefix = key.slice(0, slash);
  if (!KUBERNETES_NAMESPACES.some((ns) => withinNamespace(prefix, ns))) return undefined;
  if (KUBELET_WELL_KNOWN_LABELS.includes(key)) return undefined;
  if (KUBELET_LABEL_NAMESPACES.some((ns) => withinNamespace(prefix, ns))) return undefined;
  return `the kubelet refuses labels under kubernetes.io or k8s.io (and their subdomains) and would not start: only the prefixes ${KUBELET_LABEL_NAMESPACES.join(', ')} and the well-known labels (${KUBELET_WELL_KNOWN_LABELS.join(', ')}) are allowed; use your own prefix, e.g. "example.com/${key.slice(slash + 1)}"`;
}

/**
 * Why `key` is not a taint key, or undefined: a taint key has the form of a label key (Kubernetes'
 * `validateTaints` checks it with `IsQualifiedName`); any prefix is allowed.
 */
export function taintKeyProblem(key: string): string | undefined {
  return qualifiedNameProblem(key);
}

/** Why `value` is not a label value (Kubernetes' `IsValidLabelValue`), or undefined. */
export function labelValueProblem(value: string): string | undefined {
  if (value === '' || NAME.test(value)) return undefined;
  return 'must be a label value: empty, or up to 63 letters, digits, "-", "_", "." starting and ending alphanumeric';
}

/**
 * Checks the labels a config gives a pool of nodes: every key and value as the kubelet checks them, and
 * no key under Berth's own `berth.dev/` prefix. Problems name `path` (e.g. `clusters[0].minionPools[1].labels`).
 */
export function checkNodeLabels(
  problems: Problems,
  path: string,
  labels: Readonly<Record<string, string>>,
): void {
  for (const [key, value] of Object.entries(labels)) {
    const keyProblem = kubeletLabelKeyProblem(key);
    if (keyProblem) {
      problems.add(path, key, keyProblem);
    } else if (key.startsWith(`${BERTH_LABEL_PREFIX}/`)) {
      problems.add(
        path,
        key,
        `is reserved: Berth sets ${Object.values(BerthNodeLabel).join(' and ')} on every node; use your own prefix`,
      );
    }
    const valueProblem = labelValueProblem(value);
    if (valueProblem) problems.add(`${path}[${JSON.stringify(key)}]`, value, valueProblem);
  }
}
