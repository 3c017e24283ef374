import {
  BerthNodeLabel,
  KUBELET_WELL_KNOWN_LABELS,
  Problems,
  checkNodeLabels,
  taintKeyProblem,
  kubeletLabelKeyProblem,
  labelValueProblem,
} from '../../config';
import { cpuMillisOf } from '../support/cpu-time';

describe('kubeletLabelKeyProblem: the kubelet --node-labels rule', () => {
  test.each([
    'tier',
    'example.com/rack',
    'rack.example.com/row',
    'node.kubernetes.io/pool',
    'team.node.kubernetes.io/owner',
    'kubelet.kubernetes.io/x',
    'topology.kubernetes.io/zone',
    'kubernetes.io/os',
    'k8s.example.com/x',
    'notkubernetes.io/x',
  ])('accepts %p', (key) => {
    expect(kubeletLabelKeyProblem(key)).toBeUndefined();
  });

  test.each([
    'topology.k8s.io/rack',
    'k8s.io/x',
    'kubernetes.io/role',
    'node-role.kubernetes.io/worker',
    'topology.kubernetes.io/rack',
    'node-restriction.kubernetes.io/x',
    'app.kubernetes.io/name',
  ])('refuses %p, as the kubelet would', (key) => {
    expect(kubeletLabelKeyProblem(key)).toContain('the kubelet refuses labels under kubernetes.io or k8s.io');
  });

  test('every well-known label of the kubelet is accepted', () => {
    for (const key of KUBELET_WELL_KNOWN_LABELS) expect(kubeletLabelKeyProblem(key)).toBeUndefined();
  });

  test.each(['', 'a/b/c', 'Example.com/x', '-tier', 'tier-', `${'x'.repeat(64)}`, 'a..b/x', '/x', 'a/'])(
    'refuses the malformed key %p',
    (key) => {
      expect(kubeletLabelKeyProblem(key)).toContain('must be a label key');
    },
  );

  test('a long hostile key is answered quickly', () => {
    expect(cpuMillisOf(() => kubeletLabelKeyProblem(`${'a.'.repeat(50_000)}!/x`))).toBeLessThan(200);
  });
});

describe('labelValueProblem', () => {
  test.each(['', 'a', 'rack-1', 'A_b.c'])('accepts %p', (value) => {
    expect(labelValueProblem(value)).toBeUndefined();
  });
  test.each(['not valid', '-a', 'a-', 'x'.repeat(64)])('refuses %p', (value) => {
    expect(labelValueProblem(value)).toContain('must be a label value');
  });
});

describe('checkNodeLabels', () => {
  const check = (labels: Record<string, string>) => {
    const problems = new Problems();
    checkNodeLabels(problems, 'clusters[0].minionPools[1].labels', labels);
    return problems.all;
  };

  test('reports each problem with the config path, the key and the fix', () => {
    expect(check({ 'topology.k8s.io/rack': 'r1', 'example.com/rack': 'bad value', ok: 'yes' })).toEqual([
      {
        path: 'clusters[0].minionPools[1].labels',
        value: 'topology.k8s.io/rack',
        message: expect.stringContaining('use your own prefix, e.g. "example.com/rack"'),
      },
      {
        path: 'clusters[0].minionPools[1].labels["example.com/rack"]',
        value: 'bad value',
        message: expect.stringContaining('must be a label value'),
      },
    ]);
  });

  test("refuses Berth's own labels, which would override the cluster and pool Berth sets", () => {
    for (const key of Object.values(BerthNodeLabel)) {
      expect(check({ [key]: 'x' })).toEqual([
        expect.objectContaining({ value: key, message: expect.stringContaining('is reserved') }),
      ]);
    }
  });
});

describe('taintKeyProblem', () => {
  test('a taint key is a label key of any prefix (kubernetes.io too)', () => {
    expect(taintKeyProblem('gpu')).toBeUndefined();
    expect(taintKeyProblem('node-role.kubernetes.io/infra')).toBeUndefined();
    expect(taintKeyProblem('Example.com/gpu')).toContain('must be a label key');
    expect(taintKeyProblem('a/b/c')).toContain('must be a label key');
  });
});
