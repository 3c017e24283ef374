import { masterFunctions } from './node-script-masters';
import { AUDIT_LOG_DIR } from './api-server-config';
import { NodeRuntimeValue } from './kubeadm-api';
import { DEPLOYERS_BINDING_FILE, DEPLOYERS_BINDING_NAME } from './cluster-deployers';
import { METADATA_GUARD_UNIT } from './metadata-guard';

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

/** Quotes a value for a POSIX shell: single quotes, with embedded single quotes spliced in. */
export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

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

/** What differs between the kubeadm scripts of the three roles. */
export enum KubeadmAction {
  /** `kubeadm init --upload-certs` with the Terraform-generated CA already in /etc/kubernetes/pki. */
  INIT = 'init',
  /** `kubeadm join` as an additional control-plane node. */
  JOIN_CONTROL_PLANE = 'join-control-plane',
  /** `kubeadm join` as a worker. */
  JOIN_WORKER = 'join-worker',
}

/** The shared start of every script: strict mode, parameters, logging. */
function scriptHeader(name: string, purpose: string): string {
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

/**
 * Prepares any node: swap off, kernel modules and sysctls (files written by cloud-init), containerd, and
 * kubelet/kubeadm/kubectl from pkgs.k8s.io pinned to one minor and held. Every step is idempotent.
 */
export function prepareNodeScript(): string {
  return `${scriptHeader('berth-prepare-node', 'swap, kernel, containerd and Kubernetes packages')}
export DEBIAN_FRONTEND=noninteractive
apt_get() {
  apt-get -q -o DPkg::Lock::Timeout=600 \\
    -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold "$@"
}

log "turning swap off, now and at every boot"
swapoff -a
sed -i -E '/^[^#].*[[:space:]]swap[[:space:]]/s/^/# disabled by berth: /' /etc/fstab
systemctl mask swap.target >/dev/null

log "loading kernel modules and applying sysctls"
systemctl restart systemd-modules-load.service
sysctl --system >/dev/null

log "installing nftables and containerd"
retry 5 apt_get update
retry 5 apt_get install -y ca-certificates curl gpg openssl nftables containerd
update-ca-certificates >/dev/null

log "blocking pods' access to the cloud metadata service (now and at every boot, before any pod)"
systemctl daemon-reload
systemctl enable --now ${METADATA_GUARD_UNIT}

log "adding the Kubernetes $BERTH_KUBERNETES_MINOR package repository $BERTH_PACKAGE_REPOSITORY"
keyring=/etc/apt/keyrings/kubernetes-apt-keyring.gpg
install -d -m 0755 /etc/apt/keyrings
if [ ! -s "$keyring" ]; then
  curl -fsSL --retry 5 "\${BERTH_PACKAGE_REPOSITORY}Release.key" | gpg --dearmor --batch --yes -o "$keyring"
  chmod 0644 "$keyring"
fi
printf 'deb [signed-by=%s] %s /\\n' "$keyring" "$BERTH_PACKAGE_REPOSITORY" >/etc/apt/sources.list.d/kubernetes.list

log "installing kubelet, kubeadm and kubectl $BERTH_KUBERNETES_MINOR and holding them"
retry 5 apt_get update
retry 5 apt_get install -y kubelet kubeadm kubectl kubernetes-cni
apt-mark hold kubelet kubeadm kubectl >/dev/null

log "configuring containerd with the pause image of this kubeadm"
kubeadm_version="$(kubeadm version -o short)"
pause_image="$(kubeadm config images list --kubernetes-version "$kubeadm_version" | grep '/pause:')"
sed -i -E "s|^([[:space:]]*sandbox_image = ).*|\\1\\"$pause_image\\"|" /etc/containerd/config.toml
systemctl enable containerd >/dev/null 2>&1
systemctl restart containerd
systemctl enable kubelet >/dev/null 2>&1

if [ -n "$BERTH_POD_NETWORK_MTU" ]; then
  link="$(ip -o route show default | awk '{ print $5; exit }')"
  link_mtu="$(cat "/sys/class/net/$link/mtu")"
  if [ $((BERTH_POD_NETWORK_MTU + 50)) -gt "$link_mtu" ]; then
    log "WARNING: pod MTU $BERTH_POD_NETWORK_MTU plus 50 bytes of VXLAN exceeds the MTU $link_mtu of $link"
  fi
fi

log "node prepared"
`;
}

/** Where the first master finds what it needs to rejoin instead of initialising. */
export interface RejoinFiles {
  /** The cluster CA certificate outside /etc/kubernetes/pki (kubeadm join refuses an existing pki/ca.crt). */
  readonly caCertificate: string;
  /** The CA files `kubeadm init` uses, removed before a rejoin (join fetches the uploaded ones). */
  readonly initCaFiles: readonly string[];
}

/**
 * Initialises or joins the cluster, unattended. Does nothing on a node that already belongs to it
 * (/etc/kubernetes/admin.conf on the first master, /etc/kubernetes/kubelet.conf elsewhere).
 *
 * The first master initialises only when no API answers at the endpoint: a replaced first master of a
 * running HA cluster joins the other masters instead of starting a second cluster (`rejoin` says how).
 */
export function kubeadmScript(action: KubeadmAction, rejoin?: RejoinFiles): string {
  const name = 'berth-kubeadm';
  const purpose = {
    [KubeadmAction.INIT]: 'kubeadm init of the first master',
    [KubeadmAction.JOIN_CONTROL_PLANE]: 'kubeadm join of an additional master',
    [KubeadmAction.JOIN_WORKER]: 'kubeadm join of a minion',
  }[action];
  const joinedFile =
    action === KubeadmAction.INIT ? '/etc/kubernetes/admin.conf' : '/etc/kubernetes/kubelet.conf';
  const common = `${scriptHeader(name, purpose)}
readonly template=${KUBEADM_CONFIG_TEMPLATE}
readonly config=${KUBEADM_CONFIG}
readonly join_tokens=${JOIN_TOKENS_FILE}
readonly marker=${BOOTSTRAP_DONE_MARKER}
# Upper bound in seconds of every wait below (an hour; BERTH_WAIT_LIMIT shortens it, e.g. for tests).
readonly wait_limit="\${BERTH_WAIT_LIMIT:-3600}"

if [ -f ${joinedFile} ]; then
  log "${joinedFile} exists: this node is already part of the cluster; nothing to do"
  exit 0
fi

# kubeadm pins the API server's CA by the SHA-256 of its public key (DER SubjectPublicKeyInfo).
ca_public_key_sha256() {
  openssl x509 -in "$BERTH_CLUSTER_CA_FILE" -noout -pubkey \\
    | openssl pkey -pubin -outform DER \\
    | sha256sum | cut -d ' ' -f 1
}

# Substitutes the values only this node knows into a kubeadm configuration template (kept 0600: it holds tokens).
render_config() {
  local source="$1" version hash
  version="$(kubeadm version -o short)"
  hash="$(ca_public_key_sha256)"
  (
    umask 077
    sed -e "s|${NodeRuntimeValue.KUBERNETES_VERSION}|$version|g" \\
      -e "s|${NodeRuntimeValue.CA_PUBLIC_KEY_SHA256}|$hash|g" \\
      -e "s|${NodeRuntimeValue.JOIN_TOKEN}|$join_token|g" "$source" >"$config"
  )
}

# The join token in use, substituted into JoinConfigurations (none when the first master initialises).
join_token=''

# Sets join_token to the first of this node's tokens the cluster honours now. The cluster-info ConfigMap
# (readable without credentials) carries a signature "jws-kubeconfig-<token id>" for each valid token: the
# formation token during the first deploy, the growth token for a while after each platform deploy.
choose_join_token() {
  local info token
  info="$(curl -fsS --max-time 10 --cacert "$BERTH_CLUSTER_CA_FILE" \
    "https://$BERTH_API_ENDPOINT/api/v1/namespaces/kube-public/configmaps/cluster-info")" || return 1
  while read -r token; do
    case "$info" in
    *"jws-kubeconfig-\${token%%.*}"*)
      join_token="$token"
      return 0
      ;;
    esac
  done <"$join_tokens"
  return 1
}

# Waits (up to two hours) until the cluster honours one of this node's tokens: a node added to a running
# cluster waits for the platform stack's deploy, which re-arms the growth token.
wait_for_join_token() {
  local deadline=$((SECONDS + 7200))
  until choose_join_token; do
    if [ "$SECONDS" -ge "$deadline" ]; then
      log "none of this node's join tokens is valid: deploy the platform stack, which re-arms the growth token"
      return 1
    fi
    log "waiting for a valid join token (deploy the platform stack to re-arm the growth token)"
    sleep 15
  done
  log "joining with token \${join_token%%.*}"
}

# True when the API server answers at the endpoint with a certificate of the cluster CA.
# /readyz is one of the few paths open to anonymous requests.
api_answers() {
  curl -fsS --max-time 10 --cacert "$BERTH_CLUSTER_CA_FILE" "https://$BERTH_API_ENDPOINT/readyz" >/dev/null 2>&1
}

${masterFunctions()}
# A join can fail while the first master is still finishing (e.g. before its certificates are uploaded):
# undo the partial join and try again, a few times.
join_with_retries() {
  local attempt
  for attempt in 1 2 3 4 5 6; do
    if kubeadm join --config "$config"; then
      finish
      return 0
    fi
    log "kubeadm join failed (attempt $attempt); resetting this node before the next attempt"
    kubeadm reset --force
    sleep $((attempt * 30))
  done
  log "could not join the cluster; see the kubeadm output above"
  return 1
}

# The marker says the node is part of a healthy cluster: written only once it is. Then the join secrets
# are of no further use on it: remove the tokens and the kubeadm configurations holding the certificate
# key. (The CA key, needed by the controller manager, and the encryption configuration, needed by the API
# server, stay.)
finish() {
  wait_until_healthy
  rm -f "$config" "$template" "$join_tokens" ${KUBEADM_REJOIN_TEMPLATE}
  install -d -m 0755 "$(dirname "$marker")"
  date -u +%Y-%m-%dT%H:%M:%SZ >"$marker"
  log "done"
}
`;
  if (action === KubeadmAction.INIT) {
    if (!rejoin) throw new Error('internal: the first master needs its rejoin files');
    return `${common}
install -d -m 0700 ${AUDIT_LOG_DIR}

# Once, on a new cluster only (a rebuilt first master must not undo a revocation): Terraform's deployer
# certificates are cluster-admin through this ClusterRoleBinding; deleting it revokes them all.
bind_deployers() {
  local attempt
  for attempt in 1 2 3 4 5 6; do
    if kubectl --kubeconfig /etc/kubernetes/admin.conf apply -f ${DEPLOYERS_BINDING_FILE}; then
      log "bound the deployers' group to cluster-admin (ClusterRoleBinding ${DEPLOYERS_BINDING_NAME})"
      return 0
    fi
    sleep $((attempt * 5))
  done
  log "could not create the ClusterRoleBinding ${DEPLOYERS_BINDING_NAME}"
  return 1
}

# A rebuilt first master must not start a second cluster: it decides from the other masters' own state
# (decide_first_master), never from a probe of the load balancer.
decision="$(decide_first_master)"
if [ "$decision" = join ]; then
  rm -f ${rejoin.initCaFiles.join(' ')}
  BERTH_CLUSTER_CA_FILE=${rejoin.caCertificate}
  wait_for_join_token
  render_config ${KUBEADM_REJOIN_TEMPLATE}
  join_with_retries
  exit $?
fi

log "initialising the control plane with the cluster CA from Terraform"
render_config "$template"
retry 5 kubeadm config images pull --config "$config"
if ! kubeadm init --config "$config" --upload-certs; then
  log "kubeadm init failed; resetting this node and trying once more"
  kubeadm reset --force
  kubeadm init --config "$config" --upload-certs
fi
bind_deployers
finish
`;
  }
  const auditLogDir =
    action === KubeadmAction.JOIN_CONTROL_PLANE ? `install -d -m 0700 ${AUDIT_LOG_DIR}\n` : '';
  return `${common}
${auditLogDir}# The API may still be coming up on the first master: wait (up to an hour) for it to answer, verifying its
# certificate with the cluster CA.
wait_for_api() {
  local deadline=$((SECONDS + wait_limit))
  log "waiting for the API server at $BERTH_API_ENDPOINT"
  until api_answers; do
    if [ "$SECONDS" -ge "$deadline" ]; then
      log "the API server at $BERTH_API_ENDPOINT did not become ready within $wait_limit s"
      return 1
    fi
    sleep 10
  done
}

wait_for_api
${action === KubeadmAction.JOIN_CONTROL_PLANE ? 'wait_for_earlier_masters\n' : ''}wait_for_join_token
render_config "$template"
join_with_retries
`;
}

/** The `runcmd` line: prepare, then init/join, stopping at the first failure. */
export function bootstrapCommand(): string {
  return `${PREPARE_NODE_SCRIPT} && ${KUBEADM_SCRIPT}`;
}
