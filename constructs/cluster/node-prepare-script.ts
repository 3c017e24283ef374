import { METADATA_GUARD_UNIT } from './metadata-guard';
import { nodeScriptHeader } from './node-bootstrap-environment';

/**
 * Prepares any node: swap off, kernel modules and sysctls (files written by cloud-init), containerd, and
 * kubelet/kubeadm/kubectl from pkgs.k8s.io pinned to one minor and held. Every step is idempotent.
 */
export function prepareNodeScript(): string {
  return `${nodeScriptHeader('berth-prepare-node', 'swap, kernel, containerd and Kubernetes packages')}
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
