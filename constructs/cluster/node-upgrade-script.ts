// The in-place Kubernetes upgrade of one node, the steps of kubeadm's "Upgrading kubeadm clusters":
// switch the pkgs.k8s.io channel, upgrade kubeadm, `kubeadm upgrade apply` (first master) or
// `kubeadm upgrade node` (others), drain, upgrade kubelet and kubectl, restart the kubelet, uncordon.
// Plain bash, checked by shellcheck and run in the tests with stand-in commands that record the order.

/** What the node does in the upgrade. */
export enum NodeUpgradeRole {
  /** `kubeadm upgrade apply`: upgrades the cluster's control plane configuration and this master. */
  FIRST_MASTER = 'first-master',
  /** `kubeadm upgrade node` on another master: its static pods and kubelet configuration. */
  MASTER = 'master',
  /** `kubeadm upgrade node` on a minion: its kubelet configuration. */
  MINION = 'minion',
}

/** Label of the upgrade pods; drain leaves them running on the node they upgrade. */
export const NODE_UPGRADE_POD_LABEL = { key: 'berth.dev/node-upgrade', value: 'true' } as const;

/**
 * `berth-upgrade-node <role> <minor> <node>`: idempotent (a node already at the minor only gets its
 * packages held and is uncordoned); refuses to skip a minor or to go back, as kubeadm's version skew
 * policy requires. Drains with the eviction API, so PodDisruptionBudgets hold; `KUBECTL_ARGS` carries the
 * credentials the drain uses (the upgrade pod's service account).
 */
export function nodeUpgradeScript(): string {
  return `#!/usr/bin/env bash
# berth-upgrade-node: in-place upgrade of this node to a Kubernetes minor (kubeadm, pkgs.k8s.io).
# Written by Berth's KubernetesUpgrade; safe to run again.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive

log() { printf 'berth-upgrade-node: %s\\n' "$*" >&2; }
die() { log "$*"; exit 1; }
[ $# -eq 3 ] || die "usage: berth-upgrade-node first-master|master|minion <minor, e.g. 1.36> <node name>"
role="$1" target="$2" node="$3"
case "$role" in first-master | master | minion) ;; *) die "unknown role $role" ;; esac
[[ "$target" =~ ^1\\.[0-9]+$ ]] || die "the minor must look like 1.36, got '$target'"

sources=\${BERTH_APT_SOURCES:-/etc/apt/sources.list.d/kubernetes.list}
# shellcheck disable=SC2206 # the credentials are words on purpose
kubectl_args=(\${KUBECTL_ARGS:-})
apt_get() {
  apt-get -q -o DPkg::Lock::Timeout=600 \\
    -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold "$@"
}
minor_of() { sed -E 's/^v?1\\.([0-9]+)\\..*$/\\1/'; }

current="$(kubelet --version | awk '{ print $2 }')"
current_minor="$(printf '%s' "$current" | minor_of)"
target_minor="\${target#1.}"
if [ "$target_minor" -lt "$current_minor" ]; then
  die "$node runs $current: Kubernetes cannot be downgraded to $target; set kubernetesVersion back to 1.$current_minor"
fi
if [ "$target_minor" -gt $((current_minor + 1)) ]; then
  die "$node runs $current: upgrade one minor at a time (1.$((current_minor + 1)) first), as kubeadm's version skew policy requires"
fi

if [ "$target_minor" -eq "$current_minor" ]; then
  log "$node already runs $current"
  kubectl "\${kubectl_args[@]}" uncordon "$node" >/dev/null
  exit 0
fi

log "$node: $current -> $target: switching the package channel to v$target"
sed -i -E "s#/core:/stable:/v1\\.[0-9]+/deb/#/core:/stable:/v$target/deb/#" "$sources"
apt_get update
version="$(apt-cache madison kubeadm | awk '{ print $3 }' | grep -E "^$target\\." | sort -V | tail -n 1)"
[ -n "$version" ] || die "no kubeadm $target package in $sources"
release="v\${version%%-*}"

log "upgrading kubeadm to $version"
apt-mark unhold kubeadm >/dev/null
apt_get install -y "kubeadm=$version"
apt-mark hold kubeadm >/dev/null

case "$role" in
  first-master)
    log "kubeadm upgrade apply $release (control plane of the cluster, then this master)"
    kubeadm upgrade plan "$release"
    kubeadm upgrade apply -y "$release"
    ;;
  *)
    log "kubeadm upgrade node"
    kubeadm upgrade node
    ;;
esac

log "draining $node (evictions honour PodDisruptionBudgets)"
kubectl "\${kubectl_args[@]}" drain "$node" --ignore-daemonsets --delete-emptydir-data \\
  --pod-selector='${NODE_UPGRADE_POD_LABEL.key}!=${NODE_UPGRADE_POD_LABEL.value}' --timeout=20m

log "upgrading kubelet and kubectl to $version"
apt-mark unhold kubelet kubectl >/dev/null
apt_get install -y "kubelet=$version" "kubectl=$version"
apt-mark hold kubelet kubectl >/dev/null
systemctl daemon-reload
systemctl restart kubelet

log "uncordoning $node"
kubectl "\${kubectl_args[@]}" uncordon "$node" >/dev/null
log "$node runs $release"
`;
}
