/**
 * Exact decimal arithmetic: the only module that touches big.js (brief §6).
 *
 * `+ − ×` are exact; division is carried to 20 decimal places, half-even.
 * Values never pass through a JS number: they are parsed from and printed
 * to strings, and integers come in only as safe integers.
 */
import BigModule from "big.js";
import type { Big } from "big.js";
import type { RoundingMode } from "../syntax/ast.ts";

// A private constructor so no other big.js configuration can leak in.
const B = BigModule();
B.DP = 20; // division precision, brief §6.1
B.RM = 2; // half-even
B.NE = -1_000_000; // never print exponent notation
B.PE = 1_000_000;
B.strict = true; // refuse JS numbers: everything enters as a string

const DIVISION_PLACES = 20;
const ONE_BIG = new B("1");
const HALF_EVEN = 2;
const MODE: Record<RoundingMode, 0 | 1 | 2 | 3> = { down: 0, half_up: 1, half_even: 2, up: 3 };
const DECIMAL_TEXT = /^-?\d+(\.\d+)?$/;

/**
 * How large and how fine a computed value may get. Exact `×` doubles the
 * digits each time (a chain of squares in a 1 KB sheet would otherwise
 * exhaust memory); no term sheet needs values beyond 10^1000 or digits
 * past 1,000. A result outside these bounds throws DecimalLimitError,
 * which the checker and the runtime turn into diagnostics.
 */
export const DECIMAL_LIMITS = { maxDigits: 1000, maxExponent: 1000 } as const;

/** A computed value went past DECIMAL_LIMITS. */
export class DecimalLimitError extends Error {
  constructor() {
    super(`a computed value has more than ${DECIMAL_LIMITS.maxDigits} significant digits or is beyond 10^±${DECIMAL_LIMITS.maxExponent}`);
    this.name = "DecimalLimitError";
  }
}

/** Wraps an arithmetic result, refusing values past DECIMAL_LIMITS. */
function bounded(big: Big): Big {
  if (big.c.length > DECIMAL_LIMITS.maxDigits || big.e > DECIMAL_LIMITS.maxExponent || big.e < -DECIMAL_LIMITS.maxExponent) {
    throw new DecimalLimitError();
  }
  return big;
}

export class Decimal {
  private constructor(private readonly big: Big) {}

  static readonly ZERO = new Decimal(new B("0"));
  static readonly ONE = new Decimal(new B("1"));

  /** Parses plain decimal text (`-12.50`, `3`); anything else gives null. */
  static parse(text: string): Decimal | null {
    return DECIMAL_TEXT.test(text) ? new Decimal(new B(text)) : null;
  }

  /** A safe integer (counts, indexes, days). */
  static ofInt(n: number): Decimal {
    if (!Number.isSafeInteger(n)) throw new RangeError(`not a safe integer: ${n}`);
    return new Decimal(new B(String(n)));
  }

  add(o: Decimal): Decimal { return new Decimal(bounded(this.big.plus(o.big))); }
  sub(o: Decimal): Decimal { return new Decimal(bounded(this.big.minus(o.big))); }
  mul(o: Decimal): Decimal { return new Decimal(bounded(this.big.times(o.big))); }
  /** Division to 20 places, half-even. The caller checks for a zero divisor. */
  div(o: Decimal): Decimal { return new Decimal(bounded(this.big.div(o.big))); }
  neg(): Decimal { return new Decimal(this.big.neg()); }
  abs(): Decimal { return new Decimal(this.big.abs()); }

  cmp(o: Decimal): -1 | 0 | 1 { return this.big.cmp(o.big) as -1 | 0 | 1; }
  eq(o: Decimal): boolean { return this.big.eq(o.big); }
  lt(o: Decimal): boolean { return this.big.lt(o.big); }
  lte(o: Decimal): boolean { return this.big.lte(o.big); }
  gt(o: Decimal): boolean { return this.big.gt(o.big); }
  gte(o: Decimal): boolean { return this.big.gte(o.big); }
  isZero(): boolean { return this.big.eq(Decimal.ZERO.big); }
  isNegative(): boolean { return this.big.lt(Decimal.ZERO.big); }
  isInteger(): boolean { return this.big.eq(this.big.round(0, 0)); }

  static min(a: Decimal, b: Decimal): Decimal { return a.lte(b) ? a : b; }
  static max(a: Decimal, b: Decimal): Decimal { return a.gte(b) ? a : b; }

  /** Rounds to `places` decimals with a rounding mode (half_even unless given). */
  round(places: number, mode: RoundingMode = "half_even"): Decimal {
    return new Decimal(this.big.round(places, MODE[mode]));
  }

  /** Rounds to a multiple of `step` (> 0) with a rounding mode. */
  roundToStep(step: Decimal, mode: RoundingMode = "half_even"): Decimal {
    return new Decimal(this.big.div(step.big).round(0, MODE[mode]).times(step.big));
  }

  /** Largest integer ≤ this (towards −∞). */
  floor(): Decimal {
    const t = this.big.round(0, 0);
    return new Decimal(t.gt(this.big) ? t.minus(ONE_BIG) : t);
  }

  /** Smallest integer ≥ this (towards +∞). */
  ceil(): Decimal {
    const t = this.big.round(0, 0);
    return new Decimal(t.lt(this.big) ? t.plus(ONE_BIG) : t);
  }

  /** Exactly `places` decimals, rounded half-even if needed; never exponent notation. */
  toFixed(places: number): string {
    return this.big.toFixed(places, HALF_EVEN);
  }

  /** The canonical plain text: no exponent, no trailing zeros. */
  toString(): string {
    return this.big.toFixed();
  }

  /** A safe integer value, or null when this is not one. */
  toSafeInt(): number | null {
    if (!this.isInteger()) return null;
    const n = Number(this.big.toFixed(0));
    return Number.isSafeInteger(n) ? n : null;
  }
}

export { DIVISION_PLACES };
