/**
 * The periods of a term (docs/language.md §6).
 *
 * `term A to B, monthly|quarterly|annually`: the period dates (each
 * period's start, then the day after B) are rolled by s = 1, 3 or 12 months.
 * Forward (the default), period k (k = 0, 1, …) starts at A + k·s months,
 * computed from A each time so a clamped month-end never drifts (A =
 * 2026-01-31 gives 2026-02-28, then 2026-03-31), and ends the day before
 * the next start, never after B: the last period may be a stub. Backward,
 * the dates are Z − k·s months with Z = B + 1 day, down to A: the first
 * period may be a stub. With `end_of_month`, when the date rolled from (A
 * forward, Z backward) is the last day of its month, every date in between
 * is the last day of its month. These are QuantLib's Schedule rules (Forward
 * or Backward, unadjusted, endOfMonth) for the dates A … Z
 * (test/eval/business-days-quantlib.test.ts). Contract year n covers
 * [A + (n−1) years, A + n years); a period belongs to the contract year in
 * which it starts.
 */
import type { Frequency, TermGeneration } from "../ir/ir.ts";
import { addDays, addMonths, compareDates, daysBetween, daysInMonth, formatDate, parseDate } from "./dates.ts";
import type { CalendarDate } from "./dates.ts";

export interface Period {
  /** 1-based, as the ledger's `index` and the `period_index` fact. */
  index: number;
  /** ISO start date. */
  start: string;
  /** ISO end date, inclusive. */
  end: string;
  /** 1-based contract year the period starts in. */
  contractYear: number;
  /** Days in the period, both ends included. */
  days: number;
}

/** Months between consecutive period starts. */
export const MONTHS_PER_PERIOD: Readonly<Record<Frequency, number>> = { monthly: 1, quarterly: 3, annually: 12 };

/**
 * Every period of the term `start to end` (ISO dates). Gives [] when a date
 * is not a real ISO date or `end` is before `start`: the checker reports
 * those, and nothing downstream should have to guess a calendar.
 */
export function periodsOfTerm(start: string, end: string, frequency: Frequency, generation: TermGeneration = {}): Period[] {
  const a = parseDate(start);
  const b = parseDate(end);
  if (!a || !b || compareDates(a, b) > 0) return [];
  const starts = generation.generation === "backward"
    ? backwardStarts(a, b, MONTHS_PER_PERIOD[frequency], generation.endOfMonth === true)
    : forwardStarts(a, b, MONTHS_PER_PERIOD[frequency], generation.endOfMonth === true);
  const periods: Period[] = [];
  let contractYear = 1;
  let nextYearStart = addMonths(a, 12);
  for (let k = 0; k < starts.length; k++) {
    const s = starts[k]!;
    const next = starts[k + 1];
    const e = next === undefined ? b : addDays(next, -1);
    while (compareDates(s, nextYearStart) >= 0) {
      contractYear++;
      nextYearStart = addMonths(a, 12 * contractYear);
    }
    periods.push({
      index: k + 1,
      start: formatDate(s),
      end: formatDate(e),
      contractYear,
      days: daysBetween(s, e) + 1,
    });
  }
  return periods;
}

function isMonthEnd(d: CalendarDate): boolean {
  return d.day === daysInMonth(d.year, d.month);
}

function monthEnd(d: CalendarDate): CalendarDate {
  return Object.freeze({ year: d.year, month: d.month, day: daysInMonth(d.year, d.month) });
}

/** A + k·step months for k = 0, 1, … while on or before B (each from A; on month ends when `eom` and A is one). */
function forwardStarts(a: CalendarDate, b: CalendarDate, step: number, eom: boolean): CalendarDate[] {
  const roll = eom && isMonthEnd(a);
  const starts: CalendarDate[] = [];
  for (let k = 0; ; k++) {
    const d = k === 0 ? a : roll ? monthEnd(addMonths(a, k * step)) : addMonths(a, k * step);
    if (compareDates(d, b) > 0) break;
    starts.push(d);
  }
  return starts;
}

/** Z − k·step months (Z = B + 1 day) for k = 1, 2, … while on or after A, then A itself when it is not one of them; ascending. */
function backwardStarts(a: CalendarDate, b: CalendarDate, step: number, eom: boolean): CalendarDate[] {
  const z = addDays(b, 1);
  const roll = eom && isMonthEnd(z);
  const starts: CalendarDate[] = [];
  for (let k = 1; ; k++) {
    const d = roll ? monthEnd(addMonths(z, -k * step)) : addMonths(z, -k * step);
    if (compareDates(d, a) < 0) break;
    starts.push(d);
  }
  if (starts.length === 0 || compareDates(starts[starts.length - 1]!, a) !== 0) starts.push(a);
  return starts.reverse();
}

/** The term as the deal header carries it. */
export interface TermSpec extends TermGeneration {
  readonly start: string;
  readonly end: string;
  readonly frequency: Frequency;
}

/** The periods of a term given as one value (a DealHeader's `term`). */
export function periodsOf(term: TermSpec): Period[] {
  return periodsOfTerm(term.start, term.end, term.frequency, term);
}

/**
 * How many contract years the periods of the term start in: what a
 * `by contract_year` schedule must cover. 0 for an invalid term.
 */
export function contractYearCount(term: TermSpec): number {
  const periods = periodsOf(term);
  return periods.length === 0 ? 0 : periods[periods.length - 1]!.contractYear;
}

/** The period containing an ISO date, or null when the date is outside the term (or not a date). */
export function periodOfDate(periods: readonly Period[], date: string): Period | null {
  if (!parseDate(date)) return null;
  // ISO dates of four-digit years order as strings; periods are sorted and adjacent.
  let lo = 0;
  let hi = periods.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const p = periods[mid]!;
    if (date < p.start) hi = mid - 1;
    else if (date > p.end) lo = mid + 1;
    else return p;
  }
  return null;
}

/** The period starting on an ISO date, or null when no period starts then. */
export function periodStartingOn(periods: readonly Period[], date: string): Period | null {
  const p = periodOfDate(periods, date);
  return p !== null && p.start === date ? p : null;
}
