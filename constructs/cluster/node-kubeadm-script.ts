import { masterFunctions } from './node-script-masters';
import { AUDIT_LOG_DIR } from './api-server-config';
import { NodeRuntimeValue } from './kubeadm-api';
import { DEPLOYERS_BINDING_FILE, DEPLOYERS_BINDING_NAME } from './cluster-deployers';
import {
  BOOTSTRAP_DONE_MARKER,
  JOIN_TOKENS_FILE,
  KUBEADM_CONFIG,
  KUBEADM_CONFIG_TEMPLATE,
  KUBEADM_REJOIN_TEMPLATE,
  KUBEADM_SCRIPT,
  PREPARE_NODE_SCRIPT,
  nodeScriptHeader,
} from './node-bootstrap-environment';

/** What differs between the kubeadm scripts of the three roles. */
export enum KubeadmAction {
  /** `kubeadm init --upload-certs` with the Terraform-generated CA already in /etc/kubernetes/pki. */
  INIT = 'init',
  /** `kubeadm join` as an additional control-plane node. */
  JOIN_CONTROL_PLANE = 'join-control-plane',
  /** `kubeadm join` as a worker. */
  JOIN_WORKER = 'join-worker',
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
  const common = `${nodeScriptHeader(name, purpose)}
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
