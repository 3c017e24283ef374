import { KubernetesVersion } from '../../config';

/** Kernel modules for containerd's overlay snapshotter and flannel's bridge/VXLAN networking. */
export const KERNEL_MODULES: readonly string[] = ['overlay', 'br_netfilter', 'vxlan'];
/**
 * Sysctls: forwarding and bridged traffic through iptables for pod networking, plus the values the
 * kubelet requires when `protectKernelDefaults` is on (it refuses to start otherwise).
 */
export const SYSCTLS: Readonly<Record<string, number>> = {
  'net.ipv4.ip_forward': 1,
  'net.bridge.bridge-nf-call-iptables': 1,
  'net.bridge.bridge-nf-call-ip6tables': 1,
  'vm.overcommit_memory': 1,
  'vm.panic_on_oom': 0,
  'kernel.panic': 10,
  'kernel.panic_on_oops': 1,
  'kernel.keys.root_maxkeys': 1000000,
  'kernel.keys.root_maxbytes': 25000000,
};

/** The pkgs.k8s.io apt repository of a minor (the one-minor channel pins the packages to it). */
export function kubernetesPackageRepository(version: KubernetesVersion): string {
  return `https://pkgs.k8s.io/core:/stable:/${version.aptChannel}/deb/`;
}

/** Directory of a registry's containerd configuration (`config_path` + host). */
export function registryCertsDir(registryHost: string): string {
  return `/etc/containerd/certs.d/${registryHost}`;
}

/**
 * containerd's configuration, version 2 (read by containerd 1.x; containerd 2.x converts it to version 3):
 * runc with systemd cgroups (what the kubelet's `cgroupDriver: systemd` expects), per-registry hosts.toml
 * files under /etc/containerd/certs.d, CNI plugins where the kubernetes-cni package and flannel put them.
 * The bootstrap script replaces the sandbox image with the one matching the installed kubeadm.
 */
export function containerdConfig(): string {
  return `# containerd configuration written by Berth (cloud-init).
version = 2

[plugins."io.containerd.grpc.v1.cri"]
  sandbox_image = "registry.k8s.io/pause:3.10"

[plugins."io.containerd.grpc.v1.cri".containerd]
  default_runtime_name = "runc"

[plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc]
  runtime_type = "io.containerd.runc.v2"

[plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc.options]
  SystemdCgroup = true

[plugins."io.containerd.grpc.v1.cri".cni]
  bin_dir = "/opt/cni/bin"
  conf_dir = "/etc/cni/net.d"

[plugins."io.containerd.grpc.v1.cri".registry]
  config_path = "/etc/containerd/certs.d"
`;
}

/** containerd's hosts.toml for the private registry: HTTPS, verified with the registry CA. */
export function registryHostsToml(registryHost: string): string {
  const url = `https://${registryHost}`;
  return `# Berth's private registry, trusted with the platform CA (written by cloud-init).
server = "${url}"

[host."${url}"]
  capabilities = ["pull", "resolve"]
  ca = "${registryCertsDir(registryHost)}/ca.crt"
`;
}
