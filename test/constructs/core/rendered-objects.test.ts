import { ApiObject, Chart, Testing } from 'cdk8s';
import { k8s } from 'cdk8s-plus-33';
import { renderedObjects } from '../../../constructs/core/rendered-objects';

/** A chart whose objects count how often cdk8s renders them. */
function countingChart(): { chart: Chart; renders: Map<string, number> } {
  const chart = new Chart(Testing.app(), 'dev', { disableResourceNameHashes: true });
  const renders = new Map<string, number>();
  const add = (id: string) => {
    const object = new k8s.KubeConfigMap(chart, id, { metadata: { name: id }, data: { key: id } });
    const render = object.toJson.bind(object);
    object.toJson = () => {
      renders.set(id, (renders.get(id) ?? 0) + 1);
      return render();
    };
  };
  add('a');
  add('b');
  return { chart, renders };
}

describe('renderedObjects', () => {
  test('renders each object once; cdk8s and every later reader get that rendering', () => {
    const { chart, renders } = countingChart();
    const first = renderedObjects(chart);
    expect([...first.values()].map((o) => (o.metadata as { name: string }).name)).toEqual(['a', 'b']);
    expect(renderedObjects(chart)).toBe(first);
    const synthesized = Testing.synth(chart);
    expect(synthesized).toEqual([...first.values()]);
    const a = [...first.keys()][0];
    expect(a.toJson()).toBe(first.get(a));
    expect([...renders.values()]).toEqual([1, 1]);
  });

  test('an object added later is rendered then, the others are not rendered again', () => {
    const { chart, renders } = countingChart();
    renderedObjects(chart);
    new k8s.KubeConfigMap(chart, 'c', { metadata: { name: 'c' } });
    const again = renderedObjects(chart);
    expect([...again.keys()].map((o: ApiObject) => o.name)).toEqual(['a', 'b', 'c']);
    expect([...renders.values()]).toEqual([1, 1]);
  });
});
