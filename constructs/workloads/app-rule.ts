import { AppProps } from './app-props';

// What an app rule is (the table of them is app-rules.ts), and the small helpers its rows are written with.

/** A problem with an app's props: the field path inside the props and what is wrong. */
export interface AppPropsProblem {
  readonly path: string;
  readonly message: string;
}

/** What a rule looks at: the app's props and its name. */
export interface AppRuleInput {
  readonly props: AppProps;
  readonly name: string;
}

/** One rule of the table. */
export interface AppRule {
  /** The field the rule is about; `<name>` stands for each key of a map, `[i]` for each item of a list. */
  readonly field: string;
  /** The problems of these props under this rule (none when they meet it). */
  readonly check: (app: AppRuleInput) => AppPropsProblem[];
}

/**
 * A rule on the values `entries` picks (path and value each; none when the field is absent): `messages`
 * says what is wrong with a value, nothing when it is right.
 */
export function rule<T>(
  field: string,
  entries: (app: AppRuleInput) => readonly (readonly [string, T])[],
  messages: (value: T, app: AppRuleInput) => readonly string[],
): AppRule {
  return {
    field,
    check: (app) =>
      entries(app).flatMap(([path, value]) => messages(value, app).map((message) => ({ path, message }))),
  };
}

/** The entries of one field at `path`: none when it is undefined. */
export function at<T>(path: string, value: T | undefined): readonly (readonly [string, T])[] {
  return value === undefined ? [] : [[path, value]];
}

/** `message` when `broken`, else nothing. */
export function when(broken: boolean, message: string): readonly string[] {
  return broken ? [message] : [];
}

/** The entries of each key of a map, at `<prefix>.<key>`. */
export const keyed = <T>(prefix: string, record: Readonly<Record<string, T>> | undefined) =>
  Object.entries(record ?? {}).map(([key, value]) => [`${prefix}.${key}`, value] as const);

/** The entries of each item of a list, at `<prefix>[<i>]`. */
export const listed = <T>(prefix: string, list: readonly T[] | undefined) =>
  (list ?? []).map((value, i) => [`${prefix}[${i}]`, value] as const);

/** `true` when a map or list has an entry, else undefined (nothing to check). */
export const hasAny = (items: object | undefined) =>
  (items !== undefined && Object.keys(items).length > 0) || undefined;
