/**
 * Closed ranges of exact rationals for `tenor bound` (docs/risk.md): a null
 * end is unbounded on that side, and says why (`whyLo` / `whyHi`: the input
 * or event that makes it so), so an unbounded payment can name its cause.
 *
 * Every operation is sound: each value the runtime can compute from values
 * inside the operands lies inside the result. Ends are exact (Decimal is
 * n/d), so no outward rounding is needed; a value past Decimal's limits
 * turns the end unbounded instead of failing.
 */
import { Decimal, DecimalLimitError } from "../../eval/decimal.ts";
import type { RoundingMode } from "../../ir/ir.ts";

export interface Span {
  readonly lo: Decimal | null;
  readonly hi: Decimal | null;
  /** Why `lo` is null (absent when it is not). */
  readonly whyLo?: string;
  /** Why `hi` is null (absent when it is not). */
  readonly whyHi?: string;
}

export const TOO_LARGE = "a value grows past the limits of exact arithmetic";

export function point(v: Decimal): Span {
  return { lo: v, hi: v };
}

export function span(lo: Decimal | null, hi: Decimal | null, whyLo?: string, whyHi?: string): Span {
  return { lo, hi, ...(lo === null ? { whyLo: whyLo ?? "no lower bound is known" } : {}), ...(hi === null ? { whyHi: whyHi ?? "no upper bound is known" } : {}) };
}

export function unbounded(why: string): Span {
  return span(null, null, why, why);
}

export function isPoint(s: Span): boolean {
  return s.lo !== null && s.hi !== null && s.lo.eq(s.hi);
}

/** Runs an operation; an end past Decimal's limits is no end at all. */
export function guard(op: () => Span): Span {
  try {
    return op();
  } catch (error) {
    if (error instanceof DecimalLimitError) return unbounded(TOO_LARGE);
    throw error;
  }
}

export function add(a: Span, b: Span): Span {
  return guard(() => span(
    a.lo === null || b.lo === null ? null : a.lo.add(b.lo),
    a.hi === null || b.hi === null ? null : a.hi.add(b.hi),
    a.whyLo ?? b.whyLo,
    a.whyHi ?? b.whyHi,
  ));
}

export function neg(a: Span): Span {
  return span(a.hi === null ? null : a.hi.neg(), a.lo === null ? null : a.lo.neg(), a.whyHi, a.whyLo);
}

export function sub(a: Span, b: Span): Span {
  return add(a, neg(b));
}

/** An end of a span in extended arithmetic: a number, or ±∞ with its reason. */
type End = { readonly v: Decimal } | { readonly inf: 1 | -1; readonly why: string };

const loEnd = (s: Span): End => (s.lo === null ? { inf: -1, why: s.whyLo ?? "" } : { v: s.lo });
const hiEnd = (s: Span): End => (s.hi === null ? { inf: 1, why: s.whyHi ?? "" } : { v: s.hi });

function sign(e: End): number {
  return "v" in e ? e.v.cmp(Decimal.ZERO) : e.inf;
}

/** x × y on the extended line, 0 × ∞ = 0 (an end that is exactly 0 keeps a product at 0). */
function times(x: End, y: End): End {
  if ("v" in x && "v" in y) return { v: x.v.mul(y.v) };
  const s = sign(x) * sign(y);
  if (s === 0) return { v: Decimal.ZERO };
  return { inf: s > 0 ? 1 : -1, why: "inf" in x ? x.why : (y as { why: string }).why };
}

function compareEnds(x: End, y: End): number {
  if ("v" in x && "v" in y) return x.v.cmp(y.v);
  const a = "v" in x ? 0 : x.inf;
  const b = "v" in y ? 0 : y.inf;
  return a - b;
}

function fromEnds(lo: End, hi: End): Span {
  return span("v" in lo ? lo.v : null, "v" in hi ? hi.v : null, "why" in lo ? lo.why : undefined, "why" in hi ? hi.why : undefined);
}

export function mul(a: Span, b: Span): Span {
  return guard(() => {
    const products = [times(loEnd(a), loEnd(b)), times(loEnd(a), hiEnd(b)), times(hiEnd(a), loEnd(b)), times(hiEnd(a), hiEnd(b))];
    let lo = products[0]!;
    let hi = products[0]!;
    for (const p of products) {
      if (compareEnds(p, lo) < 0) lo = p;
      if (compareEnds(p, hi) > 0) hi = p;
    }
    return fromEnds(lo, hi);
  });
}

/**
 * a / b. Division by zero is a run-time error, so b is never 0 where a
 * value results: a divisor that may come close to 0 from one side makes
 * that side unbounded; one that may be either sign of 0, both.
 */
export function div(a: Span, b: Span, near: string): Span {
  const positive = b.lo !== null && b.lo.gt(Decimal.ZERO);
  const negative = b.hi !== null && b.hi.lt(Decimal.ZERO);
  let inverse: Span;
  if (positive || negative) {
    inverse = guard(() => span(
      b.hi === null ? Decimal.ZERO : Decimal.ONE.div(b.hi),
      b.lo === null ? Decimal.ZERO : Decimal.ONE.div(b.lo),
    ));
  } else if (b.lo !== null && b.lo.isZero() && (b.hi === null || b.hi.gt(Decimal.ZERO))) {
    inverse = span(b.hi === null ? Decimal.ZERO : Decimal.ONE.div(b.hi), null, undefined, near);
  } else if (b.hi !== null && b.hi.isZero() && b.lo !== null) {
    inverse = span(null, Decimal.ONE.div(b.lo), near);
  } else {
    inverse = unbounded(near);
  }
  return mul(a, inverse);
}

/** The smallest span holding both. */
export function hull(a: Span, b: Span): Span {
  return span(
    a.lo === null || b.lo === null ? null : Decimal.min(a.lo, b.lo),
    a.hi === null || b.hi === null ? null : Decimal.max(a.hi, b.hi),
    a.whyLo ?? b.whyLo,
    a.whyHi ?? b.whyHi,
  );
}

/** min(a, b) pointwise. */
export function least(a: Span, b: Span): Span {
  const lo = a.lo === null || b.lo === null ? null : Decimal.min(a.lo, b.lo);
  const hi = a.hi === null ? b.hi : b.hi === null ? a.hi : Decimal.min(a.hi, b.hi);
  return span(lo, hi, a.whyLo ?? b.whyLo, a.whyHi !== undefined && b.whyHi !== undefined ? a.whyHi : undefined);
}

/** max(a, b) pointwise. */
export function most(a: Span, b: Span): Span {
  return neg(least(neg(a), neg(b)));
}

/** The image under a rounding to `places` decimals: rounding is monotone, so the ends round to the ends. */
export function round(a: Span, places: number, mode: RoundingMode): Span {
  return guard(() => span(a.lo?.round(places, mode) ?? null, a.hi?.round(places, mode) ?? null, a.whyLo, a.whyHi));
}

export function equalSpans(a: Span, b: Span): boolean {
  const same = (x: Decimal | null, y: Decimal | null): boolean => (x === null ? y === null : y !== null && x.eq(y));
  return same(a.lo, b.lo) && same(a.hi, b.hi);
}
