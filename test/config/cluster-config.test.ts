import { cluster, onlyProblem, problemsOf } from '../support/platform-problems';

describe('clusterSchemaWith', () => {
  test('rejects an even master count with a clear message', () => {
    const problem = onlyProblem(cluster({ masters: { count: 4 } }));
    expect(problem).toEqual({
      path: 'clusters[0].masters.count',
      value: 4,
      message: expect.stringContaining('must be 1, 3 or 5: etcd needs an odd number of members'),
    });
  });

  test('rejects master counts outside 1-5', () => {
    expect(onlyProblem(cluster({ masters: { count: 7 } })).message).toContain('must be 1, 3 or 5');
    expect(onlyProblem(cluster({ masters: { count: 0 } })).path).toBe('clusters[0].masters.count');
    expect(onlyProblem(cluster({ masters: { count: '3' } })).value).toBe('3');
  });

  test('rejects pool sizes outside 0-100', () => {
    expect(onlyProblem(cluster({ minionPools: [{ name: 'a', count: 101 }] })).message).toBe(
      'must be a whole number from 0 to 100',
    );
    expect(onlyProblem(cluster({ minionPools: [{ name: 'a', count: 1.5 }] })).path).toBe(
      'clusters[0].minionPools[0].count',
    );
  });

  test.each(['1.20', '1.35.2', 'latest', 135])('rejects Kubernetes version %p', (version) => {
    const problem = onlyProblem(cluster({ kubernetesVersion: version }));
    expect(problem.path).toBe('clusters[0].kubernetesVersion');
    expect(problem.message).toMatch(/supported Kubernetes minor: one of "1\.\d+"/);
  });

  test('rejects malformed taints and reserved label keys', () => {
    const problems = problemsOf(
      cluster({
        minionPools: [{ name: 'a', taints: ['gpu=yes'], labels: { 'kubernetes.io/role': 'x', ok: '1' } }],
      }),
    );
    expect(problems.map((p) => p.path)).toEqual([
      'clusters[0].minionPools[0].taints[0]',
      'clusters[0].minionPools[0].labels',
    ]);
  });

  test('rejects node labels the kubelet would refuse, with the pool path, at config time', () => {
    const problems = problemsOf(
      cluster({
        minionPools: [
          { name: 'a', labels: { ok: '1' } },
          { name: 'b', labels: { 'topology.k8s.io/rack': 'r1', 'app.kubernetes.io/name': 'x' } },
        ],
      }),
    );
    expect(problems.map((p) => [p.path, p.value])).toEqual([
      ['clusters[0].minionPools[1].labels', 'topology.k8s.io/rack'],
      ['clusters[0].minionPools[1].labels', 'app.kubernetes.io/name'],
    ]);
    expect(problems[0].message).toContain('the kubelet refuses labels under kubernetes.io or k8s.io');
  });

  test('rejects non-string label values', () => {
    expect(onlyProblem(cluster({ minionPools: [{ name: 'a', labels: { tier: 1 } }] })).message).toContain(
      'quote numbers',
    );
  });
});
