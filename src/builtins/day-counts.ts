/**
 * The day-count year fractions (docs/language.md §4): `act_365f`,
 * `act_360`, `thirty_360`. `NAME(a, b)` runs from date a up to (not
 * including) b; `NAME()` over the current period, from period_start up to
 * the day after period_end. Every division is Decimal's, like `/`.
 */
import { RUN } from "../diagnostics/codes/run.ts";
import { addDays, dayNumber, type CalendarDate } from "../eval/dates.ts";
import { Decimal } from "../eval/decimal.ts";
import { ERROR_TYPE, PLAIN_TYPE } from "../types/types.ts";
import type { Builtin, Interval, PeriodRead } from "./builtin.ts";
import { UNBOUNDED } from "./builtin.ts";
import { needDate } from "./args.ts";

export type DayCount = "act_365f" | "act_360" | "thirty_360";

const D360 = Decimal.ofInt(360);
const D365 = Decimal.ofInt(365);
const BOTH_ENDS: readonly PeriodRead[] = ["period_start", "period_end"];

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
 * The most a period can give: a period is at most a year of 366 days, and
 * over 366 days or fewer 30/360 counts at most 363 (28 February to 1 March
 * of the next year; test/builtins shows it over every such span of ten years).
 */
const MOST_IN_A_PERIOD: Readonly<Record<DayCount, Decimal>> = {
  act_365f: Decimal.ofInt(366).div(D365),
  act_360: Decimal.ofInt(366).div(D360),
  thirty_360: Decimal.ofInt(363).div(D360),
};

function dayCount(name: DayCount, basis: string, summary: string): Builtin {
  const periodRange: Interval = { lo: Decimal.ZERO, hi: MOST_IN_A_PERIOD[name] };
  return {
    name,
    arity: { min: 0, max: 2, counts: [0, 2] },
    usage: `${name}() or ${name}(from, to)`,
    summary,
    takesTable: false,
    roundsToCurrency: false,
    type: (call) => {
      if (call.args.length === 0) return call.periodAllowed() ? PLAIN_TYPE : ERROR_TYPE;
      for (let i = 0; i < call.args.length; i++) {
        if (!needDate(call, i, `${name} needs two dates (from, up to but not including)`)) return ERROR_TYPE;
      }
      return PLAIN_TYPE;
    },
    evaluate: (args, site, period) => {
      if (args.length === 2) return dayCountFraction(name, args[0] as CalendarDate, args[1] as CalendarDate);
      if (period === null) return site.fail(RUN.internalError, `${site.text} needs the current period`);
      return dayCountFraction(name, period.start, addDays(period.end, 1));
    },
    readsPeriod: (count) => (count === 0 ? BOTH_ENDS : []),
    costly: () => true,
    english: (args) => (args.length === 0
      ? `the period's length as a fraction of a year (${basis})`
      : `the fraction of a year from ${args[0]} up to ${args[1]} (${basis})`),
    interval: (args) => (args.length === 0 ? periodRange : UNBOUNDED),
  };
}

export const act365f = dayCount("act_365f", "actual days / 365", "year fraction ACT/365F: days from `from` up to `to` (excluded) / 365; no arguments: the period");
export const act360 = dayCount("act_360", "actual days / 360", "year fraction ACT/360: days from `from` up to `to` (excluded) / 360; no arguments: the period");
export const thirty360 = dayCount("thirty_360", "30/360 bond basis", "year fraction 30/360 (ISDA bond basis); no arguments: the period");
