import { Problem, Problems } from '../problems';
import { closestName } from './did-you-mean';
import * as z from './zod';

/** A zod issue, as the adapter reads it. */
type Issue = z.core.$ZodIssue;

/** `a.b` for object keys; a key that is no identifier (a label, a DNS domain) quoted in brackets: `a["b.c"]`. */
export function join(path: string, key: string): string {
  if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) return path ? `${path}.${key}` : key;
  return path ? `${path}[${JSON.stringify(key)}]` : JSON.stringify(key);
}

/** `clusters[0].minionPools[1]`: keys joined with dots (quoted in brackets unless identifiers), indices in brackets. */
export function pathOf(base: string, segments: readonly PropertyKey[]): string {
  let path = base;
  for (const segment of segments) {
    path = typeof segment === 'number' ? `${path}[${segment}]` : join(path, String(segment));
  }
  return path;
}

/** The value at `segments` inside `input`; undefined when any step is missing. */
export function valueAt(input: unknown, segments: readonly PropertyKey[]): unknown {
  let value = input;
  for (const segment of segments) {
    if (value === null || typeof value !== 'object') return undefined;
    if (!Object.prototype.hasOwnProperty.call(value, segment)) return undefined;
    value = (value as Record<PropertyKey, unknown>)[segment];
  }
  return value;
}

/** The schema a value at `segments` is checked by, through optional, default and list wrappers. */
export function schemaAt(
  schema: z.core.$ZodType,
  segments: readonly PropertyKey[],
): z.core.$ZodType | undefined {
  let current: z.core.$ZodType | undefined = unwrap(schema);
  for (const segment of segments) {
    if (current === undefined) return undefined;
    const def = current._zod.def as unknown as Record<string, unknown>;
    if (def.type === 'object') current = (def.shape as Record<PropertyKey, z.core.$ZodType>)[segment];
    else if (def.type === 'array') current = def.element as z.core.$ZodType;
    else if (def.type === 'record') current = def.valueType as z.core.$ZodType;
    else return undefined;
    current = current === undefined ? undefined : unwrap(current);
  }
  return current;
}

/** The schema inside optional, default and similar wrappers. */
function unwrap(schema: z.core.$ZodType): z.core.$ZodType {
  let current = schema;
  for (;;) {
    const def = current._zod.def as unknown as Record<string, unknown>;
    if ('innerType' in def) current = def.innerType as z.core.$ZodType;
    else if (def.type === 'pipe') current = def.in as z.core.$ZodType;
    else return current;
  }
}

/** The known fields of the mapping at `segments`, in the schema's order. */
export function fieldsAt(schema: z.core.$ZodType, segments: readonly PropertyKey[]): readonly string[] {
  const at = schemaAt(schema, segments);
  const def = at?._zod.def as unknown as { type?: string; shape?: Record<string, unknown> } | undefined;
  return def?.type === 'object' && def.shape ? Object.keys(def.shape) : [];
}

/** The message for an unknown key: the closest known field, when one is close, and every known field. */
export function unknownFieldMessage(key: string, known: readonly string[]): string {
  const guess = closestName(key, known);
  return `is not a known field${guess === undefined ? '' : ` (did you mean "${guess}"?)`}; allowed fields here: ${known.join(', ')}`;
}

/**
 * One problem per zod issue: the field path (under `base`; a custom issue may add `params.suffix`), the
 * value the user gave (looked up in `input`, or `params.shown`, what the check chose to show instead, e.g.
 * a URL without its credentials), and the message
 * the field builders wrote. An unknown key becomes one problem per key, with a "did you mean" hint.
 * Problems come in the order of the document (a mapping's keys as written, a list's items in order).
 */
export function issuesToProblems(
  issues: readonly Issue[],
  input: unknown,
  schema: z.core.$ZodType,
  base: string,
): Problem[] {
  const found: { readonly segments: readonly PropertyKey[]; readonly problem: Problem }[] = [];
  for (const issue of issues) {
    const segments = issue.path;
    if (issue.code === 'unrecognized_keys') {
      const known = fieldsAt(schema, segments);
      for (const key of issue.keys) {
        const keySegments = [...segments, key];
        const problem = {
          path: pathOf(base, keySegments),
          value: valueAt(input, keySegments),
          message: unknownFieldMessage(key, known),
        };
        found.push({ segments: keySegments, problem });
      }
      continue;
    }
    if (issue.code === 'invalid_key') {
      // A mapping's key broke the key rule (a stub domain that is no domain): the key is the value.
      const problem = {
        path: pathOf(base, segments),
        value: segments[segments.length - 1],
        message: issue.issues[0]?.message ?? issue.message,
      };
      found.push({ segments, problem });
      continue;
    }
    const value = valueAt(input, segments);
    const shown =
      issue.code === 'custom' && issue.params && 'shown' in issue.params
        ? issue.params.shown
        : issue.code === 'too_big' && Array.isArray(value)
          ? `(${value.length} items)`
          : typeof value === 'number' && !Number.isFinite(value)
            ? String(value)
            : value;
    // A check may name a place inside its value the way its own rule writes it (`labels["a/b"]`).
    const suffix =
      issue.code === 'custom' && typeof issue.params?.suffix === 'string' ? issue.params.suffix : '';
    found.push({
      segments,
      problem: { path: pathOf(base, segments) + suffix, value: shown, message: issue.message },
    });
  }
  const order = (segments: readonly PropertyKey[]) => documentOrder(input, segments);
  return found
    .map((item, index) => ({ ...item, index, key: order(item.segments) }))
    .sort((a, b) => compareOrder(a.key, b.key) || a.index - b.index)
    .map((item) => item.problem);
}

/** Records the problems of `issues` (see `issuesToProblems`) in `problems`. */
export function addIssues(
  problems: Problems,
  issues: readonly Issue[],
  input: unknown,
  schema: z.core.$ZodType,
  base: string,
): void {
  for (const p of issuesToProblems(issues, input, schema, base)) problems.add(p.path, p.value, p.message);
}

/** Where each step of `segments` sits in the document: a key's position among its mapping's keys, an index. */
function documentOrder(input: unknown, segments: readonly PropertyKey[]): number[] {
  const positions: number[] = [];
  let value = input;
  for (const segment of segments) {
    if (Array.isArray(value) && typeof segment === 'number') {
      positions.push(segment);
    } else if (value !== null && typeof value === 'object') {
      const index = Object.keys(value).indexOf(String(segment));
      positions.push(index < 0 ? Number.MAX_SAFE_INTEGER : index);
    } else {
      positions.push(Number.MAX_SAFE_INTEGER); // a missing field comes after those written
    }
    value = valueAt(value, [segment]);
  }
  return positions;
}

function compareOrder(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i] - b[i];
  return a.length - b.length;
}
