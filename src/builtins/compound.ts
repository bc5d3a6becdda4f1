/**
 * `compound(rate, n)` (docs/language.md §4): (1 + rate)^n by repeated
 * multiplication, exact; rate a plain number, n a whole number from 0 to
 * MAX_COMPOUND_PERIODS.
 */
import { CHECK } from "../diagnostics/codes/check.ts";
import { RUN } from "../diagnostics/codes/run.ts";
import { Decimal } from "../eval/decimal.ts";
import { PLAIN_TYPE, describeType } from "../types/types.ts";
import type { Builtin, Interval } from "./builtin.ts";
import { NO_PERIOD, UNBOUNDED } from "./builtin.ts";
import { guarded } from "./interval.ts";
import { kinds } from "./args.ts";

/** The largest `n` of compound(rate, n): 1000 compounding periods (83 years monthly). */
export const MAX_COMPOUND_PERIODS = 1000;
const MAX_N = Decimal.ofInt(MAX_COMPOUND_PERIODS);

/** Whether `n` is a valid number of periods: a whole number from 0 to MAX_COMPOUND_PERIODS. */
export function isCompoundPeriods(n: Decimal): boolean {
  return n.isInteger() && n.gte(Decimal.ZERO) && n.lte(MAX_N);
}

/** (1 + rate)^n, exact, no division. The caller checks isCompoundPeriods(n) first. */
export function compoundOf(rate: Decimal, n: Decimal): Decimal {
  const factor = Decimal.ONE.add(rate);
  const count = n.toSafeInt() ?? 0;
  let out = Decimal.ONE;
  for (let i = 0; i < count; i++) out = out.mul(factor);
  return out;
}

export const compound: Builtin = {
  name: "compound",
  arity: { min: 2, max: 2 },
  usage: "compound(rate, n)",
  summary: "(1 + rate)^n, exact: rate a plain number, n a whole number from 0 to 1000",
  takesTable: false,
  roundsToCurrency: false,
  irType: kinds("number", ["number", "number"]),
  type: (call) => {
    const names = ["rate", "n"];
    for (let i = 0; i < 2; i++) {
      const t = call.args[i]!;
      if (t.kind === "number" && t.unit.isNone) continue;
      return call.error(
        CHECK.compoundNotPlain,
        i,
        `compound needs plain numbers as rate and n, but ${names[i]} is ${t.kind === "number" ? `in ${t.unit.toString()}` : describeType(t)}`,
      );
    }
    const n = call.constant(1);
    if (n instanceof Decimal && !isCompoundPeriods(n)) {
      return call.error(CHECK.compoundExponentInvalid, 1, `compound needs n to be a whole number from 0 to ${MAX_COMPOUND_PERIODS}, but it is ${n.toString()}`);
    }
    return PLAIN_TYPE;
  },
  evaluate: ([rate, n], site) => {
    const k = n as Decimal;
    if (!isCompoundPeriods(k)) {
      site.fail(RUN.compoundExponentInvalid, `compound needs n to be a whole number from 0 to ${MAX_COMPOUND_PERIODS}, but it is ${k.toString()} in ${site.text}`);
    }
    return compoundOf(rate as Decimal, k);
  },
  readsPeriod: () => NO_PERIOD,
  costly: () => true,
  english: ([rate, n]) => `1 plus ${rate}, raised to the power ${n}`,
  interval: ([rate, n]): Interval => guarded(() => {
    // n is a whole number in [0, MAX]: a non-negative rate grows with both, a rate in [−1, 0] keeps the power in [0, 1].
    const lo = rate?.lo ?? null;
    const hi = rate?.hi ?? null;
    if (lo === null || hi === null) return UNBOUNDED;
    // Only n from 0 to MAX is ever evaluated; an interval with none of them has no value to bound.
    const nLo = n?.lo != null && n.lo.gte(Decimal.ZERO) ? n.lo.ceil() : Decimal.ZERO;
    const nHi = n?.hi != null && n.hi.lte(MAX_N) ? n.hi.floor() : MAX_N;
    if (nLo.gt(nHi)) return UNBOUNDED;
    const minusOne = Decimal.ONE.neg();
    if (lo.lt(minusOne)) return UNBOUNDED;
    if (!lo.isNegative()) return { lo: compoundOf(lo, nLo), hi: compoundOf(hi, nHi) };
    if (!hi.gt(Decimal.ZERO)) return { lo: Decimal.ZERO, hi: Decimal.ONE };
    return { lo: Decimal.ZERO, hi: Decimal.max(Decimal.ONE, compoundOf(hi, nHi)) };
  }),
};
