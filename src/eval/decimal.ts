/**
 * Exact decimal arithmetic: the only module that touches big.js (docs/language.md §9).
 *
 * `+ − ×` are exact; division is carried to 20 decimal places, half-even.
 * Values never pass through a JS number: they are parsed from and printed
 * to strings, and integers come in only as safe integers.
 */
import BigModule from "big.js";
import type { Big } from "big.js";
import type { RoundingMode } from "../ir/ir.ts";

// A private constructor so no other big.js configuration can leak in.
const B = BigModule();
B.DP = 20; // division precision, docs/language.md §9
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

/** Whether a value has at most `places` decimals (a whole number ≥ 0; big.js refuses any other). */
function fineEnough(big: Big, places: number): boolean {
  return Number.isInteger(places) && places >= 0 && big.c.length - big.e - 1 <= places;
}

/**
 * The text of a value with at most `places` decimals, zero-padded to
 * exactly `places`: what big.js's toFixed gives, written straight from the
 * digits. Ledgers print every amount this way, already rounded to cents,
 * and big.js would copy, round and join each one first.
 */
function padded(big: Big, places: number): string {
  const { c, e } = big;
  let text = big.s < 0 && c[0] !== 0 ? "-" : "";
  if (e < 0) text += "0";
  for (let i = 0; i <= e; i++) text += i < c.length ? c[i] : "0";
  if (places > 0) text += ".";
  for (let i = e + 1; i <= e + places; i++) text += i >= 0 && i < c.length ? c[i] : "0";
  return text;
}

/** Where a value between two multiples of a step goes: a rounding mode, or towards −∞ (floor) or +∞ (ceil). */
type StepRule = RoundingMode | "floor" | "ceil";

/** Integers of at most this many digits, doubled, stay exact in a JS number (2·10^15 < 2^53). */
const SAFE_DIGITS = 15;

/**
 * Whether a value strictly between two multiples of a step goes to the one
 * farther from zero. `half` is the sign of 2·|r| − step for the remainder
 * r of |x| over the step (0: a tie); `oddNear` tells whether the quotient
 * of the multiple nearer zero is odd.
 */
function awayFromZero(rule: StepRule, negative: boolean, half: number, oddNear: boolean): boolean {
  switch (rule) {
    case "down": return false;
    case "up": return true;
    case "floor": return negative;
    case "ceil": return !negative;
    case "half_up": return half >= 0;
    case "half_even": return half > 0 || (half === 0 && oddNear);
  }
}

/** A coefficient's digits as a number; only for at most SAFE_DIGITS digits. */
function digitsValue(c: readonly number[]): number {
  let n = 0;
  for (const digit of c) n = n * 10 + digit;
  return n;
}

/** Half a unit of the 20th place: a quotient rounded to 20 places is within this of the exact quotient. */
const HALF_LAST_PLACE = new B("0.000000000000000000005");
/** Operands with exponents inside ±this give quotients well inside DECIMAL_LIMITS, which may wait. */
const LAZY_EXPONENT = 400;

export class Decimal {
  /**
   * The value; null for a quotient not divided yet. Division is by far
   * big.js's costliest operation (about 7 µs to 20 places, against well
   * under 1 µs for the others), and a quotient is often only compared
   * (`sold_hours / capacity_hours < 70%`), which multiplication answers
   * exactly (see `quotientSide`). So `div` keeps its operands, and the
   * digits are computed the first time anything else needs them.
   */
  private value: Big | null;

  private constructor(value: Big | null, private dividend: Big | null = null, private divisor: Big | null = null) {
    this.value = value;
  }

  private get big(): Big {
    if (this.value === null) {
      this.value = bounded(this.dividend!.div(this.divisor!));
      this.dividend = null;
      this.divisor = null;
    }
    return this.value;
  }

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
  div(o: Decimal): Decimal {
    const a = this.big;
    const b = o.big;
    // A zero divisor, or operands so large or small that the quotient may pass DECIMAL_LIMITS, divide at once (and fail here).
    const waits = b.c[0] !== 0 && a.e < LAZY_EXPONENT && a.e > -LAZY_EXPONENT && b.e < LAZY_EXPONENT && b.e > -LAZY_EXPONENT;
    return waits ? new Decimal(null, a, b) : new Decimal(bounded(a.div(b)));
  }

  neg(): Decimal { return new Decimal(this.big.neg()); }
  abs(): Decimal { return new Decimal(this.big.abs()); }

  cmp(o: Decimal): -1 | 0 | 1 {
    if (o === this) return 0;
    if (this.value === null) {
      const side = this.quotientSide(o.big);
      if (side !== 0) return side;
    } else if (o.value === null) {
      const side = o.quotientSide(this.value);
      if (side !== 0) return side === 1 ? -1 : 1;
    }
    return this.big.cmp(o.big) as -1 | 0 | 1;
  }

  /**
   * Which side of `c` this undivided quotient falls, without dividing: 0
   * when it is too close to tell. The quotient q is the exact x = n / d
   * rounded to 20 places, so |q − x| ≤ h, half a unit of the last place.
   * With d > 0 and p = d·c: n < p − d·h means x + h < c, so q < c; and
   * n > p + d·h means q > c. Only an x within h of c needs the digits.
   */
  private quotientSide(c: Big): -1 | 0 | 1 {
    let n = this.dividend!;
    let d = this.divisor!;
    if (d.s < 0) {
      n = n.neg();
      d = d.neg();
    }
    const p = d.times(c);
    const side = n.cmp(p);
    if (side === 0) return 0;
    const gap = side < 0 ? p.minus(n) : n.minus(p);
    // d < 10^(d.e+1), so d·h < 10^(d.e−19) ≤ gap whenever gap's leading digit is at or above that place.
    if (gap.e >= d.e - 19) return side as -1 | 1;
    return gap.gt(d.times(HALF_LAST_PLACE)) ? (side as -1 | 1) : 0;
  }

  eq(o: Decimal): boolean { return this.cmp(o) === 0; }
  lt(o: Decimal): boolean { return this.cmp(o) < 0; }
  lte(o: Decimal): boolean { return this.cmp(o) <= 0; }
  gt(o: Decimal): boolean { return this.cmp(o) > 0; }
  gte(o: Decimal): boolean { return this.cmp(o) >= 0; }
  // A sign test reads big.js's documented sign and coefficient; a quotient still undivided compares instead.
  isZero(): boolean { return this.value === null ? this.cmp(Decimal.ZERO) === 0 : this.value.c[0] === 0; }
  isNegative(): boolean { return this.value === null ? this.cmp(Decimal.ZERO) < 0 : this.value.s < 0 && this.value.c[0] !== 0; }
  isInteger(): boolean { return this.big.eq(this.big.round(0, 0)); }

  static min(a: Decimal, b: Decimal): Decimal { return a.lte(b) ? a : b; }
  static max(a: Decimal, b: Decimal): Decimal { return a.gte(b) ? a : b; }

  /** Rounds to `places` decimals with a rounding mode (half_even unless given). */
  round(places: number, mode: RoundingMode = "half_even"): Decimal {
    const big = this.big;
    // Already that fine (an amount in cents, rounded again): big.js would only copy it.
    return fineEnough(big, places) ? this : new Decimal(big.round(places, MODE[mode]));
  }

  /**
   * The multiple of `step` (> 0) nearest this under a rounding mode, exactly:
   * the mode applies to the exact quotient this / step, never to a rounded one.
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

  /**
   * A multiple of `step` chosen by `rule`. With x = X·10^p and step = S·10^p
   * for integers X ≥ 0 (the magnitude) and S > 0 at their common scale p, the
   * exact quotient is X / S = q + r / S: the result is ±q·step or ±(q + 1)·step,
   * decided from r alone. Numbers do this while exact, BigInts beyond that.
   */
  private toStep(step: Decimal, rule: StepRule): Decimal {
    const s = step.big;
    if (s.s < 0 || s.c[0] === 0) throw new RangeError(`a step must be greater than zero, not ${s.toFixed()}`);
    const x = this.big;
    const xc = x.c;
    const sc = s.c;
    if (xc[0] === 0) return this;
    const negative = x.s < 0;
    // The exponents of the last digits: x = coefficient(xc)·10^px, step = coefficient(sc)·10^ps.
    const px = x.e - xc.length + 1;
    const ps = s.e - sc.length + 1;
    if (sc.length === 1 && sc[0] === 1) {
      // A power of ten (a cent, a unit, a thousand): rounding to its place is big.js's exact digit rounding.
      if (px >= ps) return this;
      const rm = rule === "floor" ? (negative ? 3 : 0) : rule === "ceil" ? (negative ? 0 : 3) : MODE[rule];
      const rounded = bounded(x.round(-ps, rm));
      return rounded.c[0] === 0 ? Decimal.ZERO : new Decimal(rounded); // never a −0
    }
    const p = Math.min(px, ps);
    if (xc.length + px - p <= SAFE_DIGITS && sc.length + ps - p <= SAFE_DIGITS) {
      const coefficient = digitsValue(sc);
      const X = digitsValue(xc) * 10 ** (px - p);
      const S = coefficient * 10 ** (ps - p);
      const r = X % S; // exact, like every step here: all values stay below 2·10^15
      if (r === 0) return this;
      const q = (X - r) / S;
      const m = awayFromZero(rule, negative, Math.sign(2 * r - S), q % 2 === 1) ? q + 1 : q;
      return m === 0 ? Decimal.ZERO : new Decimal(bounded(new B(`${negative ? "-" : ""}${m * coefficient}e${ps}`)));
    }
    const coefficient = BigInt(sc.join(""));
    const X = BigInt(xc.join("")) * 10n ** BigInt(px - p);
    const S = coefficient * 10n ** BigInt(ps - p);
    const r = X % S;
    if (r === 0n) return this;
    const q = X / S;
    const twice = 2n * r;
    const half = twice > S ? 1 : twice < S ? -1 : 0;
    const m = awayFromZero(rule, negative, half, (q & 1n) === 1n) ? q + 1n : q;
    return m === 0n ? Decimal.ZERO : new Decimal(bounded(new B(`${negative ? "-" : ""}${m * coefficient}e${ps}`)));
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
    const big = this.big;
    return fineEnough(big, places) ? padded(big, places) : big.toFixed(places, HALF_EVEN);
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
