import { Problems } from './problems';
import { DNS_1123_LABEL, MAX_LIST_ITEMS, MAX_STRING_LENGTH } from './schema/fields';
import { join, unknownFieldMessage } from './schema/issues';

// The patterns and bounds are the schema's (one place for each rule); re-exported for older importers.
export {
  DNS_1123_LABEL,
  DNS_DOMAIN,
  EMAIL,
  MAX_LIST_ITEMS,
  MAX_STRING_LENGTH,
  OPENSTACK_ID,
} from './schema/fields';
export { join } from './schema/issues';

/** What a string field allows: a pattern, described for humans, and a length. */
export interface StringRule {
  /** Linear pattern (no nested or overlapping quantifiers): it runs on user input. */
  readonly pattern?: RegExp;
  /** What is allowed, for the message. */
  readonly allowed: string;
  /** @default MAX_STRING_LENGTH */
  readonly maxLength?: number;
}

/** What a URL field allows. */
export interface UrlRule {
  /** What the URL is, with an example, for the message. */
  readonly allowed: string;
  /** @default false: https:// only */
  readonly allowHttp?: boolean;
}

/**
 * Reads untyped input (parsed YAML/JSON) field by field, recording a problem for every field that is
 * not what its type allows and carrying on, so that one run reports everything.
 */
export class FieldReader {
  constructor(public readonly problems: Problems) {}

  /**
   * Reads an object. Unknown keys are problems (a typo must not silently become a default).
   * Returns undefined when the value is absent (or invalid, with a problem recorded).
   */
  public object(path: string, value: unknown, keys: readonly string[]): Record<string, unknown> | undefined {
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'object' || Array.isArray(value)) {
      this.problems.add(path, value, 'must be an object (a YAML mapping)');
      return undefined;
    }
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      if (!keys.includes(key)) {
        this.problems.add(join(path, key), record[key], unknownFieldMessage(key, keys));
      }
    }
    return record;
  }

  /** Reads an array of at most `maxItems` items; absent gives undefined. */
  public array(
    path: string,
    value: unknown,
    maxItems: number = MAX_LIST_ITEMS,
  ): readonly unknown[] | undefined {
    if (value === undefined || value === null) return undefined;
    if (!Array.isArray(value)) {
      this.problems.add(path, value, 'must be a list');
      return undefined;
    }
    if (value.length > maxItems) {
      this.problems.add(path, `(${value.length} items)`, `must list at most ${maxItems} items`);
      return value.slice(0, maxItems);
    }
    return value;
  }

  /** Reads a string, falling back to `fallback` when absent; `pattern` describes what is allowed. */
  public string(path: string, value: unknown, fallback: string, rule?: StringRule): string;
  public string(path: string, value: unknown, fallback: undefined, rule?: StringRule): string | undefined;
  public string(
    path: string,
    value: unknown,
    fallback: string | undefined,
    rule?: StringRule,
  ): string | undefined {
    if (value === undefined || value === null) return fallback;
    if (typeof value !== 'string' || value.length === 0) {
      this.problems.add(path, value, `must be a non-empty string${rule ? ` (${rule.allowed})` : ''}`);
      return fallback;
    }
    // Length before pattern: no pattern ever runs on an unbounded string.
    const maxLength = rule?.maxLength ?? MAX_STRING_LENGTH;
    if (value.length > maxLength) {
      this.problems.add(
        path,
        value,
        `must be at most ${maxLength} characters (got ${value.length})${rule ? `: ${rule.allowed}` : ''}`,
      );
      return fallback;
    }
    if (rule?.pattern && !rule.pattern.test(value)) {
      this.problems.add(path, value, `must be ${rule.allowed}`);
      return fallback;
    }
    return value;
  }

  /**
   * An https:// URL (http:// only with `allowHttp`), at most 2048 characters, without credentials
   * (`user:password@`: a secret in the platform file, and in every plan). Parsed by the WHATWG URL parser.
   */
  public url(path: string, value: unknown, fallback: string | undefined, rule: UrlRule): string | undefined {
    const text = this.string(path, value, undefined, { allowed: rule.allowed, maxLength: 2048 });
    if (text === undefined) return value === undefined || value === null ? fallback : undefined;
    let url: URL | undefined;
    try {
      url = /\s/.test(text) ? undefined : new URL(text);
    } catch {
      url = undefined;
    }
    const schemes = rule.allowHttp ? ['https:', 'http:'] : ['https:'];
    if (url === undefined || !schemes.includes(url.protocol) || url.hostname === '') {
      this.problems.add(
        path,
        text,
        `must be ${rule.allowHttp ? 'an http(s)://' : 'an https://'} URL: ${rule.allowed}`,
      );
      return fallback;
    }
    if (url.username !== '' || url.password !== '') {
      this.problems.add(
        path,
        `${url.protocol}//(credentials hidden)@${url.host}${url.pathname}`,
        "must not carry credentials (user:password@): they would sit in the platform file and in every plan; use the service's own credential mechanism",
      );
      return fallback;
    }
    return text;
  }

  /** A DNS-1123 label (names of clusters, pools, environments). */
  public name(path: string, value: unknown, fallback: string): string;
  public name(path: string, value: unknown, fallback: undefined): string | undefined;
  public name(path: string, value: unknown, fallback: string | undefined): string | undefined {
    if (fallback === undefined && (value === undefined || value === null)) {
      this.problems.add(path, value, 'is required: a DNS-1123 label such as "web" or "team-a"');
      return undefined;
    }
    return this.string(path, value, fallback as string, {
      pattern: DNS_1123_LABEL,
      maxLength: 63,
      allowed:
        'a DNS-1123 label: lower-case letters, digits and "-", starting and ending with a letter or digit, at most 63 characters',
    });
  }

  /** An integer within [min, max]. */
  public integer(path: string, value: unknown, fallback: number, min: number, max: number): number {
    if (value === undefined || value === null) return fallback;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
      this.problems.add(
        path,
        typeof value === 'number' && !Number.isFinite(value) ? String(value) : value,
        `must be a whole number from ${min} to ${max}`,
      );
      return fallback;
    }
    return value;
  }

  /** A boolean (YAML true/false); absent gives the fallback. */
  public boolean(path: string, value: unknown, fallback: boolean): boolean {
    if (value === undefined || value === null) return fallback;
    if (typeof value !== 'boolean') {
      this.problems.add(path, value, 'must be true or false');
      return fallback;
    }
    return value;
  }

  /** A list of strings, each read like `string()` with `rule`; absent gives the fallback. */
  public strings(
    path: string,
    value: unknown,
    fallback: readonly string[],
    rule?: StringRule,
    maxItems: number = MAX_LIST_ITEMS,
  ): readonly string[] {
    const list = this.array(path, value, maxItems);
    if (list === undefined) return fallback;
    const result: string[] = [];
    list.forEach((item, i) => {
      const text = this.string(`${path}[${i}]`, item, undefined, rule);
      if (text !== undefined) result.push(text);
      else if (item === undefined || item === null)
        this.problems.add(`${path}[${i}]`, item, 'must be a non-empty string');
    });
    return result;
  }

  /** A string-to-string map of at most `maxItems` entries; absent gives `{}`. */
  public stringMap(
    path: string,
    value: unknown,
    maxItems: number = MAX_LIST_ITEMS,
  ): Readonly<Record<string, string>> {
    if (value === undefined || value === null) return {};
    if (typeof value !== 'object' || Array.isArray(value)) {
      this.problems.add(path, value, 'must be a mapping of strings to strings');
      return {};
    }
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length > maxItems) {
      this.problems.add(path, `(${entries.length} entries)`, `must have at most ${maxItems} entries`);
      return {};
    }
    const result: Record<string, string> = {};
    for (const [key, item] of entries) {
      if (typeof item !== 'string') {
        this.problems.add(join(path, key), item, 'must be a string (quote numbers and booleans in YAML)');
      } else if (item.length > MAX_STRING_LENGTH) {
        this.problems.add(join(path, key), item, `must be at most ${MAX_STRING_LENGTH} characters`);
      } else {
        // defineProperty: even a key named like a prototype property stays a plain entry.
        Object.defineProperty(result, key, {
          value: item,
          enumerable: true,
          writable: true,
          configurable: true,
        });
      }
    }
    return result;
  }

  /** Parses with `parse`; records `allowed` as the problem when parsing fails. */
  public parsed<T>(
    path: string,
    value: unknown,
    fallback: string,
    parse: (text: unknown) => T | undefined,
    allowed: string,
  ): T {
    const text = value === undefined || value === null ? fallback : value;
    const parsedValue = parse(text);
    if (parsedValue !== undefined) return parsedValue;
    this.problems.add(path, value, `must be ${allowed}`);
    return parse(fallback) as T;
  }

  /** Records a problem for each value that appears more than once in `names`. */
  public unique(path: string, names: readonly (string | undefined)[], what: string): void {
    const seen = new Map<string, number>();
    names.forEach((name, i) => {
      if (name === undefined) return;
      const first = seen.get(name);
      if (first !== undefined) {
        this.problems.add(
          `${path}[${i}].name`,
          name,
          `${what} names must be unique; ${path}[${first}] has it already`,
        );
      } else {
        seen.set(name, i);
      }
    });
  }
}
