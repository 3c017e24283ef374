/** A value the fast path leaves to the exact writer. */
class Unusual extends Error {}

/** Character codes `openEmpty` looks for. */
const NEWLINE = 10;
const COMMA = 44;
const SPACE = 32;

/** Integer-like keys: JavaScript orders them numerically in an object, whatever the insertion order. */
const INDEX_KEY = /^(?:0|[1-9][0-9]*)$/;

/**
 * `cdk.tf.json` as cdktf writes it (json-stable-stringify, two-space indent: keys sorted, an empty object
 * or list written open and closed on two lines), byte for byte, three to four times faster: written by
 * `JSON.stringify` from a view of the data with sorted keys (only the objects whose keys are out of order
 * are copied; most objects, such as cdk8s's, come sorted), each empty object or list then opened on two
 * lines. Anything unusual (a `toJSON` method, an object that is not plain, an integer-like key out of
 * order, a `__proto__` key) is written by a walk doing what json-stable-stringify does.
 */
export function stableJson(value: unknown): string {
  let sorted: unknown;
  try {
    sorted = sortedView(value);
  } catch (err) {
    if (!(err instanceof Unusual)) throw err;
    const out: string[] = [];
    write(value, '\n', out);
    return out.join('');
  }
  return openEmpty(JSON.stringify(sorted, null, 2));
}

/**
 * Opens each empty object or list of `JSON.stringify`'s text on two lines, closed at the indent of its
 * line. Only those that end their line (after a key or as an item, before a comma or not) are: no string
 * can hold `{}` or `[]` at a line's end, since its closing quote comes before the line's end.
 */
function openEmpty(text: string): string {
  const at: number[] = [];
  for (const empty of ['{}', '[]']) {
    for (let i = text.indexOf(empty); i >= 0; i = text.indexOf(empty, i + 2)) {
      const next = text.charCodeAt(i + 2);
      if (Number.isNaN(next) || next === NEWLINE || (next === COMMA && text.charCodeAt(i + 3) === NEWLINE)) {
        at.push(i);
      }
    }
  }
  if (at.length === 0) return text;
  at.sort((a, b) => a - b);
  const parts: string[] = [];
  let from = 0;
  for (const i of at) {
    const line = text.lastIndexOf('\n', i) + 1;
    let indent = 0;
    while (text.charCodeAt(line + indent) === SPACE) indent++;
    parts.push(text.slice(from, i + 1), '\n', ' '.repeat(indent));
    from = i + 1;
  }
  parts.push(text.slice(from));
  return parts.join('');
}

/** `value` with every object's keys in sorted order: itself when they are, else a copy of what is not. */
function sortedView(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      const view = sortedView(item);
      if (view !== item) {
        copy ??= value.slice();
        copy[i] = view;
      }
    }
    return copy ?? value;
  }
  const proto = Object.getPrototypeOf(value) as unknown;
  if ((proto !== Object.prototype && proto !== null) || 'toJSON' in value) throw new Unusual();
  const object = value as Record<string, unknown>;
  const keys = Object.keys(object);
  let inOrder = true;
  /** The values' views, from the first that is not the value itself on. */
  let views: unknown[] | undefined;
  for (let i = 0; i < keys.length; i++) {
    if (i > 0 && keys[i - 1] > keys[i]) inOrder = false;
    const item = object[keys[i]];
    const view = sortedView(item);
    if (view !== item) views ??= keys.map((key) => object[key]);
    if (views) views[i] = view;
  }
  if (inOrder && !views) return value;
  const order = keys.map((_, i) => i);
  if (!inOrder) order.sort((a, b) => (keys[a] < keys[b] ? -1 : 1));
  const copy: Record<string, unknown> = {};
  for (const i of order) {
    if (INDEX_KEY.test(keys[i]) || keys[i] === '__proto__') throw new Unusual();
    copy[keys[i]] = views ? views[i] : object[keys[i]];
  }
  return copy;
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
