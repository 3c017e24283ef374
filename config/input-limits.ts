import { join } from './schema';
import { Problems } from './problems';

/**
 * Bounds on any platform file, whatever its fields: no input may cost more than a moment to check, and
 * no key may reach JavaScript's object machinery. The per-field limits (a name's 63 characters, a pool's
 * count) are stricter; these catch what no field rule sees (an unknown key's huge value, a deep nest).
 * The numbers are a judgement, recorded in docs/decisions/0008-bounded-input.md.
 */
export const INPUT_LIMITS = {
  /** A platform file is a few kilobytes; 1 MiB is far beyond any real one. */
  fileBytes: 1024 * 1024,
  /** Longest string anywhere (an SSH RSA-16384 public key is about 2,800 characters). */
  stringLength: 16 * 1024,
  /** Longest mapping key. */
  keyLength: 253,
  /** Most items in one list, or keys in one mapping. */
  items: 1000,
  /** Deepest nesting of lists and mappings. */
  depth: 32,
  /** YAML aliases in one file: a few are convenient, thousands are an alias bomb. */
  aliases: 100,
} as const;

/** Keys that name JavaScript's prototype machinery: as config keys they are dropped or crash rendering. */
export const RESERVED_KEYS: readonly string[] = ['__proto__', 'constructor', 'prototype'];

/**
 * Checks the shape of a whole parsed document against `INPUT_LIMITS` and `RESERVED_KEYS`, recording a
 * problem with its path for each breach. Returns false when a breach makes the document unsafe to read
 * further (field rules then do not run, so one bad value gives one clear problem).
 */
export function checkInputLimits(value: unknown, problems: Problems): boolean {
  const before = problems.count;
  walk(value, '', 0, problems);
  return problems.count === before;
}

function walk(value: unknown, path: string, depth: number, problems: Problems): void {
  if (depth > INPUT_LIMITS.depth) {
    problems.add(path, '(nested)', `is nested deeper than ${INPUT_LIMITS.depth} levels`);
    return;
  }
  if (value === null || value === undefined || typeof value === 'boolean') return;
  if (typeof value === 'string') {
    if (value.length > INPUT_LIMITS.stringLength) {
      problems.add(
        path,
        `${value.slice(0, 40)}... (${value.length} characters)`,
        `is longer than ${INPUT_LIMITS.stringLength} characters`,
      );
    }
    return;
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) {
      problems.add(path, String(value), 'must be a finite number');
    } else if (Math.abs(value) > Number.MAX_SAFE_INTEGER) {
      problems.add(path, value, `is too large: numbers here stay below ${Number.MAX_SAFE_INTEGER}`);
    }
    return;
  }
  if (Array.isArray(value)) {
    if (value.length > INPUT_LIMITS.items) {
      problems.add(path, `(${value.length} items)`, `must list at most ${INPUT_LIMITS.items} items`);
      return;
    }
    value.forEach((item, i) => walk(item, `${path}[${i}]`, depth + 1, problems));
    return;
  }
  if (Object.getPrototypeOf(value) !== Object.prototype && Object.getPrototypeOf(value) !== null) {
    // A YAML tag such as !!binary or !!set gives a Buffer or a Set: no field takes one.
    const kind = (value as object).constructor?.name ?? 'object';
    problems.add(
      path,
      `(${kind})`,
      'must be a plain string, number, boolean, list or mapping (no YAML tags)',
    );
    return;
  }
  const keys = Object.keys(value as object);
  if (keys.length > INPUT_LIMITS.items) {
    problems.add(path, `(${keys.length} keys)`, `must have at most ${INPUT_LIMITS.items} keys`);
    return;
  }
  for (const key of keys) {
    const keyPath = join(path, key.length > INPUT_LIMITS.keyLength ? `${key.slice(0, 40)}...` : key);
    if (RESERVED_KEYS.includes(key)) {
      problems.add(
        keyPath,
        key,
        `is reserved (${RESERVED_KEYS.join(', ')} name JavaScript internals); rename the key`,
      );
      continue;
    }
    if (key.length > INPUT_LIMITS.keyLength) {
      problems.add(
        keyPath,
        `(${key.length} characters)`,
        `keys are at most ${INPUT_LIMITS.keyLength} characters`,
      );
      continue;
    }
    walk((value as Record<string, unknown>)[key], keyPath, depth + 1, problems);
  }
}
