import {
  ApiObject,
  App,
  ImplicitTokenResolver,
  JsonPatch,
  Lazy,
  LazyResolver,
  NumberStringUnionResolver,
} from 'cdk8s';

type Json = Record<string, unknown>;

/** cdk8s's own `ApiObject.prototype.toJson`, which the fast one stands in for and falls back to. */
const LIBRARY_TO_JSON = ApiObject.prototype.toJson;

/** A value the fast path leaves to cdk8s. */
class Unusual extends Error {}

/** The keys cdk8s writes first, in this order. */
const FIRST_KEYS = ['apiVersion', 'kind', 'metadata'];

/** Whether `app` resolves with cdk8s's default resolvers only (no resolver of its own). */
function defaultResolvers(app: App): boolean {
  const [lazy, implicit, union, ...more] = app.resolvers;
  return (
    more.length === 0 &&
    lazy?.constructor === LazyResolver &&
    implicit?.constructor === ImplicitTokenResolver &&
    union?.constructor === NumberStringUnionResolver
  );
}

/**
 * What cdk8s's resolve and sanitizeValue (keys sorted, `null` and `undefined` left out) make of plain
 * data, in one walk: cdk8s resolves every value with a resolution context of its own and looks up the
 * App for each. A number-or-string union (a `Quantity`, an `IntOrString`) becomes `{ value }` as cdk8s's
 * resolver makes it; anything else that is not plain data (a `Lazy`, a token, another class instance, a
 * function) is left to cdk8s.
 */
function resolvedCopy(value: unknown): unknown {
  if (value === null || value === undefined) return undefined;
  if (typeof value !== 'object') {
    if (typeof value === 'function' || typeof value === 'symbol' || typeof value === 'bigint') {
      throw new Unusual();
    }
    return value;
  }
  if (value instanceof Lazy || typeof (value as { resolve?: unknown }).resolve === 'function') {
    throw new Unusual();
  }
  if (value.constructor !== Object) {
    const union = (value as { value?: unknown }).value;
    if (typeof union === 'number' || typeof union === 'string') return { value: union };
  }
  if (Array.isArray(value)) return value.map(resolvedCopy);
  if (value.constructor !== Object) throw new Unusual();
  const object = value as Json;
  const copy: Json = {};
  for (const key of Object.keys(object).sort()) {
    const item = resolvedCopy(object[key]);
    if (item !== undefined && item !== null) copy[key] = item;
  }
  return copy;
}

/**
 * `ApiObject.prototype.toJson` for an object of plain data, the same JSON in the same key order (its JSON
 * patches applied as cdk8s applies them), several times faster; anything else (`CDK8S_DISABLE_SORT`, an
 * App with resolvers of its own, a value that is not plain data, an error) is rendered by cdk8s itself.
 * `test/constructs/core/api-object-json.test.ts` compares both on every object Berth makes.
 */
export function apiObjectJson(this: ApiObject): Json {
  let json: Json;
  try {
    const { patches, props } = this as unknown as { patches: JsonPatch[]; props: Json };
    if (process.env.CDK8S_DISABLE_SORT || !defaultResolvers(App.of(this) as App)) throw new Unusual();
    json = resolvedCopy({ ...props, metadata: this.metadata.toJson() as unknown }) as Json;
    if (patches.length > 0) json = JsonPatch.apply(json, ...patches) as Json;
  } catch {
    return LIBRARY_TO_JSON.call(this) as Json;
  }
  const result: Json = {};
  for (const key of [...FIRST_KEYS, ...Object.keys(json)]) {
    if (key in json) result[key] = json[key];
  }
  return result;
}

/**
 * Runs `render` with every `ApiObject`'s rendering (the `super.toJson()` of the generated classes) done by
 * {@link apiObjectJson}; cdk8s's own afterwards.
 */
export function withFastApiObjectJson<T>(render: () => T): T {
  ApiObject.prototype.toJson = apiObjectJson;
  try {
    return render();
  } finally {
    ApiObject.prototype.toJson = LIBRARY_TO_JSON;
  }
}
