/**
 * The day-count conventions of docs/language.md §4 as integer arithmetic,
 * each by its ISDA 2006 section (Section 4.16 of the 2006 ISDA
 * Definitions) or, for the three that ISDA 2006 does not define, by its
 * market source. Nothing here divides: a convention gives whole numbers
 * (days, and the basis they are counted over), and the built-ins of
 * day-counts.ts make the year fraction from them with Decimal's division.
 *
 * Every span runs from `a` up to, not including, `b` (an ISDA Calculation
 * Period: "from and including … to but excluding …"). test/builtins
 * compares each rule with QuantLib over generated dates, and with the
 * worked examples of ISDA's papers.
 */
import { addMonths, compareDates, dayNumber, daysInMonth, isLeapYear, type CalendarDate } from "../eval/dates.ts";

/** Coupon frequencies a year for which a coupon period is a whole number of months (ICMA Rule 251's "Frequency"). */
export const FREQUENCIES: readonly number[] = [1, 2, 3, 4, 6, 12];

/** Whether `n` is one of FREQUENCIES. */
export function isFrequency(n: number): boolean {
  return FREQUENCIES.includes(n);
}

/** Actual days from a up to b (negative when b is before a). */
export function actualDays(a: CalendarDate, b: CalendarDate): number {
  return dayNumber(b) - dayNumber(a);
}

/** Whether a date is the last day of February (28th, or 29th in a leap year). */
export function isLastOfFebruary(d: CalendarDate): boolean {
  return d.month === 2 && d.day === daysInMonth(d.year, 2);
}

function thirty(a: CalendarDate, b: CalendarDate, d1: number, d2: number): number {
  return 360 * (b.year - a.year) + 30 * (b.month - a.month) + (d2 - d1);
}

/**
 * 30/360, the bond basis (ISDA 2006 4.16(f)): D1 = 31 becomes 30; D2 = 31
 * becomes 30 when D1 (after that) is 30.
 */
export function thirty360Days(a: CalendarDate, b: CalendarDate): number {
  const d1 = a.day === 31 ? 30 : a.day;
  const d2 = b.day === 31 && d1 === 30 ? 30 : b.day;
  return thirty(a, b, d1, d2);
}

/** 30E/360, the Eurobond basis (ISDA 2006 4.16(g)): a 31st, first or second date, counts as the 30th. */
export function thirtyE360Days(a: CalendarDate, b: CalendarDate): number {
  return thirty(a, b, Math.min(a.day, 30), Math.min(b.day, 30));
}

/**
 * 30E/360 (ISDA) (ISDA 2006 4.16(h)): D1 = 30 when it is the last day of
 * February or the 31st; D2 = 30 when it is the 31st, or the last day of
 * February unless b is the Termination Date (`termination`; null: no date
 * is).
 */
export function thirtyE360IsdaDays(a: CalendarDate, b: CalendarDate, termination: CalendarDate | null): number {
  const d1 = a.day === 31 || isLastOfFebruary(a) ? 30 : a.day;
  const finalDate = termination !== null && compareDates(b, termination) === 0;
  const d2 = b.day === 31 || (isLastOfFebruary(b) && !finalDate) ? 30 : b.day;
  return thirty(a, b, d1, d2);
}

/**
 * 30/360 US, the rule of the SIA's Standard Securities Calculation Methods
 * (not an ISDA 2006 convention), with the end-of-month rule, applied in
 * its order: (1) a and b both the last day of February: D2 = 30; (2) a the
 * last day of February: D1 = 30; (3) D2 = 31 and D1 (after 1–2) 30 or 31:
 * D2 = 30; (4) D1 = 31: D1 = 30.
 */
export function thirty360UsDays(a: CalendarDate, b: CalendarDate): number {
  let d1 = a.day;
  let d2 = b.day;
  if (isLastOfFebruary(a)) {
    if (isLastOfFebruary(b)) d2 = 30;
    d1 = 30;
  }
  if (d2 === 31 && d1 >= 30) d2 = 30;
  if (d1 === 31) d1 = 30;
  return thirty(a, b, d1, d2);
}

/** How many 29 Februaries fall after `a` and on or before `b` (a ≤ b). */
function leapDaysAfter(a: CalendarDate, b: CalendarDate): number {
  // The 29 Februaries of the years y with 29 Feb y in (a, b].
  const first = a.month <= 2 && !(a.month === 2 && a.day === 29) ? a.year : a.year + 1;
  const last = b.month > 2 || (b.month === 2 && b.day === 29) ? b.year : b.year - 1;
  return last < first ? 0 : leapYearsThrough(last) - leapYearsThrough(first - 1);
}

/** Leap years from year 1 through `y` (0 for y ≤ 0… by the same formula, which is all a difference needs). */
function leapYearsThrough(y: number): number {
  return Math.floor(y / 4) - Math.floor(y / 100) + Math.floor(y / 400);
}

/**
 * NL/365 (not an ISDA 2006 convention: "Actual/365 No Leap"): the actual
 * days less every 29 February after a up to and including b — as if each
 * 29 February were the 28th — over 365. Negative when b is before a.
 */
export function nl365Days(a: CalendarDate, b: CalendarDate): number {
  if (compareDates(b, a) < 0) return -nl365Days(b, a);
  return actualDays(a, b) - leapDaysAfter(a, b);
}

/**
 * Actual/Actual (ISDA) (ISDA 2006 4.16(b)): the days of the span that fall
 * in leap years (over 366) and those that fall in other years (over 365).
 * Both negative when b is before a.
 */
export function actActIsdaDays(a: CalendarDate, b: CalendarDate): { readonly leap: number; readonly common: number } {
  if (compareDates(b, a) < 0) {
    const r = actActIsdaDays(b, a);
    return { leap: -r.leap, common: -r.common };
  }
  let leap = 0;
  let common = 0;
  for (let y = a.year; y <= b.year; y++) {
    const from = y === a.year ? dayNumber(a) : dayNumber({ year: y, month: 1, day: 1 });
    const to = y === b.year ? dayNumber(b) : dayNumber({ year: y + 1, month: 1, day: 1 });
    if (isLeapYear(y)) leap += to - from;
    else common += to - from;
  }
  return { leap, common };
}

/** One reference period an ICMA span overlaps: the span's days in it, and the period's own days. */
export interface IcmaPart {
  readonly days: number;
  readonly periodDays: number;
}

/**
 * The coupon date k periods of `months` from `anchor` (k may be negative),
 * counted from the anchor each time as a term's period dates are
 * (docs/language.md §6): the anchor's day, or the month's last day where
 * it does not exist; with `endOfMonth`, when the anchor is a month's last
 * day, always the month's last day.
 */
export function couponDate(anchor: CalendarDate, months: number, k: number, endOfMonth = false): CalendarDate {
  const d = addMonths(anchor, k * months);
  if (!endOfMonth || anchor.day !== daysInMonth(anchor.year, anchor.month)) return d;
  return Object.freeze({ year: d.year, month: d.month, day: daysInMonth(d.year, d.month) });
}

/**
 * Actual/Actual (ICMA) (ISDA 2006 4.16(c), ICMA Rule 251): the coupon
 * dates are couponDate(anchor, 12 / frequency, k) for every whole k. A
 * span is cut at the coupon dates; the part in the reference period
 * [c_k, c_k+1) counts days / (frequency × the period's days). The parts in
 * order, each with the sign of the span (negative when b is before a: the
 * span from b to a, negated).
 */
export function actActIcmaParts(
  a: CalendarDate,
  b: CalendarDate,
  anchor: CalendarDate,
  frequency: number,
  endOfMonth = false,
): IcmaPart[] {
  if (!isFrequency(frequency)) throw new Error(`internal: ${frequency} coupons a year`);
  const sign = compareDates(b, a) < 0 ? -1 : 1;
  const [lo, hi] = sign < 0 ? [b, a] : [a, b];
  const months = 12 / frequency;
  const parts: IcmaPart[] = [];
  const hiDay = dayNumber(hi);
  let k = couponIndex(anchor, months, lo, endOfMonth);
  let start = dayNumber(lo);
  let c = dayNumber(couponDate(anchor, months, k, endOfMonth));
  while (start < hiDay) {
    const next = dayNumber(couponDate(anchor, months, k + 1, endOfMonth));
    const end = Math.min(next, hiDay);
    parts.push({ days: sign * (end - start), periodDays: next - c });
    start = end;
    c = next;
    k++;
  }
  return parts;
}

/** The k of the coupon period holding d: couponDate(…, k) ≤ d < couponDate(…, k + 1). */
export function couponIndex(anchor: CalendarDate, months: number, d: CalendarDate, endOfMonth = false): number {
  let k = Math.floor(((d.year - anchor.year) * 12 + (d.month - anchor.month)) / months);
  while (compareDates(couponDate(anchor, months, k, endOfMonth), d) > 0) k--;
  while (compareDates(couponDate(anchor, months, k + 1, endOfMonth), d) <= 0) k++;
  return k;
}

/**
 * Actual/365L (not an ISDA 2006 convention: ICMA Rule 251.1(i), the
 * "ISMA-Year"): the denominator of a span from a to b (b the period's end,
 * the interest payment date). Annual coupons (frequency 1): 366 when a
 * 29 February falls after a and on or before b, else 365. More frequent
 * coupons: 366 when b is in a leap year, else 365. For b before a, the
 * span from b to a.
 */
export function act365lBasis(a: CalendarDate, b: CalendarDate, frequency: number): 365 | 366 {
  if (compareDates(b, a) < 0) return act365lBasis(b, a, frequency);
  if (frequency === 1) return leapDaysAfter(a, b) > 0 ? 366 : 365;
  return isLeapYear(b.year) ? 366 : 365;
}
