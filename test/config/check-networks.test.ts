import { cluster, onlyProblem, problemsOf } from '../support/platform-problems';

describe('checkNetworks and checkAdminNetworks', () => {
  test("the admin networks may not contain the cluster's own: nodes and pods would be administrators", () => {
    const problems = problemsOf({
      cloud: { adminCidrs: ['10.0.0.0/8', '172.16.0.0/12', '198.51.100.0/24'] },
      clusters: [{ name: 'main' }, { name: 'edge', nodeCidr: '172.16.5.0/24' }],
    });
    expect(problems.map((p) => [p.path, p.value])).toEqual([
      ['cloud.adminCidrs[0]', '10.0.0.0/8'],
      ['cloud.adminCidrs[1]', '172.16.0.0/12'],
    ]);
    expect(problems[0].message).toContain(
      'overlaps clusters[0].nodeCidr (10.0.0.0/24), clusters[0].podCidr (10.244.0.0/16), clusters[0].serviceCidr (10.96.0.0/12), clusters[1].podCidr (10.244.0.0/16), clusters[1].serviceCidr (10.96.0.0/12)',
    );
    expect(problems[1].message).toContain('overlaps clusters[1].nodeCidr (172.16.5.0/24)');
    expect(problems[0].message).toContain('every node and pod of the cluster would be admitted');
  });

  test.each([
    [
      'podCidr',
      { podCidr: '10.96.0.0/16' },
      'clusters[0].serviceCidr',
      'must not overlap clusters[0].podCidr',
    ],
    [
      'nodeCidr',
      { nodeCidr: '10.244.0.0/24' },
      'clusters[0].podCidr',
      'must not overlap clusters[0].nodeCidr',
    ],
    [
      'serviceCidr',
      { serviceCidr: '10.0.0.0/12' },
      'clusters[0].serviceCidr',
      'must not overlap clusters[0].nodeCidr',
    ],
  ])('rejects overlapping networks (%s)', (_name, fields, path, message) => {
    const problem = onlyProblem(cluster(fields));
    expect(problem.path).toBe(path);
    expect(problem.message).toContain(message);
  });

  test('rejects a node network too small for the nodes', () => {
    const problem = onlyProblem(cluster({ nodeCidr: '10.0.0.0/29', minionPools: [{ name: 'a', count: 5 }] }));
    expect(problem.path).toBe('clusters[0].nodeCidr');
    expect(problem.message).toContain('has room for 0 nodes but the cluster has 6');
  });

  test('rejects a pod network smaller than a /24 per node', () => {
    expect(onlyProblem(cluster({ podCidr: '10.244.0.0/25' })).message).toContain('one /24 per node');
  });

  test('rejects a service network kube-apiserver would refuse', () => {
    expect(onlyProblem(cluster({ serviceCidr: '10.64.0.0/10' })).message).toContain('prefix from /12 to /24');
  });
});
