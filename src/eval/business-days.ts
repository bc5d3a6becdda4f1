/**
 * Business days and payment dates (docs/language.md §6 "Payment dates"):
 * pure functions over calendar dates, no JS `Date`. A business day is a
 * Monday to Friday that is not a holiday of the calendar; which weekdays are
 * holidays is the calendar's business (a set of day numbers, resolved at
 * compile time from src/eval/holiday-rules.ts and the sheet's own dates).
 *
 * The rules are QuantLib's (`Calendar::adjust` and `Calendar::advance` with
 * a unit of days), checked against it for thousands of dates in
 * test/eval/business-days-quantlib.test.ts.
 */
import type { BusinessDayConvention, IrPaymentRule } from "../ir/ir.ts";
import { addDays, dayNumber, fromDayNumber } from "./dates.ts";
import type { CalendarDate } from "./dates.ts";

/** The holidays a calendar knows: weekdays that are not business days. */
export interface BusinessCalendar {
  /** True when the weekday with this day number (days since 1970-01-01) is a holiday. */
  isHoliday(day: number): boolean;
}

/** ISO weekday of a day number: 1 = Monday … 7 = Sunday (1970-01-01 was a Thursday). */
export function weekdayOf(day: number): number {
  return ((((day + 3) % 7) + 7) % 7) + 1;
}

/** ISO weekday of a date: 1 = Monday … 7 = Sunday. */
export function weekday(d: CalendarDate): number {
  return weekdayOf(dayNumber(d));
}

function isBusinessDayNumber(day: number, calendar: BusinessCalendar): boolean {
  return weekdayOf(day) <= 5 && !calendar.isHoliday(day);
}

/** Monday to Friday and not a holiday of the calendar. */
export function isBusinessDay(d: CalendarDate, calendar: BusinessCalendar): boolean {
  return isBusinessDayNumber(dayNumber(d), calendar);
}

function step(day: number, by: 1 | -1, calendar: BusinessCalendar): number {
  let d = day;
  while (!isBusinessDayNumber(d, calendar)) d += by;
  return d;
}

/**
 * The business day a date moves to: itself when it is one; otherwise the
 * next (`following`), the previous (`preceding`), or the next unless that
 * is in another month, then the previous (`modified_following`).
 */
export function adjust(d: CalendarDate, convention: BusinessDayConvention, calendar: BusinessCalendar): CalendarDate {
  const day = dayNumber(d);
  if (isBusinessDayNumber(day, calendar)) return d;
  if (convention === "preceding") return fromDayNumber(step(day, -1, calendar));
  const next = step(day, 1, calendar);
  if (convention === "following") return fromDayNumber(next);
  const moved = fromDayNumber(next);
  return moved.month === d.month ? moved : fromDayNumber(step(day, -1, calendar));
}

/**
 * The `n`-th business day after `d` (before it when n < 0), counting from
 * the day after (before) `d` whether or not `d` is a business day; `d`
 * adjusted by `convention` when n = 0. QuantLib's
 * `Calendar::advance(d, n, Days, convention)`.
 */
export function advanceBusinessDays(d: CalendarDate, n: number, convention: BusinessDayConvention, calendar: BusinessCalendar): CalendarDate {
  if (n === 0) return adjust(d, convention, calendar);
  const by = n > 0 ? 1 : -1;
  let day = dayNumber(d);
  for (let left = Math.abs(n); left > 0; left--) day = step(day + by, by, calendar);
  return fromDayNumber(day);
}

/** The period dates a payment date is counted from. */
export interface PeriodDates {
  readonly start: CalendarDate;
  readonly end: CalendarDate;
}

/**
 * A period's payment date under a `paid` rule (the calendar is the rule's):
 * the anchor plus `lag` calendar days, adjusted; or `lag` business days
 * after the anchor (docs/language.md §6 "Payment dates").
 */
export function paymentDateOf(period: PeriodDates, rule: IrPaymentRule, calendar: BusinessCalendar): CalendarDate {
  const anchor = rule.anchor === "period_start" ? period.start : period.end;
  return rule.lagUnit === "business_days"
    ? advanceBusinessDays(anchor, rule.lag, rule.convention, calendar)
    : adjust(addDays(anchor, rule.lag), rule.convention, calendar);
}

/** A calendar of the given holidays (day numbers). */
export function calendarOfDays(days: Iterable<number>): BusinessCalendar {
  const set = new Set(days);
  return { isHoliday: (day) => set.has(day) };
}
