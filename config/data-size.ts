/** Largest size any field takes, in GiB (1 PiB). */
export const MAX_GIB = 1024 * 1024;

const UNITS: Record<string, number> = { Mi: 1 / 1024, Gi: 1, Ti: 1024 };

/**
 * A storage or memory size, kept in GiB; written in config as a Kubernetes-style quantity (`40Gi`). Named
 * apart from cdk8s's `Size` so that one file can use both without aliasing.
 */
export class DataSize {
  public static gibibytes(amount: number): DataSize {
    return new DataSize(amount);
  }

  public static mebibytes(amount: number): DataSize {
    return new DataSize(amount / 1024);
  }

  /** Parses `512Mi`, `40Gi`, `1Ti`; returns undefined for anything else. */
  public static tryParse(text: unknown): DataSize | undefined {
    if (typeof text !== 'string') return undefined;
    const match = /^(\d+(?:\.\d+)?)(Mi|Gi|Ti)$/.exec(text);
    if (!match) return undefined;
    const amount = Number(match[1]) * UNITS[match[2]];
    // At most 1 PiB: beyond any volume, quota or memory here, and far from overflowing into 1e+24.
    return amount > 0 && amount <= MAX_GIB ? new DataSize(amount) : undefined;
  }

  private constructor(private readonly gib: number) {}

  public toGibibytes(): number {
    return this.gib;
  }

  public toMebibytes(): number {
    return Math.round(this.gib * 1024);
  }

  /** True when the size is a whole number of GiB (what Cinder volumes accept). */
  public get isWholeGibibytes(): boolean {
    return Number.isInteger(this.gib);
  }

  public toString(): string {
    return Number.isInteger(this.gib) ? `${this.gib}Gi` : `${this.toMebibytes()}Mi`;
  }

  public toJSON(): string {
    return this.toString();
  }
}
