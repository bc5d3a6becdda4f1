/**
 * The arithmetic of the finance built-ins (docs/language.md §4): day-count
 * year fractions, linear interpolation between two dates, and currency
 * conversion. Exact except where stated: every division is Decimal's (20
 * places, half-even), like `/`.
 */
import { dayNumber, type CalendarDate } from "./dates.ts";
import { Decimal } from "./decimal.ts";
import type { RoundingMode } from "../ir/ir.ts";

export type DayCount = "act_365f" | "act_360" | "thirty_360";

const D360 = Decimal.ofInt(360);
const D365 = Decimal.ofInt(365);

/**
 * The year fraction from `a` up to (not including) `b`; negative when b is
 * before a. ACT/365F and ACT/360 count actual days; 30/360 is the bond
 * basis of ISDA 2006 4.16(f): D1 = 31 becomes 30, and D2 = 31 becomes 30
 * when D1 (after that) is 30.
 */
export function dayCountFraction(kind: DayCount, a: CalendarDate, b: CalendarDate): Decimal {
  if (kind === "thirty_360") return Decimal.ofInt(thirty360Days(a, b)).div(D360);
  const days = Decimal.ofInt(dayNumber(b) - dayNumber(a));
  return days.div(kind === "act_365f" ? D365 : D360);
}

/** The 30/360 day count from a to b (bond basis). */
export function thirty360Days(a: CalendarDate, b: CalendarDate): number {
  const d1 = a.day === 31 ? 30 : a.day;
  const d2 = b.day === 31 && d1 === 30 ? 30 : b.day;
  return 360 * (b.year - a.year) + 30 * (b.month - a.month) + (d2 - d1);
}

/**
 * from + (to − from) × r, r = (at − a) / (b − a) in days (20 places,
 * half-even); `from` on or before a, `to` on or after b. Needs a before b.
 */
export function interpolate(from: Decimal, to: Decimal, a: CalendarDate, b: CalendarDate, at: CalendarDate): Decimal {
  const na = dayNumber(a);
  const nb = dayNumber(b);
  const n = dayNumber(at);
  if (n <= na) return from;
  if (n >= nb) return to;
  const r = Decimal.ofInt(n - na).div(Decimal.ofInt(nb - na));
  return from.add(to.sub(from).mul(r));
}

/** amount × rate, rounded to the target currency's `decimals` with the deal's mode. */
export function convert(amount: Decimal, rate: Decimal, decimals: number, mode: RoundingMode): Decimal {
  return amount.mul(rate).round(decimals, mode);
}

/** The largest `n` of compound(rate, n): 1000 compounding periods (83 years monthly). */
export const MAX_COMPOUND_PERIODS = 1000;

/**
 * Whether `n` is a valid number of periods for compound: a whole number
 * from 0 to MAX_COMPOUND_PERIODS.
 */
export function isCompoundPeriods(n: Decimal): boolean {
  return n.isInteger() && n.gte(Decimal.ZERO) && n.lte(Decimal.ofInt(MAX_COMPOUND_PERIODS));
}

/**
 * (1 + rate)^n by repeated multiplication: exact, no division. The caller
 * checks isCompoundPeriods(n) first.
 */
export function compound(rate: Decimal, n: Decimal): Decimal {
  const factor = Decimal.ONE.add(rate);
  const count = n.toSafeInt() ?? 0;
  let out = Decimal.ONE;
  for (let i = 0; i < count; i++) out = out.mul(factor);
  return out;
}
