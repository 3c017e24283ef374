import { Testing } from 'cdktf';
import * as YAML from 'yaml';
import { Cidr } from '../../../../config';
import {
  FLANNEL_CHART,
  FLANNEL_VXLAN_PORT,
  Flannel,
  FlannelChartValues,
  DEFAULT_FLANNEL_RESOURCES,
} from '../../../../constructs/addons';
import { CLUSTER_PORTS } from '../../../../constructs/cluster/cluster-ports';

function build(networkPolicies: boolean) {
  let flannel: Flannel | undefined;
  const json = JSON.parse(
    Testing.synthScope((scope) => {
      flannel = new Flannel(scope, 'flannel', {
        podCidr: Cidr.of('10.244.0.0/16'),
        networkPolicies,
        resources: DEFAULT_FLANNEL_RESOURCES,
      });
    }),
  );
  const release = Object.values(json.resource.helm_release)[0] as { values: string[]; namespace: string };
  return { flannel: flannel!, json, release, values: YAML.parse(release.values[0]) as FlannelChartValues };
}

describe('Flannel', () => {
  test('VXLAN on the port the security groups open, over the cluster pod network', () => {
    const { values, release } = build(true);
    // The same number the security groups open between nodes.
    expect(FLANNEL_VXLAN_PORT).toBe(8472);
    expect(FLANNEL_VXLAN_PORT).toBe(CLUSTER_PORTS.flannelVxlan.from);
    expect(CLUSTER_PORTS.flannelVxlan.protocol).toBe('udp');
    expect(values.flannel.backend).toBe('vxlan');
    expect(values.flannel.backendPort).toBe(FLANNEL_VXLAN_PORT);
    expect(values.podCidr).toBe('10.244.0.0/16');
    expect(release.namespace).toBe('kube-flannel');
    expect(FLANNEL_CHART.repository).toBe('https://flannel-io.github.io/flannel/');
  });

  test('runs on every node, tolerating every taint, with requests and limits', () => {
    const { values, flannel } = build(true);
    expect(values.flannel.tolerations.map((t) => t.effect)).toEqual(['NoSchedule', 'NoExecute']);
    expect(values.flannel.resources).toEqual({
      requests: { cpu: '50m', memory: '64Mi' },
      limits: { cpu: '200m', memory: '128Mi' },
    });
    expect(flannel.footprint.workloads[0].placement).toBe('every-node');
  });

  test('enforces NetworkPolicies with kube-network-policies unless turned off', () => {
    const on = build(true);
    expect(on.values.netpol.enabled).toBe(true);
    expect(on.flannel.footprint.workloads[0].containers.map((c) => c.name)).toEqual([
      'kube-flannel',
      'kube-network-policies',
    ]);
    const off = build(false);
    expect(off.values.netpol.enabled).toBe(false);
    expect(off.flannel.footprint.workloads[0].containers).toHaveLength(1);
  });

  test('its namespace allows privileged pods, and says so', () => {
    const { json } = build(true);
    const ns = Object.values(json.resource.kubernetes_namespace_v1)[0] as {
      metadata: { labels: Record<string, string> };
    };
    expect(ns.metadata.labels['pod-security.kubernetes.io/enforce']).toBe('privileged');
  });
});
