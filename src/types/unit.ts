/**
 * Dimensional units (docs/language.md §3.2): a product of base units with integer
 * exponents. The deal currency is a base unit like any declared one.
 * `USD per gpu_hour` is {USD: 1, gpu_hour: -1}; a plain number has none.
 */
export class Unit {
  private constructor(
    /** Base unit → non-zero exponent, sorted by name so equal units print and compare alike. */
    readonly exponents: ReadonlyMap<string, number>,
  ) {}

  static readonly NONE = new Unit(new Map());

  static base(name: string): Unit {
    return new Unit(new Map([[name, 1]]));
  }

  static of(numerator: readonly string[], denominator: readonly string[]): Unit {
    let u = Unit.NONE;
    for (const n of numerator) u = u.times(Unit.base(n));
    for (const d of denominator) u = u.over(Unit.base(d));
    return u;
  }

  private static build(entries: Iterable<[string, number]>): Unit {
    const sorted = [...entries].filter(([, e]) => e !== 0).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return new Unit(new Map(sorted));
  }

  times(o: Unit): Unit {
    const m = new Map(this.exponents);
    for (const [k, e] of o.exponents) m.set(k, (m.get(k) ?? 0) + e);
    return Unit.build(m);
  }

  over(o: Unit): Unit {
    const m = new Map(this.exponents);
    for (const [k, e] of o.exponents) m.set(k, (m.get(k) ?? 0) - e);
    return Unit.build(m);
  }

  get isNone(): boolean {
    return this.exponents.size === 0;
  }

  equals(o: Unit): boolean {
    return this === o || this.toString() === o.toString();
  }

  // The display text doubles as the identity key; units are immutable, so it is computed once.
  private text: string | undefined;

  /** `USD`, `USD per gpu_hour`, `gpu_hour^2`, `number` for no unit. */
  toString(): string {
    this.text ??= this.format();
    return this.text;
  }

  private format(): string {
    if (this.isNone) return "number";
    const part = (entries: [string, number][]) =>
      entries.map(([k, e]) => (e === 1 ? k : `${k}^${e}`)).join(" ");
    const num = [...this.exponents].filter(([, e]) => e > 0);
    const den = [...this.exponents].filter(([, e]) => e < 0).map(([k, e]): [string, number] => [k, -e]);
    if (num.length === 0) return `1 per ${part(den)}`;
    return den.length === 0 ? part(num) : `${part(num)} per ${part(den)}`;
  }
}
