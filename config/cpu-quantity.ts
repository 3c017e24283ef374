/** Largest CPU amount any field takes: 100,000 cores. */
export const MAX_MILLICORES = 100_000_000;

/** A CPU amount, kept in millicores; written in config as a Kubernetes quantity (`500m`, `2`, `0.5`). */
export class CpuQuantity {
  public static millicores(amount: number): CpuQuantity {
    if (!Number.isInteger(amount) || amount <= 0)
      throw new Error(`not a whole positive millicore count: ${amount}`);
    return new CpuQuantity(amount);
  }

  public static cores(amount: number): CpuQuantity {
    return CpuQuantity.millicores(Math.round(amount * 1000));
  }

  /** Parses `250m`, `2` or `1.5`; undefined for anything else, for zero, and for fractions of a millicore. */
  public static tryParse(text: unknown): CpuQuantity | undefined {
    if (typeof text !== 'string') return undefined;
    const milli = /^(\d+)m$/.exec(text);
    if (milli) {
      const amount = Number(milli[1]);
      return amount > 0 && amount <= MAX_MILLICORES ? new CpuQuantity(amount) : undefined;
    }
    const cores = /^(\d+)(\.\d{1,3})?$/.exec(text);
    if (!cores) return undefined;
    const amount = Math.round(Number(text) * 1000);
    return amount > 0 && amount <= MAX_MILLICORES ? new CpuQuantity(amount) : undefined;
  }

  private constructor(private readonly milli: number) {}

  public toMillicores(): number {
    return this.milli;
  }

  /** Whole cores as a plain number (`2`), anything else in millicores (`1500m`). */
  public toString(): string {
    return this.milli % 1000 === 0 ? `${this.milli / 1000}` : `${this.milli}m`;
  }

  public toJSON(): string {
    return this.toString();
  }

  public plus(other: CpuQuantity): CpuQuantity {
    return new CpuQuantity(this.milli + other.milli);
  }

  public times(factor: number): CpuQuantity {
    return CpuQuantity.millicores(Math.max(1, Math.round(this.milli * factor)));
  }
}
