import { Problems } from '../problems';
import { addIssues } from './issues';
import * as z from './zod';

/**
 * Validates `value` (parsed YAML or a typed config) against `schema`, recording every problem at once
 * under `path`, and returns the typed value with defaults applied.
 *
 * A key with no value (`key:` in YAML, null) counts as left out. When values are wrong, they are reported
 * and then left out, and the rest is read again: a wrong value takes its default like a missing one, so
 * the cross-field checks that follow see a whole config and a typo causes no further problems. When that
 * is not possible (a required field or a list item is wrong), the result is undefined and the problems
 * recorded say why.
 */
export function readSection<S extends z.ZodMiniType>(
  schema: S,
  value: unknown,
  path: string,
  problems: Problems,
): z.output<S> | undefined {
  const input = withoutNulls(value);
  const first = schema.safeParse(input);
  if (first.success) return first.data;
  addIssues(problems, first.error.issues, input, schema, path);
  const repaired = withoutIssues(input, first.error.issues);
  if (repaired === REMOVED) return undefined;
  const second = schema.safeParse(repaired);
  return second.success ? second.data : undefined;
}

/** Stands for a value taken out of the input. */
const REMOVED: unique symbol = Symbol('removed');

/** A copy of plain data in which mapping keys with a null value are left out (lists keep their nulls). */
export function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (value === null || typeof value !== 'object' || Object.getPrototypeOf(value) !== Object.prototype) {
    return value;
  }
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    if (item !== null && item !== undefined) define(copy, key, withoutNulls(item));
  }
  return copy;
}

/** A copy of `input` without the value of each issue (and without unknown keys); REMOVED when that is all. */
function withoutIssues(input: unknown, issues: readonly z.core.$ZodIssue[]): unknown {
  const copy = structuredCopy(input);
  const root: unknown = copy;
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      const holder = at(root, issue.path);
      if (holder !== null && typeof holder === 'object')
        for (const key of issue.keys) delete (holder as never)[key];
      continue;
    }
    if (issue.path.length === 0) return REMOVED;
    const holder = at(root, issue.path.slice(0, -1));
    const key = issue.path[issue.path.length - 1];
    // A wrong list item cannot be left out without moving the items after it, whose paths later
    // problems would then misname: the section is not read further.
    if (Array.isArray(holder)) return REMOVED;
    if (holder !== null && typeof holder === 'object') delete (holder as never)[key as never];
  }
  return root;
}

function at(value: unknown, segments: readonly PropertyKey[]): unknown {
  let current = value;
  for (const segment of segments) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[segment];
  }
  return current;
}

function structuredCopy(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(structuredCopy);
  if (value === null || typeof value !== 'object') return value;
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) define(copy, key, structuredCopy(item));
  return copy;
}

/** Sets a key as plain data: even a key named like a prototype property stays an ordinary entry. */
function define(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}
