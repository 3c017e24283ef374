/** Longest duration any field takes: 100 years. */
export const MAX_SECONDS = 100 * 366 * 86400;

const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400, w: 604800 };

/**
 * A length of time, written in config as a whole number and one unit (`30s`, `15m`, `12h`, `7d`, `2w`),
 * the notation Prometheus, Loki and Alertmanager accept. Named apart from cdk8s's `Duration` (a
 * Kubernetes object's time fields) so that one file can use both without aliasing.
 */
export class TimeSpan {
  public static seconds(amount: number): TimeSpan {
    return new TimeSpan(amount);
  }

  public static hours(amount: number): TimeSpan {
    return new TimeSpan(amount * UNIT_SECONDS.h);
  }

  public static days(amount: number): TimeSpan {
    return new TimeSpan(amount * UNIT_SECONDS.d);
  }

  /** Parses `<n><unit>` with unit s, m, h, d or w; returns undefined for anything else or zero. */
  public static tryParse(text: unknown): TimeSpan | undefined {
    if (typeof text !== 'string') return undefined;
    const match = /^(\d+)(s|m|h|d|w)$/.exec(text);
    if (!match) return undefined;
    const seconds = Number(match[1]) * UNIT_SECONDS[match[2]];
    return seconds > 0 && seconds <= MAX_SECONDS ? new TimeSpan(seconds) : undefined;
  }

  private constructor(private readonly totalSeconds: number) {}

  public toSeconds(): number {
    return this.totalSeconds;
  }

  /** Whole hours, e.g. `168h` for 7 days (rounded up). */
  public toHoursString(): string {
    return `${Math.ceil(this.totalSeconds / UNIT_SECONDS.h)}h`;
  }

  /** The largest unit that divides the duration exactly: `7d`, `90m`, `45s`. */
  public toString(): string {
    for (const unit of ['w', 'd', 'h', 'm'] as const) {
      if (this.totalSeconds % UNIT_SECONDS[unit] === 0)
        return `${this.totalSeconds / UNIT_SECONDS[unit]}${unit}`;
    }
    return `${this.totalSeconds}s`;
  }

  public toJSON(): string {
    return this.toString();
  }
}
