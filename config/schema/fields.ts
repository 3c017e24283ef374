import * as z from './zod';

/**
 * Field builders: zod schemas that carry Berth's messages (what is allowed, and how to fix it), so that
 * a section's schema reads like its documentation and every field of every section reports the same way.
 * Each builder takes `doc` (the field's description, which editors show from the JSON Schema).
 *
 * A builder's schema is required; wrap it in `optional()` or `withDefault()` for a field that may be left
 * out. Every check aborts on failure, so a field reports one problem: the first rule it breaks.
 */

/** RFC 1123 label: lower-case alphanumerics and '-', starting and ending alphanumeric, at most 63. */
export const DNS_1123_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

/** A DNS domain name of one or more DNS-1123 labels, at most 253 characters. */
export const DNS_DOMAIN =
  /^(?=.{1,253}$)[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?(\.[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?)+$/;

/**
 * An e-mail address: one "@", a domain of dot-separated parts. Linear: the parts cannot overlap, so a
 * long input never backtracks (the usual `[^@]+\.[^@]+` takes quadratic time on a long domain).
 */
export const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;

/** An OpenStack resource ID: a UUID, with or without dashes. */
export const OPENSTACK_ID =
  /^[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}$/;

/** Longest string a field takes unless its rule says otherwise (names are shorter by their pattern). */
export const MAX_STRING_LENGTH = 1024;

/** Most items of a list field unless the field says otherwise. */
export const MAX_LIST_ITEMS = 100;

/** What a DNS-1123 label allows, in the words of a message. */
export const LABEL_ALLOWED =
  'a DNS-1123 label: lower-case letters, digits and "-", starting and ending with a letter or digit, at most 63 characters';

/** What a string field allows: a pattern, described for humans, and a length. */
export interface StringRule {
  /** Linear pattern (no nested or overlapping quantifiers): it runs on user input. */
  readonly pattern?: RegExp;
  /** What is allowed, for the message. */
  readonly allowed?: string;
  /** @default MAX_STRING_LENGTH */
  readonly maxLength?: number;
  /** The message when the field is missing where it is required: "is required: <this>". @default the type message */
  readonly required?: string;
  /** The field's description (JSON Schema `description`). */
  readonly doc?: string;
}

/** The JSON Schema `description` (and any other annotation) of a schema. */
function annotate<T extends z.ZodMiniType>(schema: T, doc: string | undefined, extra: object = {}): T {
  const meta = { ...(doc === undefined ? {} : { description: doc }), ...extra };
  return Object.keys(meta).length === 0 ? schema : schema.check(z.meta(meta));
}

/** The type message, or the required one when the value is missing. */
function typeError(message: string, required: string | undefined) {
  return (issue: { readonly input?: unknown }) =>
    issue.input === undefined && required !== undefined ? `is required: ${required}` : message;
}

/** A non-empty string of at most `maxLength` characters, matching `pattern` when given. */
export function text(rule: StringRule = {}) {
  const allowed = rule.allowed;
  const maxLength = rule.maxLength ?? MAX_STRING_LENGTH;
  const checks = [
    z.minLength(1, { error: `must be a non-empty string${allowed ? ` (${allowed})` : ''}`, abort: true }),
    // Length before pattern: no pattern ever runs on an unbounded string.
    z.maxLength(maxLength, {
      error: (issue) =>
        `must be at most ${maxLength} characters (got ${(issue.input as string).length})${allowed ? `: ${allowed}` : ''}`,
      abort: true,
    }),
    ...(rule.pattern ? [z.regex(rule.pattern, { error: `must be ${allowed}`, abort: true })] : []),
  ];
  const schema = z
    .string({
      error: typeError(`must be a non-empty string${allowed ? ` (${allowed})` : ''}`, rule.required),
    })
    .check(...checks);
  return annotate(schema, rule.doc);
}

/** A DNS-1123 label: names of clusters, pools, environments. */
export function name(doc?: string) {
  return text({
    pattern: DNS_1123_LABEL,
    maxLength: 63,
    allowed: LABEL_ALLOWED,
    required: 'a DNS-1123 label such as "web" or "team-a"',
    doc,
  });
}

/** A whole number within [min, max]; `required`: the message's hint when it is missing where required. */
export function integer(min: number, max: number, doc?: string, required?: string) {
  const message = `must be a whole number from ${min} to ${max}`;
  return annotate(
    z
      .int({ error: typeError(message, required) })
      .check(z.gte(min, { error: message, abort: true }), z.lte(max, { error: message })),
    doc,
  );
}

/** One of the given numbers (`[1, 3, 5]` masters), with the message `must be <allowed>`. */
export function oneOfNumbers<const T extends readonly [number, ...number[]]>(
  values: T,
  allowed: string,
  doc?: string,
) {
  return annotate(z.literal(values, { error: `must be ${allowed}` }), doc);
}

/** A boolean (YAML true/false). */
export function boolean(doc?: string) {
  return annotate(z.boolean({ error: 'must be true or false (unquoted in YAML)' }), doc);
}

/** A ratio strictly between 0 and 1 (a share, e.g. of failed requests). */
export function ratio(doc?: string) {
  const message = 'must be a number between 0 and 1 exclusive, e.g. 0.05 for 5%';
  return annotate(
    z.number({ error: message }).check(z.gt(0, { error: message, abort: true }), z.lt(1, { error: message })),
    doc,
  );
}

/** One of the given strings (an enum's values). */
export function oneOf<const T extends readonly [string, ...string[]]>(values: T, how?: string, doc?: string) {
  const message = `must be one of ${values.map((v) => `"${v}"`).join(', ')}${how ? `: ${how}` : ''}`;
  return annotate(z.enum(values, { error: message }), doc);
}

/**
 * A string that `parse` accepts (a size, a CIDR, a duration): the config keeps the text; the resolver
 * turns it into the value class with the same `parse`.
 */
export function parsed(
  parse: (text: string) => unknown,
  allowed: string,
  rule: Omit<StringRule, 'allowed'> = {},
) {
  const message = `must be ${allowed}`;
  return annotate(
    z.string({ error: typeError(message, rule.required) }).check(
      z.maxLength(rule.maxLength ?? MAX_STRING_LENGTH, { error: message, abort: true }),
      z.refine((value: string) => parse(value) !== undefined, { error: message, abort: true }),
    ),
    rule.doc,
  );
}

/** What a URL field allows. */
export interface UrlRule {
  /** What the URL is, with an example, for the message. */
  readonly allowed: string;
  /** @default false: https:// only */
  readonly allowHttp?: boolean;
  readonly doc?: string;
}

/**
 * An https:// URL (http:// only with `allowHttp`), at most 2048 characters, without credentials
 * (`user:password@`: a secret in the platform file, and in every plan). Parsed by the WHATWG URL parser.
 * A URL with credentials is reported without them.
 */
export function url(rule: UrlRule) {
  const schemes = rule.allowHttp ? ['https:', 'http:'] : ['https:'];
  const wrongScheme = `must be ${rule.allowHttp ? 'an http(s)://' : 'an https://'} URL: ${rule.allowed}`;
  const base = text({ allowed: rule.allowed, maxLength: 2048, doc: rule.doc });
  return base.check(
    z.check<string>((payload) => {
      let parsedUrl: URL | undefined;
      try {
        parsedUrl = /\s/.test(payload.value) ? undefined : new URL(payload.value);
      } catch {
        parsedUrl = undefined;
      }
      if (parsedUrl === undefined || !schemes.includes(parsedUrl.protocol) || parsedUrl.hostname === '') {
        payload.issues.push({ code: 'custom', message: wrongScheme, input: payload.value, continue: false });
      } else if (parsedUrl.username !== '' || parsedUrl.password !== '') {
        payload.issues.push({
          code: 'custom',
          message:
            "must not carry credentials (user:password@): they would sit in the platform file and in every plan; use the service's own credential mechanism",
          input: payload.value,
          params: {
            shown: `${parsedUrl.protocol}//(credentials hidden)@${parsedUrl.host}${parsedUrl.pathname}`,
          },
          continue: false,
        });
      }
    }),
  );
}

/** A list of at most `maxItems` items. */
export function list<T extends z.ZodMiniType>(item: T, maxItems: number = MAX_LIST_ITEMS, doc?: string) {
  return annotate(
    z
      .array(item, { error: 'must be a list' })
      .check(z.maxLength(maxItems, { error: `must list at most ${maxItems} items`, abort: true })),
    doc,
  );
}

/** A string-to-string mapping (labels) of at most `maxEntries` entries. */
export function stringMap(maxEntries: number = MAX_LIST_ITEMS, doc?: string) {
  return annotate(
    z
      .record(
        z.string(),
        z
          .string({ error: 'must be a string (quote numbers and booleans in YAML)' })
          .check(
            z.maxLength(MAX_STRING_LENGTH, { error: `must be at most ${MAX_STRING_LENGTH} characters` }),
          ),
        { error: 'must be a mapping of strings to strings' },
      )
      .check(
        z.check<Record<string, string>>((payload) => {
          const entries = Object.keys(payload.value).length;
          if (entries > maxEntries) {
            payload.issues.push({
              code: 'custom',
              message: `must have at most ${maxEntries} entries`,
              input: payload.value,
              params: { shown: `(${entries} entries)` },
            });
          }
        }),
      ),
    doc,
    { maxProperties: maxEntries },
  );
}

/**
 * A mapping with exactly the given fields: any other key is reported, with the closest known name.
 * `expected` names what the mapping is, for the message when the value is no mapping (a list item).
 */
export function section<T extends z.core.$ZodLooseShape>(shape: T, doc?: string, expected?: string) {
  return annotate(
    z.strictObject(shape, { error: `must be ${expected ?? 'an object (a YAML mapping)'}` }),
    doc,
  );
}

/** A field that may be left out (no default, or a default that depends on other fields: say which in `doc`). */
export function optional<T extends z.ZodMiniType>(schema: T) {
  return z.optional(schema);
}

/**
 * A field that may be left out and then takes `value` (as written in a file: it is read like one, so an
 * object's own defaults apply inside it): the resolver sees the value, the JSON Schema shows it as `default`.
 */
export function withDefault<T extends z.ZodMiniType>(schema: T, value: DeepReadonly<z.input<T>>) {
  return z.prefault(schema, value as z.input<T>);
}

/** `T` with every property and list read-only, all the way down (typed configs are often `as const`). */
export type DeepReadonly<T> = T extends (infer I)[]
  ? readonly DeepReadonly<I>[]
  : T extends object
    ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
    : T;
