import { Testing } from 'cdktf';
import * as YAML from 'yaml';
import { Cidr } from '../../../../config';
import {
  KUBELET_CSR_APPROVER_CHART,
  KubeletCsrApprover,
  KubeletCsrApproverChartValues,
  kubeletServingNamePattern,
} from '../../../../constructs/addons';

function build(nodeNamePrefix = 'berth-main') {
  const json = JSON.parse(
    Testing.synthScope((scope) => {
      new KubeletCsrApprover(scope, 'kubelet-csr-approver', {
        nodeNamePrefix,
        nodeCidr: Cidr.of('10.0.0.0/24'),
      });
    }),
  );
  const release = Object.values(json.resource.helm_release)[0] as {
    chart: string;
    version: string;
    repository: string;
    namespace: string;
    values: string[];
  };
  return { release, values: YAML.parse(release.values[0]) as KubeletCsrApproverChartValues };
}

describe('KubeletCsrApprover', () => {
  test('installs the pinned chart in kube-system', () => {
    const { release } = build();
    expect([release.repository, release.chart, release.version]).toEqual([
      KUBELET_CSR_APPROVER_CHART.repository,
      'kubelet-csr-approver',
      '1.2.14',
    ]);
    expect(release.namespace).toBe('kube-system');
  });

  test("approves only certificates naming one of the cluster's nodes and node-network addresses", () => {
    const { values } = build();
    expect(values).toMatchObject({
      providerRegex: '^berth-main-[a-z0-9]([-a-z0-9]*[a-z0-9])?$',
      providerIpPrefixes: ['10.0.0.0/24'],
      allowedDnsNames: 1,
      // Node names are not in the cluster DNS; the name and address checks still apply.
      bypassDnsResolution: true,
    });
    expect(values).not.toHaveProperty('bypassHostnameCheck');
    expect(values).not.toHaveProperty('ignoreNonSystemNode');
  });

  test('the name pattern accepts the nodes of this cluster and nothing else', () => {
    const pattern = new RegExp(kubeletServingNamePattern('berth-main'));
    for (const name of ['berth-main-master-1', 'berth-main-default-12', 'berth-main-batch-3']) {
      expect([name, pattern.test(name)]).toEqual([name, true]);
    }
    for (const name of [
      'berth-other-master-1',
      'berth-main-',
      'xberth-main-master-1',
      'berth-main-a.evil.com',
    ]) {
      expect([name, pattern.test(name)]).toEqual([name, false]);
    }
  });

  test('one small replica, with requests and limits', () => {
    const { values } = build();
    expect(values.replicas).toBe(1);
    expect(values.resources).toEqual({
      requests: { cpu: '10m', memory: '16Mi' },
      limits: { cpu: '100m', memory: '64Mi' },
    });
  });

  test('refuses a prefix that is not a DNS label (it goes into a regular expression)', () => {
    expect(() => build('berth.main')).toThrow('not a DNS label');
  });
});
