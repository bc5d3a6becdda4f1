/**
 * Interval arithmetic for the built-ins' interval rules (tenor bound):
 * closed ranges of exact decimals, a null end unbounded. Every rule here is
 * sound: the true values lie inside what it returns.
 */
import { Decimal, DecimalLimitError } from "../eval/decimal.ts";
import type { Interval } from "./builtin.ts";
import { UNBOUNDED } from "./builtin.ts";

/** A single value. */
export function point(v: Decimal): Interval {
  return { lo: v, hi: v };
}

/** The image of an interval under a non-decreasing function. */
export function monotone(x: Interval | null, f: (v: Decimal) => Decimal): Interval {
  if (x === null) return UNBOUNDED;
  return { lo: x.lo === null ? null : f(x.lo), hi: x.hi === null ? null : f(x.hi) };
}

/** The smallest interval holding both. */
export function hull(a: Interval | null, b: Interval | null): Interval {
  if (a === null || b === null) return UNBOUNDED;
  return {
    lo: a.lo === null || b.lo === null ? null : Decimal.min(a.lo, b.lo),
    hi: a.hi === null || b.hi === null ? null : Decimal.max(a.hi, b.hi),
  };
}

/** The interval of a product of values in `a` and `b`: unbounded unless both are bounded. */
export function times(a: Interval | null, b: Interval | null): Interval {
  if (a?.lo == null || a.hi === null || b?.lo == null || b.hi === null) return UNBOUNDED;
  const products = [a.lo.mul(b.lo), a.lo.mul(b.hi), a.hi.mul(b.lo), a.hi.mul(b.hi)];
  return { lo: products.reduce((m, v) => Decimal.min(m, v)), hi: products.reduce((m, v) => Decimal.max(m, v)) };
}

/** `x` widened by `by` (≥ 0) below and above, as a rounding to a step of at most `by` moves a value. */
export function widen(x: Interval | null, below: Decimal | null, above: Decimal | null): Interval {
  if (x === null) return UNBOUNDED;
  return {
    lo: x.lo === null || below === null ? null : x.lo.sub(below),
    hi: x.hi === null || above === null ? null : x.hi.add(above),
  };
}

/** Runs an interval rule; a bound past Decimal's limits is no bound at all. */
export function guarded(rule: () => Interval): Interval {
  try {
    return rule();
  } catch (error) {
    if (error instanceof DecimalLimitError) return UNBOUNDED;
    throw error;
  }
}
