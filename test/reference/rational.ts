/**
 * Exact rationals on BigInt for the reference evaluator: numerator and
 * denominator, always reduced, denominator positive. Deliberately plain:
 * no decimal library, no floats; the only rounding is the one the language
 * states (money to the currency's decimals with the deal's mode, round,
 * floor, ceil, convert), applied explicitly by the evaluator.
 */

export type Mode = "half_even" | "half_up" | "down" | "up" | "floor" | "ceil";

function gcd(a: bigint, b: bigint): bigint {
  if (a < 0n) a = -a;
  if (b < 0n) b = -b;
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

const pow10 = (n: number): bigint => 10n ** BigInt(n);

export class Rat {
  private constructor(
    readonly n: bigint,
    readonly d: bigint,
  ) {}

  static of(n: bigint, d: bigint = 1n): Rat {
    if (d === 0n) throw new Error("Rat: zero denominator");
    if (d < 0n) {
      n = -n;
      d = -d;
    }
    const g = gcd(n, d);
    return g > 1n ? new Rat(n / g, d / g) : new Rat(n, d);
  }

  static readonly ZERO = Rat.of(0n);
  static readonly ONE = Rat.of(1n);

  /** Decimal text `-?\d+(\.\d+)?` (underscores allowed, as in literals). */
  static parse(text: string): Rat {
    const t = text.replace(/_/g, "");
    const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(t);
    if (!m) throw new Error(`Rat.parse: not a decimal: ${text}`);
    const frac = m[3] ?? "";
    const n = BigInt(m[2]! + frac) * (m[1] === "-" ? -1n : 1n);
    return Rat.of(n, pow10(frac.length));
  }

  add(o: Rat): Rat {
    return Rat.of(this.n * o.d + o.n * this.d, this.d * o.d);
  }
  sub(o: Rat): Rat {
    return Rat.of(this.n * o.d - o.n * this.d, this.d * o.d);
  }
  mul(o: Rat): Rat {
    return Rat.of(this.n * o.n, this.d * o.d);
  }
  /** The exact quotient. */
  divExact(o: Rat): Rat {
    return Rat.of(this.n * o.d, this.d * o.n);
  }
  neg(): Rat {
    return Rat.of(-this.n, this.d);
  }
  abs(): Rat {
    return this.n < 0n ? this.neg() : this;
  }
  cmp(o: Rat): number {
    const l = this.n * o.d;
    const r = o.n * this.d;
    return l < r ? -1 : l > r ? 1 : 0;
  }
  sign(): number {
    return this.n < 0n ? -1 : this.n > 0n ? 1 : 0;
  }
  isZero(): boolean {
    return this.n === 0n;
  }
  isInteger(): boolean {
    return this.d === 1n;
  }

  /** This rational rounded to a whole number with `mode`. */
  toInteger(mode: Mode): bigint {
    const { n, d } = this;
    let q = n / d; // truncated towards zero
    if (n % d !== 0n && n < 0n) q -= 1n; // now the floor
    const r = n - q * d; // 0 <= r < d
    if (r === 0n) return q;
    const twice = 2n * r;
    switch (mode) {
      case "floor":
        return q;
      case "ceil":
        return q + 1n;
      case "down":
        return n < 0n ? q + 1n : q;
      case "up":
        return n < 0n ? q : q + 1n;
      case "half_up":
        if (twice !== d) return twice > d ? q + 1n : q;
        return n < 0n ? q : q + 1n;
      case "half_even":
        if (twice !== d) return twice > d ? q + 1n : q;
        return q % 2n === 0n ? q : q + 1n;
    }
  }

  /** Rounded to `places` decimal places with `mode`. */
  round(places: number, mode: Mode): Rat {
    const scale = pow10(places);
    return Rat.of(this.mul(Rat.of(scale)).toInteger(mode), scale);
  }

  /** Exactly `places` decimals; the value must already be a multiple of 10^-places. */
  toFixed(places: number): string {
    const scaled = this.mul(Rat.of(pow10(places)));
    if (!scaled.isInteger()) throw new Error(`Rat.toFixed: ${this.toString()} has more than ${places} decimals`);
    const negative = scaled.n < 0n;
    const digits = (negative ? -scaled.n : scaled.n).toString().padStart(places + 1, "0");
    const text = places === 0 ? digits : `${digits.slice(0, -places)}.${digits.slice(-places)}`;
    return negative ? `-${text}` : text;
  }

  /** Canonical decimal text (no trailing zeros); the value must have a terminating expansion. */
  toString(): string {
    let d = this.d;
    let places = 0;
    while (d % 10n === 0n) {
      d /= 10n;
      places++;
    }
    while (d % 2n === 0n || d % 5n === 0n) {
      d = d % 2n === 0n ? d / 2n : d / 5n;
      places++;
    }
    if (d !== 1n) return `${this.n}/${this.d}`; // not a decimal: only ever shown in messages
    const text = this.toFixed(places);
    return places === 0 ? text : text.replace(/\.?0+$/, "");
  }
}
