/** A value the fast path leaves to the exact writer. */
class Unusual extends Error {}

/** Integer-like keys: JavaScript orders them numerically in an object, whatever the insertion order. */
const INDEX_KEY = /^(?:0|[1-9][0-9]*)$/;
/** Stands in for an empty object or list (which json-stable-stringify writes on two lines) until the end. */
const EMPTY = /"\\u0000([{[])([0-9]+)"/g;

/**
 * `cdk.tf.json` as cdktf writes it (json-stable-stringify, two-space indent: keys sorted, an empty object
 * or list written open and closed on two lines), byte for byte, three to four times faster: the data is
 * copied with sorted keys and written by `JSON.stringify`. Anything unusual (a `toJSON` method, an object
 * that is not plain, an integer-like key, a NUL character) is written by a walk doing what
 * json-stable-stringify does.
 */
export function stableJson(value: unknown): string {
  try {
    return JSON.stringify(sortedCopy(value, 0), null, 2).replace(
      EMPTY,
      (_, open: string, depth: string) => `${open}\n${'  '.repeat(Number(depth))}${open === '{' ? '}' : ']'}`,
    );
  } catch (err) {
    if (!(err instanceof Unusual)) throw err;
    const out: string[] = [];
    write(value, '\n', out);
    return out.join('');
  }
}

function sortedCopy(value: unknown, depth: number): unknown {
  if (typeof value === 'string') {
    if (value.includes('\u0000')) throw new Unusual();
    return value;
  }
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    if (value.length === 0) return `\u0000[${depth}`;
    return value.map((item) => sortedCopy(item, depth + 1));
  }
  const proto = Object.getPrototypeOf(value) as unknown;
  if ((proto !== Object.prototype && proto !== null) || 'toJSON' in value) throw new Unusual();
  const object = value as Record<string, unknown>;
  const keys = Object.keys(object).sort();
  const copy: Record<string, unknown> = {};
  let size = 0;
  for (const key of keys) {
    if (INDEX_KEY.test(key) || key.includes('\u0000')) throw new Unusual();
    const item = object[key];
    if (item === undefined || typeof item === 'function' || typeof item === 'symbol') continue;
    copy[key] = sortedCopy(item, depth + 1);
    size++;
  }
  return size === 0 ? `\u0000{${depth}` : copy;
}

/** What json-stable-stringify writes with `{ space: 2 }`, value by value. */
function write(node: unknown, indent: string, out: string[]): void {
  if (
    node !== null &&
    typeof node === 'object' &&
    typeof (node as { toJSON?: unknown }).toJSON === 'function'
  ) {
    node = (node as { toJSON: () => unknown }).toJSON();
  }
  if (node === null || typeof node !== 'object') {
    out.push(JSON.stringify(node) ?? 'null');
    return;
  }
  const inner = `${indent}  `;
  if (Array.isArray(node)) {
    out.push('[');
    node.forEach((item: unknown, i) => {
      out.push(i > 0 ? `,${inner}` : inner);
      if (item === undefined || typeof item === 'function' || typeof item === 'symbol') out.push('null');
      else write(item, inner, out);
    });
    out.push(indent, ']');
    return;
  }
  const object = node as Record<string, unknown>;
  out.push('{');
  let first = true;
  for (const key of Object.keys(object).sort()) {
    const item = object[key];
    if (item === undefined || typeof item === 'function' || typeof item === 'symbol') continue;
    out.push(first ? inner : `,${inner}`, JSON.stringify(key), ': ');
    first = false;
    write(item, inner, out);
  }
  out.push(indent, '}');
}
