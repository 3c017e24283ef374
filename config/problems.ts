/**
 * Collects every problem found in a platform description so that they can be reported all at once.
 *
 * A problem names the field path (`clusters[0].podCidr`), the value given, and what is allowed.
 */
export interface Problem {
  /** Dotted field path, with array indices, e.g. `clusters[0].minionPools[1].count`. */
  readonly path: string;
  /**
   * The value that was given (undefined when the field is missing; `NOT_A_VALUE` when the problem is
   * not about one value, e.g. a YAML syntax error, so that the message shows neither "got" nor "missing").
   */
  readonly value: unknown;
  /** What is allowed, and how to fix it. */
  readonly message: string;
}

/** Thrown when a platform description is invalid; carries every problem found. */
export class ConfigError extends Error {
  public readonly problems: readonly Problem[];

  constructor(problems: readonly Problem[], source?: string) {
    super(ConfigError.format(problems, source));
    this.name = 'ConfigError';
    this.problems = problems;
  }

  /** Renders problems for humans: one line per problem, path first. */
  public static format(problems: readonly Problem[], source?: string): string {
    const head = `Invalid platform configuration${source ? ` in ${source}` : ''}: ${problems.length} problem${
      problems.length === 1 ? '' : 's'
    }`;
    const lines = problems.map((p) => {
      const value = p.value === NOT_A_VALUE ? '' : `${describeValue(p.value)}; `;
      // Continuation lines (a YAML excerpt) stay under their problem.
      const message = p.message.replace(/\n/g, '\n      ');
      return `  - ${p.path || TOP_LEVEL}: ${value}${message}`;
    });
    return [head, ...lines].join('\n');
  }
}

/** Path shown for the document itself (a top-level list or scalar, an empty file). */
export const TOP_LEVEL = '(top level)';

/** The value of a problem that is about no single value (a syntax error, an encoding). */
export const NOT_A_VALUE: unique symbol = Symbol('not a value');

/** Renders warnings for humans, one line each, path first. */
export function formatWarnings(warnings: readonly Problem[], source?: string): string {
  return warnings
    .map(
      (w) =>
        `Warning${source ? ` (${source})` : ''}: ${w.path || TOP_LEVEL}: ${w.value === NOT_A_VALUE ? '' : `${describeValue(w.value)}; `}${w.message}`,
    )
    .join('\n');
}

/** Short, safe rendering of a given value for an error message. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'missing';
  if (value === NOT_A_VALUE) return '';
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch {
    text = undefined; // a cycle or a BigInt: fall back to String()
  }
  if (text === undefined) text = String(value);
  return `got ${text.length > 80 ? `${text.slice(0, 77)}...` : text}`;
}

/** A mutable collector of problems, passed through validation functions. */
export class Problems {
  private readonly items: Problem[] = [];

  public add(path: string, value: unknown, message: string): void {
    this.items.push({ path, value, message });
  }

  private readonly warningItems: Problem[] = [];

  /** Records something legal but risky: printed, never fatal. */
  public warn(path: string, value: unknown, message: string): void {
    this.warningItems.push({ path, value, message });
  }

  /** Warnings recorded so far. */
  public get warnings(): readonly Problem[] {
    return [...this.warningItems];
  }

  public get count(): number {
    return this.items.length;
  }

  public get all(): readonly Problem[] {
    return [...this.items];
  }

  /**
   * Whether a problem was recorded at `path` or inside it: a check that a field is needed skips a field
   * already reported as wrong (its value was left out; saying it is missing too would be a knock-on).
   */
  public reported(path: string): boolean {
    return this.items.some(
      (p) => p.path === path || p.path.startsWith(`${path}.`) || p.path.startsWith(`${path}[`),
    );
  }

  /** Throws a ConfigError when any problem was recorded. */
  public throwIfAny(source?: string): void {
    if (this.items.length > 0) throw new ConfigError(this.items, source);
  }
}
