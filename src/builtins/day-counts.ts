/**
 * The day-count year fractions (docs/language.md §4), one registry entry
 * each: `act_365f`, `act_360`, `thirty_360`, and by their ISDA 2006 names
 * `act_act_isda`, `act_act_icma`, `thirty_e_360`, `thirty_e_360_isda`, then
 * `thirty_360_us`, `act_365l` and `nl_365`, which ISDA 2006 does not
 * define. `NAME(a, b)` runs from date a up to (not including) b; `NAME()`
 * over the current period, from period_start up to the day after
 * period_end. The rules themselves, in whole numbers, are in
 * day-count-rules.ts; every division here is Decimal's, like `/`.
 *
 * Three conventions need more than two dates. `act_act_icma` and
 * `act_365l` need the coupon frequency (and ICMA the coupon dates), and
 * `thirty_e_360_isda` the Termination Date. `NAME()` and `NAME(a, b)`
 * take them from the deal's term: its frequency, its coupon dates (the
 * starts of its periods, §6, continued before and after it), and as
 * Termination Date the day after its last day (where its last period's b
 * is). Those forms read the term ("term" in readsPeriod), so they are
 * never folded into constants. `NAME(a, b, frequency)` (coupon dates from
 * a) and `thirty_e_360_isda(a, b, termination)` take it explicitly and
 * depend on their arguments alone.
 */
import { CHECK } from "../diagnostics/codes/check.ts";
import { RUN } from "../diagnostics/codes/run.ts";
import { addDays, type CalendarDate } from "../eval/dates.ts";
import { Decimal } from "../eval/decimal.ts";
import { ERROR_TYPE, PLAIN_TYPE, describeType } from "../types/types.ts";
import type { Builtin, CallSite, Interval, PeriodDates, PeriodRead, TermDates, TypingCall, Value } from "./builtin.ts";
import { UNBOUNDED } from "./builtin.ts";
import { kinds, needDate } from "./args.ts";
import {
  FREQUENCIES,
  act365lBasis,
  actActIcmaParts,
  actActIsdaDays,
  actualDays,
  isFrequency,
  nl365Days,
  thirty360Days,
  thirty360UsDays,
  thirtyE360Days,
  thirtyE360IsdaDays,
} from "./day-count-rules.ts";

export { thirty360Days } from "./day-count-rules.ts";

/** The conventions a year fraction needs nothing but two dates for. */
export type DayCount = "act_365f" | "act_360" | "thirty_360" | "act_act_isda" | "thirty_e_360" | "thirty_360_us" | "nl_365";

const D360 = Decimal.ofInt(360);
const D365 = Decimal.ofInt(365);
const ratio = (num: number, den: number): Decimal => Decimal.ofInt(num).div(Decimal.ofInt(den));

/**
 * The year fraction from `a` up to (not including) `b` under a convention
 * that needs nothing else; negative when b is before a (for the 30/360
 * family, the day rules still apply to a and b as written).
 */
export function dayCountFraction(kind: DayCount, a: CalendarDate, b: CalendarDate): Decimal {
  switch (kind) {
    case "act_365f": return Decimal.ofInt(actualDays(a, b)).div(D365);
    case "act_360": return Decimal.ofInt(actualDays(a, b)).div(D360);
    case "thirty_360": return Decimal.ofInt(thirty360Days(a, b)).div(D360);
    case "thirty_e_360": return Decimal.ofInt(thirtyE360Days(a, b)).div(D360);
    case "thirty_360_us": return Decimal.ofInt(thirty360UsDays(a, b)).div(D360);
    case "nl_365": return Decimal.ofInt(nl365Days(a, b)).div(D365);
    case "act_act_isda": return actActIsdaFraction(a, b);
  }
}

/** Actual/Actual (ISDA): leap-year days / 366 + other days / 365, as the one fraction (366·other + 365·leap) / (365·366). */
export function actActIsdaFraction(a: CalendarDate, b: CalendarDate): Decimal {
  const { leap, common } = actActIsdaDays(a, b);
  return ratio(366 * common + 365 * leap, 365 * 366);
}

/**
 * Actual/Actual (ICMA) with coupon dates anchor + k × 12/frequency months
 * (on month ends with `endOfMonth` when the anchor is one): each whole
 * reference period the span covers counts 1/frequency, the parts at either
 * end days / (frequency × the reference period's days).
 */
export function actActIcmaFraction(a: CalendarDate, b: CalendarDate, anchor: CalendarDate, frequency: number, endOfMonth = false): Decimal {
  let whole = 0;
  let out = Decimal.ZERO;
  for (const p of actActIcmaParts(a, b, anchor, frequency, endOfMonth)) {
    if (Math.abs(p.days) === p.periodDays) whole += Math.sign(p.days);
    else out = out.add(ratio(p.days, frequency * p.periodDays));
  }
  return whole === 0 ? out : out.add(ratio(whole, frequency));
}

/** Actual/365L: actual days over 365 or 366 (act365lBasis). */
export function act365lFraction(a: CalendarDate, b: CalendarDate, frequency: number): Decimal {
  return ratio(actualDays(a, b), act365lBasis(a, b, frequency));
}

/** 30E/360 (ISDA), with the Termination Date (null: b is never it). */
export function thirtyE360IsdaFraction(a: CalendarDate, b: CalendarDate, termination: CalendarDate | null): Decimal {
  return ratio(thirtyE360IsdaDays(a, b, termination), 360);
}

const BOTH_ENDS: readonly PeriodRead[] = ["period_start", "period_end"];
const BOTH_ENDS_AND_TERM: readonly PeriodRead[] = ["period_start", "period_end", "term"];
const TERM: readonly PeriodRead[] = ["term"];

/** What a convention needs besides its two dates: nothing, the coupon frequency, or the Termination Date. */
type Extra = "frequency" | "termination" | null;

/** What a convention is told besides its two dates, from the deal or from the call's third argument. */
interface Context {
  /** The date ICMA's coupon dates roll from: the term's (its start, or the day after its end when it is backward), or `from` when the frequency is given. */
  readonly anchor: CalendarDate;
  /** The term's end-of-month roll (never with an explicit frequency). */
  readonly endOfMonth: boolean;
  readonly frequency: number;
  readonly termination: CalendarDate | null;
}

interface Convention {
  readonly name: string;
  /** The convention in a few words, for explain. */
  readonly basis: string;
  readonly summary: string;
  readonly extra: Extra;
  readonly fraction: (a: CalendarDate, b: CalendarDate, context: Context) => Decimal;
  /** The most NAME() gives over a period (at most 366 days, inside one coupon period of its term): day-counts.test.ts shows it. */
  readonly most: Decimal;
}

/** The context of a call with the deal's term: its frequency, its period dates as coupon dates, the day after its end as the Termination Date. */
function termContext(term: TermDates): Context {
  return { anchor: term.anchor, endOfMonth: term.endOfMonth, frequency: term.perYear, termination: addDays(term.end, 1) };
}

/** The frequency of a third argument, checked by the typing rule; anything else is not a value of this call. */
function frequencyOf(v: Value, site: CallSite): number {
  const n = (v as Decimal).toSafeInt();
  if (n === null || !isFrequency(n)) return site.fail(RUN.internalError, `${site.text} needs a frequency of ${FREQUENCIES.join(", ")} coupons a year`);
  return n;
}

function termOf(period: PeriodDates | null, site: CallSite): TermDates {
  return period?.term ?? site.fail(RUN.internalError, `${site.text} needs the deal's term`);
}

/** The type of the third argument: a constant frequency, or a date. */
function typeExtra(call: TypingCall, name: string, extra: Exclude<Extra, null>): boolean {
  if (extra === "termination") return needDate(call, 2, `${name} needs a date as its third argument (the termination date)`);
  const t = call.args[2]!;
  const want = `${name} needs its third argument to be the coupon frequency, a constant ${FREQUENCIES.slice(0, -1).join(", ")} or ${FREQUENCIES[FREQUENCIES.length - 1]} (coupons a year)`;
  if (t.kind !== "number" || !t.unit.isNone) {
    call.error(CHECK.invalidOperand, 2, `${want}, but it is ${t.kind === "number" ? `in ${t.unit.toString()}` : describeType(t)}`);
    return false;
  }
  const n = call.constant(2);
  if (!(n instanceof Decimal)) {
    call.error(CHECK.invalidOperand, 2, `${want}, but ${call.argText(2)} is not known before the run`);
    return false;
  }
  const k = n.toSafeInt();
  if (k === null || !isFrequency(k)) {
    call.error(CHECK.invalidOperand, 2, `${want}, but it is ${n.toString()}`);
    return false;
  }
  return true;
}

function dayCount(c: Convention): Builtin {
  const { name, basis, extra } = c;
  const periodRange: Interval = { lo: Decimal.ZERO, hi: c.most };
  const third = extra === "frequency" ? "frequency" : "termination";
  const context = (args: readonly Value[], site: CallSite, period: PeriodDates | null, from: CalendarDate): Context => {
    if (extra === null) return { anchor: from, endOfMonth: false, frequency: 1, termination: null };
    if (args.length === 3) {
      return extra === "frequency"
        ? { anchor: from, endOfMonth: false, frequency: frequencyOf(args[2]!, site), termination: null }
        : { anchor: from, endOfMonth: false, frequency: 1, termination: args[2] as CalendarDate };
    }
    return termContext(termOf(period, site));
  };
  const dealWord = extra === "frequency" ? "the deal's coupon frequency" : "the deal's termination date";
  return {
    name,
    arity: extra === null ? { min: 0, max: 2, counts: [0, 2] } : { min: 0, max: 3, counts: [0, 2, 3] },
    usage: `${name}() or ${name}(from, to)${extra === null ? "" : ` or ${name}(from, to, ${third})`}`,
    irType: extra === null
      ? kinds("number", [], ["date", "date"])
      : kinds("number", [], ["date", "date"], ["date", "date", extra === "frequency" ? "number" : "date"]),
    summary: c.summary,
    takesTable: false,
    roundsToCurrency: false,
    type: (call) => {
      if (call.args.length === 0) return call.periodAllowed() ? PLAIN_TYPE : ERROR_TYPE;
      for (let i = 0; i < 2; i++) {
        if (!needDate(call, i, `${name} needs two dates (from, up to but not including)`)) return ERROR_TYPE;
      }
      if (extra === null) return PLAIN_TYPE;
      if (call.args.length === 3) return typeExtra(call, name, extra) ? PLAIN_TYPE : ERROR_TYPE;
      return call.periodAllowed() ? PLAIN_TYPE : ERROR_TYPE;
    },
    evaluate: (args, site, period) => {
      if (args.length >= 2) {
        const from = args[0] as CalendarDate;
        return c.fraction(from, args[1] as CalendarDate, context(args, site, period, from));
      }
      if (period === null) return site.fail(RUN.internalError, `${site.text} needs the current period`);
      return c.fraction(period.start, addDays(period.end, 1), context(args, site, period, period.start));
    },
    readsPeriod: (count) => {
      if (count === 0) return extra === null ? BOTH_ENDS : BOTH_ENDS_AND_TERM;
      return count === 2 && extra !== null ? TERM : [];
    },
    costly: () => true,
    english: (args) => {
      if (args.length === 0) return `the period's length as a fraction of a year (${basis}${extra === null ? "" : `, with ${dealWord}`})`;
      const how = args.length === 3
        ? extra === "frequency" ? `, ${args[2]} coupons a year from ${args[0]}` : `, termination date ${args[2]}`
        : extra === null ? "" : `, with ${dealWord}`;
      return `the fraction of a year from ${args[0]} up to ${args[1]} (${basis}${how})`;
    },
    interval: (args) => (args.length === 0 ? periodRange : UNBOUNDED),
  };
}

const simple = (kind: DayCount) => (a: CalendarDate, b: CalendarDate) => dayCountFraction(kind, a, b);
const over = (num: number, den: number) => ratio(num, den);

export const act365f = dayCount({
  name: "act_365f", basis: "actual days / 365", extra: null, fraction: simple("act_365f"), most: over(366, 365),
  summary: "year fraction ACT/365F: days from `from` up to `to` (excluded) / 365; no arguments: the period",
});
export const act360 = dayCount({
  name: "act_360", basis: "actual days / 360", extra: null, fraction: simple("act_360"), most: over(366, 360),
  summary: "year fraction ACT/360: days from `from` up to `to` (excluded) / 360; no arguments: the period",
});
// Over 366 days or fewer 30/360 counts at most 363 (28 February to 1 March of the next year); 30E/360 and
// 30E/360 (ISDA) too, 30/360 US 361 (day-counts.test.ts finds each over every such span).
export const thirty360 = dayCount({
  name: "thirty_360", basis: "30/360 bond basis", extra: null, fraction: simple("thirty_360"), most: over(363, 360),
  summary: "year fraction 30/360 (ISDA bond basis); no arguments: the period",
});
export const actActIsda = dayCount({
  name: "act_act_isda", basis: "actual/actual ISDA", extra: null, fraction: simple("act_act_isda"), most: over(366, 365),
  summary: "year fraction Actual/Actual (ISDA 2006 4.16(b)): days in leap years / 366 + other days / 365; no arguments: the period",
});
export const actActIcma = dayCount({
  name: "act_act_icma", basis: "actual/actual ICMA", extra: "frequency",
  fraction: (a, b, x) => actActIcmaFraction(a, b, x.anchor, x.frequency, x.endOfMonth),
  // A period lies inside one coupon period of its term: days / (frequency × its days) ≤ 1 / frequency ≤ 1.
  most: Decimal.ONE,
  summary: "year fraction Actual/Actual (ICMA) (ISDA 2006 4.16(c)): days / (frequency × days of the coupon period), coupon dates and frequency the term's, or every 12/frequency months from `from`",
});
export const thirtyE360 = dayCount({
  name: "thirty_e_360", basis: "30E/360 Eurobond basis", extra: null, fraction: simple("thirty_e_360"), most: over(363, 360),
  summary: "year fraction 30E/360 (ISDA 2006 4.16(g), Eurobond basis): every 31st counts as the 30th; no arguments: the period",
});
export const thirtyE360Isda = dayCount({
  name: "thirty_e_360_isda", basis: "30E/360 ISDA", extra: "termination",
  fraction: (a, b, x) => thirtyE360IsdaFraction(a, b, x.termination),
  most: over(363, 360),
  summary: "year fraction 30E/360 (ISDA) (ISDA 2006 4.16(h)): 31sts and February's last day count as the 30th, except `to` on the termination date (the day after the term's end, or the third argument)",
});
export const thirty360Us = dayCount({
  name: "thirty_360_us", basis: "30/360 US", extra: null, fraction: simple("thirty_360_us"), most: over(361, 360),
  summary: "year fraction 30/360 US (SIA, with the February end-of-month rule; not an ISDA 2006 convention); no arguments: the period",
});
export const act365l = dayCount({
  name: "act_365l", basis: "actual/365L", extra: "frequency",
  fraction: (a, b, x) => act365lFraction(a, b, x.frequency),
  most: over(366, 365),
  summary: "year fraction Actual/365L (ICMA Rule 251.1(i); not an ISDA 2006 convention): days / 366 when `to` is in a leap year (annual coupons: when a 29 February is in the span), else / 365",
});
export const nl365 = dayCount({
  name: "nl_365", basis: "NL/365, no leap days", extra: null, fraction: simple("nl_365"), most: over(366, 365),
  summary: "year fraction NL/365 (not an ISDA 2006 convention): actual days less 29 Februaries / 365; no arguments: the period",
});
