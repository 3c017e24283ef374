/** IPv4 blocks that are never a routable network of a cluster (RFC 6890), with their names. */
const SPECIAL_USE: readonly (readonly [string, string])[] = [
  ['0.0.0.0/8', '"this network" (0.0.0.0/8)'],
  ['127.0.0.0/8', 'loopback (127.0.0.0/8)'],
  ['169.254.0.0/16', 'link-local (169.254.0.0/16, the metadata service)'],
  ['224.0.0.0/4', 'multicast (224.0.0.0/4)'],
  ['240.0.0.0/4', 'reserved (240.0.0.0/4)'],
];

/** An IPv4 network in CIDR notation, parsed once and compared numerically. */
export class Cidr {
  /** Parses `a.b.c.d/n`; returns undefined when the text is not a canonical IPv4 CIDR. */
  public static tryParse(text: unknown): Cidr | undefined {
    if (typeof text !== 'string') return undefined;
    const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(text);
    if (!match) return undefined;
    const octets = match.slice(1, 5).map(Number);
    const prefix = Number(match[5]);
    if (octets.some((o) => o > 255) || prefix > 32) return undefined;
    const address = octets.reduce((acc, o) => acc * 256 + o, 0);
    const cidr = new Cidr(address, prefix);
    // Host bits must be zero: "10.0.0.1/24" is a typo for "10.0.0.0/24", not a network.
    if (cidr.network !== address) return undefined;
    return cidr;
  }

  /** Parses a CIDR, throwing for invalid text (use tryParse for user input). */
  public static of(text: string): Cidr {
    const cidr = Cidr.tryParse(text);
    if (!cidr) throw new Error(`not an IPv4 CIDR: ${text}`);
    return cidr;
  }

  private constructor(
    private readonly address: number,
    /** Prefix length, 0-32. */
    public readonly prefix: number,
  ) {}

  /** Number of addresses in the network. */
  public get size(): number {
    return 2 ** (32 - this.prefix);
  }

  private get network(): number {
    return this.address - (this.address % this.size);
  }

  /** First address as a number. */
  public get first(): number {
    return this.network;
  }

  /** Last address as a number. */
  public get last(): number {
    return this.network + this.size - 1;
  }

  /** True when the two networks share any address. */
  public overlaps(other: Cidr): boolean {
    return this.first <= other.last && other.first <= this.last;
  }

  /**
   * The special-use block (RFC 6890) this network overlaps, by name, or undefined for an ordinary
   * network: loopback, link-local (the metadata service lives there), "this network", multicast and
   * reserved addresses never carry a cluster's nodes, pods or services.
   */
  public specialUse(mode: 'overlaps' | 'inside' = 'overlaps'): string | undefined {
    return SPECIAL_USE.find(([block]) =>
      mode === 'inside' ? Cidr.of(block).contains(this) : this.overlaps(Cidr.of(block)),
    )?.[1];
  }

  /** True when `other` lies entirely inside this network. */
  public contains(other: Cidr): boolean {
    return this.first <= other.first && other.last <= this.last;
  }

  /** The n-th address of the network (0 is the network address); negative counts from the end. */
  public host(n: number): string {
    const index = n < 0 ? this.size + n : n;
    if (index < 0 || index >= this.size) {
      throw new Error(`host ${n} is outside ${this.toString()} (${this.size} addresses)`);
    }
    return Cidr.format(this.network + index);
  }

  public toString(): string {
    return `${Cidr.format(this.network)}/${this.prefix}`;
  }

  public toJSON(): string {
    return this.toString();
  }

  private static format(address: number): string {
    return [24, 16, 8, 0].map((shift) => Math.floor(address / 2 ** shift) % 256).join('.');
  }
}
