import { ApiObject, Chart } from 'cdk8s';
import { withFastApiObjectJson } from './api-object-json';

type Json = Record<string, unknown>;

const rendered = new WeakMap<Chart, ReadonlyMap<ApiObject, Json>>();

/**
 * Every API object of a complete chart as JSON, rendered once: cdk8s renders an object anew (resolving
 * and sorting every value) each time its `toJson()` is called, and a chart's objects are read by its
 * quota check, its validation, the Terraform delivery and the YAML output. From the first call on, each
 * object's `toJson()` returns this rendering, so all of them see the same objects for the price of one.
 * Plain data is rendered by `apiObjectJson`, the same JSON as cdk8s's, faster.
 *
 * Call it once the chart is complete (at the end of its constructor): an object added later is rendered
 * then; a change to an object already rendered is not seen. The returned JSON is shared: read it, never
 * change it.
 */
export function renderedObjects(chart: Chart): ReadonlyMap<ApiObject, Json> {
  const objects = chart.node.findAll().filter((c): c is ApiObject => c instanceof ApiObject);
  const known = rendered.get(chart);
  if (known && known.size === objects.length && objects.every((o) => known.has(o))) return known;
  const json = new Map<ApiObject, Json>();
  withFastApiObjectJson(() => {
    for (const object of objects) {
      const value = known?.get(object) ?? (object.toJson() as Json);
      json.set(object, value);
      Object.defineProperty(object, 'toJson', { value: () => value, configurable: true });
    }
  });
  rendered.set(chart, json);
  return json;
}
