import { Testing } from 'cdktf';
import { TimeSpan } from '../../../../config';
import { CoreDns, corefile } from '../../../../constructs/addons';

describe('CoreDns', () => {
  test("without upstream servers it forwards to the node's resolvers (the cloud's, from DHCP)", () => {
    const text = corefile({ upstreamServers: [], stubDomains: {}, cacheTtl: TimeSpan.seconds(30) });
    expect(text).toContain('    forward . /etc/resolv.conf {');
  });

  test('forwards to the upstream servers and caches for the configured time', () => {
    const text = corefile({
      upstreamServers: ['9.9.9.9', '1.1.1.1'],
      stubDomains: {},
      cacheTtl: TimeSpan.seconds(45),
    });
    expect(text).toContain('    forward . 9.9.9.9 1.1.1.1 {');
    expect(text).toContain('    cache 45');
    expect(text).toContain('    kubernetes cluster.local in-addr.arpa ip6.arpa {');
    expect(text).toContain('    reload');
  });

  test('adds one server block per stub domain, sorted', () => {
    const text = corefile({
      upstreamServers: ['9.9.9.9'],
      stubDomains: { 'lab.example.com': ['10.2.0.53'], 'corp.example.com': ['10.1.0.53', '10.1.0.54'] },
      cacheTtl: TimeSpan.seconds(30),
    });
    const corp = text.indexOf('corp.example.com:53 {');
    const lab = text.indexOf('lab.example.com:53 {');
    expect(corp).toBeGreaterThan(0);
    expect(lab).toBeGreaterThan(corp);
    expect(text).toContain(
      'corp.example.com:53 {\n    errors\n    cache 30\n    forward . 10.1.0.53 10.1.0.54\n}',
    );
  });

  test("takes over only the Corefile key of kubeadm's ConfigMap", () => {
    const json = JSON.parse(
      Testing.synthScope((scope) => {
        new CoreDns(scope, 'core-dns', {
          upstreamServers: ['9.9.9.9'],
          stubDomains: {},
          cacheTtl: TimeSpan.seconds(30),
        });
      }),
    );
    const data = Object.values(json.resource.kubernetes_config_map_v1_data)[0] as Record<string, unknown>;
    expect(data).toEqual(
      expect.objectContaining({
        metadata: { name: 'coredns', namespace: 'kube-system' },
        force: true,
        field_manager: 'berth',
        data: { Corefile: expect.stringContaining('forward . 9.9.9.9') },
      }),
    );
  });

  test("declares kubeadm's CoreDNS resources in its footprint", () => {
    let dns: CoreDns | undefined;
    Testing.synthScope((scope) => {
      dns = new CoreDns(scope, 'core-dns', {
        upstreamServers: ['9.9.9.9'],
        stubDomains: {},
        cacheTtl: TimeSpan.seconds(30),
      });
    });
    const [workload] = dns!.footprint.workloads;
    expect(workload.replicas).toBe(2);
    expect(workload.containers[0].fixedBy).toContain('kubeadm');
    expect(workload.containers[0].requests.memory.toString()).toBe('70Mi');
  });
});
