import { forEachContainer, isWorkload, objectName, podSpecOf } from '../../../constructs/core/pod-manifest';

describe('pod-manifest', () => {
  test('finds the pod spec where each workload kind keeps it', () => {
    const spec = { containers: [] };
    expect(podSpecOf({ kind: 'Pod', spec })).toEqual({ spec, path: 'spec' });
    expect(podSpecOf({ kind: 'Deployment', spec: { template: { spec } } })).toEqual({
      spec,
      path: 'spec.template.spec',
    });
    expect(podSpecOf({ kind: 'CronJob', spec: { jobTemplate: { spec: { template: { spec } } } } })).toEqual({
      spec,
      path: 'spec.jobTemplate.spec.template.spec',
    });
    // A workload without a pod spec is checked as an empty one; other kinds have none.
    expect(podSpecOf({ kind: 'Job' })).toEqual({ spec: {}, path: 'spec.template.spec' });
    expect(podSpecOf({ kind: 'ConfigMap' })).toBeUndefined();
  });

  test('workloads are the kinds that run pods', () => {
    expect(isWorkload({ kind: 'StatefulSet' })).toBe(true);
    expect(isWorkload({ kind: 'Service' })).toBe(false);
    expect(isWorkload({})).toBe(false);
  });

  test('names an object <Kind>/<name>', () => {
    expect(objectName({ kind: 'Job', metadata: { name: 'j' } })).toBe('Job/j');
  });

  test('visits init, app and ephemeral containers with their paths, skipping non-objects', () => {
    const seen: string[] = [];
    forEachContainer(
      {
        initContainers: [{ name: 'i' }],
        containers: [{ name: 'a' }, 'junk'],
        ephemeralContainers: [{ name: 'e' }],
      },
      'spec',
      (container, at) => seen.push(`${String(container.name)}@${at}`),
    );
    expect(seen).toEqual([
      'i@spec.initContainers[0]',
      'a@spec.containers[0]',
      'e@spec.ephemeralContainers[0]',
    ]);
  });
});
