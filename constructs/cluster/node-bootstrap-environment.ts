import { shellQuote } from './shell-quote';

// Shell scripts a Berth node runs at first boot. They are plain bash (checked by shellcheck in the
// tests): every value they need comes from the environment file below, so the scripts themselves hold no
// Terraform reference and no secret. Written naturally here; NodeBootstrap escapes `${` for Terraform.

/** Where cloud-init writes the node's bootstrap parameters (shell `NAME='value'` lines). */
export const BOOTSTRAP_ENV_FILE = '/etc/berth/bootstrap.env';
/** Prepares the OS, containerd and the Kubernetes packages. */
export const PREPARE_NODE_SCRIPT = '/usr/local/sbin/berth-prepare-node';
/** Runs `kubeadm init` or `kubeadm join`. */
export const KUBEADM_SCRIPT = '/usr/local/sbin/berth-kubeadm';
/** The kubeadm configuration as rendered, with `NodeRuntimeValue` placeholders (0600: holds the token). */
export const KUBEADM_CONFIG_TEMPLATE = '/etc/kubernetes/berth/kubeadm-config.template.yaml';
/**
 * The first master's JoinConfiguration for a rebuild: used instead of `kubeadm init` when the API already
 * answers (the other masters kept the cluster running while this server was replaced). 0600.
 */
export const KUBEADM_REJOIN_TEMPLATE = '/etc/kubernetes/berth/kubeadm-rejoin.template.yaml';
/** The node's join tokens, one per line, formation token first (0600). */
export const JOIN_TOKENS_FILE = '/etc/kubernetes/berth/join-tokens';
/** The kubeadm configuration with the node's values substituted (0600). */
export const KUBEADM_CONFIG = '/etc/kubernetes/berth/kubeadm-config.yaml';
/** Written when the node has joined (or initialised) the cluster. */
export const BOOTSTRAP_DONE_MARKER = '/var/lib/berth/bootstrap.done';

/** The parameters the scripts read from `BOOTSTRAP_ENV_FILE`. */
export interface BootstrapEnvironment {
  /** `init-master`, `join-master` or `minion`. */
  readonly BERTH_ROLE: string;
  /** `1.35` */
  readonly BERTH_KUBERNETES_MINOR: string;
  /** The pkgs.k8s.io apt repository of that minor, ending in `/deb/`. */
  readonly BERTH_PACKAGE_REPOSITORY: string;
  /** `host:port` of the API. */
  readonly BERTH_API_ENDPOINT: string;
  /** The cluster CA certificate on this node (to verify the API and pin its key). */
  readonly BERTH_CLUSTER_CA_FILE: string;
  /** Pod network MTU to check the node's link against; empty to skip the check. */
  readonly BERTH_POD_NETWORK_MTU: string;
  /**
   * The masters' fixed addresses, space-separated, the first master first: the durable facts a master
   * decides from (who is a member already, whose turn it is to join). Empty on minions.
   */
  readonly BERTH_MASTER_ADDRESSES: string;
}

/**
 * Every parameter in its file order, and whether it may be empty. The scripts check each is set, so a
 * damaged environment file stops them before they act.
 */
const BOOTSTRAP_VARIABLES: Readonly<Record<keyof BootstrapEnvironment, { readonly mayBeEmpty: boolean }>> = {
  BERTH_ROLE: { mayBeEmpty: false },
  BERTH_KUBERNETES_MINOR: { mayBeEmpty: false },
  BERTH_PACKAGE_REPOSITORY: { mayBeEmpty: false },
  BERTH_API_ENDPOINT: { mayBeEmpty: false },
  BERTH_CLUSTER_CA_FILE: { mayBeEmpty: false },
  BERTH_POD_NETWORK_MTU: { mayBeEmpty: true },
  BERTH_MASTER_ADDRESSES: { mayBeEmpty: true },
};

/** The environment file: a header and one `NAME='value'` line per parameter, in a fixed order. */
export function renderBootstrapEnvironment(env: BootstrapEnvironment): string {
  const names = Object.keys(BOOTSTRAP_VARIABLES) as (keyof BootstrapEnvironment)[];
  const lines = names.map((name) => {
    const value = env[name];
    if (/[\r\n]/.test(value)) throw new Error(`${name} must be a single line`);
    if (value === '' && !BOOTSTRAP_VARIABLES[name].mayBeEmpty) throw new Error(`${name} must not be empty`);
    return `${name}=${shellQuote(value)}`;
  });
  return [
    '# Berth node bootstrap parameters, written by cloud-init and read by the berth-* scripts.',
    ...lines,
    '',
  ].join('\n');
}

/** Shell lines failing early when a parameter is missing from the environment file. */
function requireVariables(): string {
  return (Object.keys(BOOTSTRAP_VARIABLES) as (keyof BootstrapEnvironment)[])
    .map((name) =>
      BOOTSTRAP_VARIABLES[name].mayBeEmpty
        ? `: "\${${name}?is missing from ${BOOTSTRAP_ENV_FILE}}"`
        : `: "\${${name}:?is missing from ${BOOTSTRAP_ENV_FILE}}"`,
    )
    .join('\n');
}

/** The shared start of every script: strict mode, parameters, logging. */
export function nodeScriptHeader(name: string, purpose: string): string {
  return `#!/usr/bin/env bash
# ${name}: ${purpose}
# Written by cloud-init from Berth's NodeBootstrap; safe to run again.
set -euo pipefail

# shellcheck source=/dev/null
. ${BOOTSTRAP_ENV_FILE}
${requireVariables()}

log() { printf '%s: %s\\n' '${name}' "$*"; }

# Runs a network-dependent step up to $1 times, waiting longer after each failure.
retry() {
  local attempts="$1" attempt=1
  shift
  until "$@"; do
    if [ "$attempt" -ge "$attempts" ]; then
      log "failed $attempts times: $*"
      return 1
    fi
    log "failed (attempt $attempt of $attempts), trying again: $*"
    sleep $((attempt * 10))
    attempt=$((attempt + 1))
  done
}
`;
}
