import { registryCertsDir } from '../../../constructs/cluster/node-host-config';
import { ROLES, render, sampleProps } from '../../support/node-bootstrap-samples';

describe.each(ROLES)('the host configuration of a %s', (role) => {
  const rendered = render(sampleProps(role));

  test('containerd uses systemd cgroups and trusts the platform CA only for the private registry', () => {
    const config = rendered.file('/etc/containerd/config.toml');
    expect(config).toMatch(/^version = 2$/m);
    expect(config).toContain('.containerd.runtimes.runc.options]\n  SystemdCgroup = true');
    expect(config).toContain('config_path = "/etc/containerd/certs.d"');
    const dir = registryCertsDir('registry.apps.main.berth.example.com');
    const hosts = rendered.file(`${dir}/hosts.toml`);
    expect(hosts).toContain('server = "https://registry.apps.main.berth.example.com"');
    const caPath = /ca = "([^"]+)"/.exec(hosts)![1];
    expect(rendered.file(caPath)).toBe(sampleProps(role).registryCaPem);
    // Not in the system trust store: a certificate the platform CA signs for any other name (apt's
    // package repository, the OpenStack APIs) is not trusted by the node.
    const holdingPlatformCa = rendered.files
      .map((f) => f.path)
      .filter((p) => rendered.file(p) === sampleProps(role).registryCaPem);
    expect(holdingPlatformCa).toEqual([caPath]);
    expect(rendered.files.filter((f) => f.path.startsWith('/usr/local/share/ca-certificates/'))).toEqual([]);
  });

  test('loads the kernel modules and sysctls pod networking needs, and installs no CNI', () => {
    expect(rendered.file('/etc/modules-load.d/berth-kubernetes.conf').split('\n')).toEqual(
      expect.arrayContaining(['overlay', 'br_netfilter', 'vxlan']),
    );
    const sysctl = rendered.file('/etc/sysctl.d/90-berth-kubernetes.conf');
    expect(sysctl).toContain('net.ipv4.ip_forward = 1\n');
    expect(sysctl).toContain('net.bridge.bridge-nf-call-iptables = 1\n');
    expect(rendered.files.filter((f) => f.path.startsWith('/etc/cni/'))).toEqual([]);
    expect(rendered.text).not.toMatch(/flannel/i);
  });

  test('sets the sysctls the kubelet demands with protectKernelDefaults', () => {
    const sysctl = rendered.file('/etc/sysctl.d/90-berth-kubernetes.conf');
    for (const line of [
      'vm.overcommit_memory = 1',
      'vm.panic_on_oom = 0',
      'kernel.panic = 10',
      'kernel.panic_on_oops = 1',
      'kernel.keys.root_maxkeys = 1000000',
      'kernel.keys.root_maxbytes = 25000000',
    ]) {
      expect(sysctl).toContain(`${line}\n`);
    }
  });
});
