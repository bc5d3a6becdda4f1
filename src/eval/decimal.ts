/**
 * Exact arithmetic (docs/language.md §9): every value is a rational number,
 * and `+ − × /` are exact. A value is rounded only where the language
 * rounds it (a payment to the currency's minor unit, round/floor/ceil, a
 * conversion, a warrant count), and then once, from the exact value.
 *
 * A value is n / d in BigInt. A terminating decimal keeps d = 10^scale (so
 * cents add as integers and print as written); any other quotient is kept
 * in lowest terms with the denominator that does not terminate (1/3, 31/365).
 * Values never pass through a JS number: they are parsed from and printed
 * to strings, and integers come in only as safe integers. Nothing else
 * does arithmetic on money.
 */
import type { RoundingMode } from "../ir/ir.ts";

/**
 * How large and how fine a computed value may get. Exact `×` doubles the
 * digits each time (a chain of squares in a 1 KB sheet would otherwise
 * exhaust memory); no term sheet needs values beyond 10^1000, or a
 * numerator or denominator of more than 1,000 digits. A result outside
 * these bounds throws DecimalLimitError, which the checker and the runtime
 * turn into diagnostics.
 */
export const DECIMAL_LIMITS = { maxDigits: 1000, maxExponent: 1000 } as const;

/** Places a quotient that does not terminate is printed to, for reading only (traces, messages). */
export const READING_PLACES = 20;

/** A computed value went past DECIMAL_LIMITS. */
export class DecimalLimitError extends Error {
  constructor() {
    super(`a computed value has more than ${DECIMAL_LIMITS.maxDigits} significant digits or is beyond 10^±${DECIMAL_LIMITS.maxExponent}`);
    this.name = "DecimalLimitError";
  }
}

const DECIMAL_TEXT = /^(-?)(\d+)(?:\.(\d+))?$/;
const FRACTION_TEXT = /^(-?\d+)\/(\d+)$/;
const POWERS: bigint[] = [1n];

/** 10^k, remembered: scales are small and recur. */
function pow10(k: number): bigint {
  for (let i = POWERS.length; i <= k; i++) POWERS.push(POWERS[i - 1]! * 10n);
  return POWERS[k]!;
}

const LIMIT = pow10(DECIMAL_LIMITS.maxDigits);

function abs(n: bigint): bigint {
  return n < 0n ? -n : n;
}

/** gcd(a, b) for a, b ≥ 0: in doubles while both are exact there, BigInt beyond. */
function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) {
    if (a <= 9007199254740991n && b <= 9007199254740991n) {
      let x = Number(a);
      let y = Number(b);
      while (y !== 0) [x, y] = [y, x % y];
      return BigInt(x);
    }
    [a, b] = [b, a % b];
  }
  return a;
}

/** How a whole-number rounding treats the remainder: the four modes, and the two infinities. */
type Rule = RoundingMode | "floor" | "ceil";

/**
 * n / d (d > 0) rounded to a whole number under `rule`: "down" towards zero,
 * "up" away from zero, "half_up" ties away from zero, "half_even" ties to the
 * even neighbour, "floor" towards −∞, "ceil" towards +∞.
 */
function divideRounded(n: bigint, d: bigint, rule: Rule): bigint {
  const q = n / d; // towards zero
  const r = n - q * d;
  if (r === 0n) return q;
  const negative = n < 0n;
  const away = negative ? q - 1n : q + 1n;
  switch (rule) {
    case "down": return q;
    case "up": return away;
    case "floor": return negative ? away : q;
    case "ceil": return negative ? q : away;
    case "half_up":
    case "half_even": {
      const twice = 2n * abs(r);
      if (twice > d) return away;
      if (twice < d) return q;
      return rule === "half_up" || (q & 1n) !== 0n ? away : q;
    }
  }
}

/** 10^k for the fast path (k ≥ 0), from the same table. */
export function powerOfTen(k: number): bigint {
  return pow10(k);
}

/** |n| < this for every terminating value within DECIMAL_LIMITS: past it, the fast path leaves the value to Decimal. */
export const SCALED_LIMIT = LIMIT;

/**
 * n × 10^-from rounded to `to` ≤ from places under a rounding mode, or
 * towards −∞ ("floor") / +∞ ("ceil"): the integer at scale `to`. The same
 * rule as Decimal.round, for the fast path's integers.
 */
export function roundScaled(n: bigint, from: number, to: number, rule: RoundingMode | "floor" | "ceil"): bigint {
  return from === to ? n : divideRounded(n, pow10(from - to), rule);
}

export class Decimal {
  /**
   * n / d with d > 0. `scale` ≥ 0: d is exactly 10^scale (a terminating
   * decimal). `scale` −1: n / d is in lowest terms and d has a prime factor
   * other than 2 and 5, so the value does not terminate.
   */
  private constructor(
    private readonly n: bigint,
    private readonly d: bigint,
    private readonly scale: number,
  ) {}

  /** n × 10^-scale, within the limits. */
  private static decimal(n: bigint, scale: number): Decimal {
    if (abs(n) >= LIMIT || scale > DECIMAL_LIMITS.maxDigits) {
      // Trailing zeros may make a small value look long.
      while (scale > 0 && n % 10n === 0n) {
        n /= 10n;
        scale--;
      }
      if (abs(n) >= LIMIT || scale > DECIMAL_LIMITS.maxExponent) throw new DecimalLimitError();
    }
    return new Decimal(n, pow10(scale), scale);
  }

  /** n / d for d ≠ 0, exactly: a decimal when it terminates, otherwise the fraction in lowest terms. */
  private static ratio(n: bigint, d: bigint): Decimal {
    if (d < 0n) {
      n = -n;
      d = -d;
    }
    const g = gcd(abs(n), d);
    if (g !== 1n) {
      n /= g;
      d /= g;
    }
    // d = 2^a·5^b terminates after max(a, b) places.
    let rest = d;
    let twos = 0;
    let fives = 0;
    while ((rest & 1n) === 0n) {
      rest >>= 1n;
      twos++;
    }
    while (rest % 5n === 0n) {
      rest /= 5n;
      fives++;
    }
    if (rest === 1n) {
      const scale = Math.max(twos, fives);
      return Decimal.decimal(n * (pow10(scale) / d), scale);
    }
    if (abs(n) >= LIMIT || d >= LIMIT) throw new DecimalLimitError();
    return new Decimal(n, d, -1);
  }

  static readonly ZERO = new Decimal(0n, 1n, 0);
  static readonly ONE = new Decimal(1n, 1n, 0);

  /** Parses plain decimal text (`-12.50`, `3`); anything else gives null. */
  static parse(text: string): Decimal | null {
    const m = DECIMAL_TEXT.exec(text);
    if (m === null) return null;
    const fraction = m[3] ?? "";
    return Decimal.decimal(BigInt(`${m[1]}${m[2]}${fraction}`), fraction.length);
  }

  /**
   * Parses what `toExactString` writes: plain decimal text, or a fraction
   * `n/d` (d > 0) where a value does not terminate. Null for anything else.
   */
  static parseExact(text: string): Decimal | null {
    const m = FRACTION_TEXT.exec(text);
    if (m === null) return Decimal.parse(text);
    const d = BigInt(m[2]!);
    return d === 0n ? null : Decimal.ratio(BigInt(m[1]!), d);
  }

  /**
   * n × 10^-scale (scale ≥ 0) as a Decimal: the way back from the runtime's
   * scaled-integer fast path (src/runtime/fast/). Within the limits, like
   * any computed value.
   */
  static ofScaled(n: bigint, scale: number): Decimal {
    return Decimal.decimal(n, scale);
  }

  /**
   * This value as an integer at `scale` (n with n × 10^-scale = this), or
   * null when it is not a multiple of 10^-scale (more places, or a quotient
   * that does not terminate): what the fast path reads its operands with.
   */
  scaledTo(scale: number): bigint | null {
    const own = this.scale;
    if (own === scale) return this.n;
    if (own < 0) return null;
    if (own < scale) return this.n * pow10(scale - own);
    const k = pow10(own - scale);
    return this.n % k === 0n ? this.n / k : null;
  }

  /** A safe integer (counts, indexes, days). */
  static ofInt(n: number): Decimal {
    if (!Number.isSafeInteger(n)) throw new RangeError(`not a safe integer: ${n}`);
    return new Decimal(BigInt(n), 1n, 0);
  }

  add(o: Decimal): Decimal {
    if (this.scale >= 0 && o.scale >= 0) {
      if (this.scale === o.scale) return Decimal.decimal(this.n + o.n, this.scale);
      return this.scale > o.scale
        ? Decimal.decimal(this.n + o.n * pow10(this.scale - o.scale), this.scale)
        : Decimal.decimal(this.n * pow10(o.scale - this.scale) + o.n, o.scale);
    }
    if (this.d === o.d) return Decimal.ratio(this.n + o.n, this.d);
    return Decimal.ratio(this.n * o.d + o.n * this.d, this.d * o.d);
  }

  sub(o: Decimal): Decimal {
    return this.add(o.neg());
  }

  mul(o: Decimal): Decimal {
    if (this.scale >= 0 && o.scale >= 0) return Decimal.decimal(this.n * o.n, this.scale + o.scale);
    return Decimal.ratio(this.n * o.n, this.d * o.d);
  }

  /** The exact quotient. The caller checks for a zero divisor (a RangeError here). */
  div(o: Decimal): Decimal {
    if (o.n === 0n) throw new RangeError("division by zero");
    return Decimal.ratio(this.n * o.d, this.d * o.n);
  }

  neg(): Decimal {
    return this.n === 0n ? this : new Decimal(-this.n, this.d, this.scale);
  }

  abs(): Decimal {
    return this.n < 0n ? new Decimal(-this.n, this.d, this.scale) : this;
  }

  cmp(o: Decimal): -1 | 0 | 1 {
    if (o === this) return 0;
    let a: bigint;
    let b: bigint;
    if (this.scale >= 0 && o.scale >= 0) {
      a = this.scale >= o.scale ? this.n : this.n * pow10(o.scale - this.scale);
      b = o.scale >= this.scale ? o.n : o.n * pow10(this.scale - o.scale);
    } else {
      a = this.n * o.d;
      b = o.n * this.d;
    }
    return a < b ? -1 : a > b ? 1 : 0;
  }

  eq(o: Decimal): boolean { return this.cmp(o) === 0; }
  lt(o: Decimal): boolean { return this.cmp(o) < 0; }
  lte(o: Decimal): boolean { return this.cmp(o) <= 0; }
  gt(o: Decimal): boolean { return this.cmp(o) > 0; }
  gte(o: Decimal): boolean { return this.cmp(o) >= 0; }
  isZero(): boolean { return this.n === 0n; }
  isNegative(): boolean { return this.n < 0n; }
  isInteger(): boolean { return this.scale === 0 || (this.scale > 0 && this.n % this.d === 0n); }
  /** Whether the value is a terminating decimal (every value but quotients such as 1/3). */
  isTerminating(): boolean { return this.scale >= 0; }

  static min(a: Decimal, b: Decimal): Decimal { return a.lte(b) ? a : b; }
  static max(a: Decimal, b: Decimal): Decimal { return a.gte(b) ? a : b; }

  /** Rounds to `places` decimals with a rounding mode (half_even unless given), from the exact value. */
  round(places: number, mode: RoundingMode = "half_even"): Decimal {
    if (!Number.isInteger(places) || places < 0) throw new RangeError(`invalid decimal places: ${places}`);
    // Already that fine (an amount in cents, rounded again).
    if (this.scale >= 0 && this.scale <= places) return this;
    return Decimal.decimal(divideRounded(this.n * pow10(places), this.d, mode), places);
  }

  /**
   * The multiple of `step` (> 0) nearest this under a rounding mode, exactly:
   * the mode applies to the exact quotient this / step.
   */
  roundToStep(step: Decimal, mode: RoundingMode = "half_even"): Decimal {
    return this.toStep(step, mode);
  }

  /** The largest multiple of `step` (> 0) ≤ this (towards −∞), exactly. */
  floorToStep(step: Decimal): Decimal {
    return this.toStep(step, "floor");
  }

  /** The smallest multiple of `step` (> 0) ≥ this (towards +∞), exactly. */
  ceilToStep(step: Decimal): Decimal {
    return this.toStep(step, "ceil");
  }

  /** q·step, q the exact quotient this / step rounded to a whole number by `rule`. */
  private toStep(step: Decimal, rule: Rule): Decimal {
    if (step.n <= 0n) throw new RangeError(`a step must be greater than zero, not ${step.toString()}`);
    const q = divideRounded(this.n * step.d, this.d * step.n, rule);
    const multiple = new Decimal(q, 1n, 0).mul(step);
    // The same object back when it is already a multiple (an amount in cents, stepped to a cent).
    return multiple.eq(this) ? this : multiple;
  }

  /** Largest integer ≤ this (towards −∞). */
  floor(): Decimal {
    return this.isInteger() ? this : new Decimal(divideRounded(this.n, this.d, "floor"), 1n, 0);
  }

  /** Smallest integer ≥ this (towards +∞). */
  ceil(): Decimal {
    return this.isInteger() ? this : new Decimal(divideRounded(this.n, this.d, "ceil"), 1n, 0);
  }

  /** Exactly `places` decimals, rounded half-even if needed; never exponent notation. */
  toFixed(places: number): string {
    const r = this.round(places);
    return digitsText(r.n * pow10(places - r.scale), places);
  }

  /**
   * The canonical plain text: no exponent, no trailing zeros. A quotient
   * that does not terminate reads to READING_PLACES places, half-even;
   * `exactText` gives its fraction.
   */
  toString(): string {
    if (this.scale < 0) return this.round(READING_PLACES).toString();
    let n = this.n;
    let scale = this.scale;
    while (scale > 0 && n % 10n === 0n) {
      n /= 10n;
      scale--;
    }
    return digitsText(n, scale);
  }

  /** The value exactly, as `parseExact` reads it: the canonical text, or `n/d` where it does not terminate. */
  toExactString(): string {
    return this.exactText() ?? this.toString();
  }

  /** The exact fraction `n/d` of a value that does not terminate (`31/365`); null for a terminating decimal. */
  exactText(): string | null {
    return this.scale < 0 ? `${this.n}/${this.d}` : null;
  }

  /** JSON text of a value is its canonical text (a BigInt has none). */
  toJSON(): string {
    return this.toString();
  }

  /** A safe integer value, or null when this is not one. */
  toSafeInt(): number | null {
    if (!this.isInteger()) return null;
    const whole = this.n / this.d;
    return whole >= -9007199254740991n && whole <= 9007199254740991n ? Number(whole) : null;
  }
}

/** n × 10^-places as plain text with exactly `places` decimals. */
function digitsText(n: bigint, places: number): string {
  const sign = n < 0n ? "-" : "";
  const digits = abs(n).toString().padStart(places + 1, "0");
  return places === 0 ? `${sign}${digits}` : `${sign}${digits.slice(0, -places)}.${digits.slice(-places)}`;
}
