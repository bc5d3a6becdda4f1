/**
 * The periods of a term (docs/language.md §6).
 *
 * `term A to B, monthly|quarterly|annually`: period k (k = 0, 1, …) starts
 * at A + k·(1, 3 or 12) months, computed from A each time so a clamped
 * month-end never drifts (A = 2026-01-31 gives 2026-02-28, then 2026-03-31),
 * and ends the day before the next start, never after B (the last period may
 * be a stub). Contract year n covers [A + (n−1) years, A + n years); a period
 * belongs to the contract year in which it starts.
 */
import type { Frequency } from "../ir/ir.ts";
import { addDays, addMonths, compareDates, daysBetween, formatDate, parseDate } from "./dates.ts";
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
export function periodsOfTerm(start: string, end: string, frequency: Frequency): Period[] {
  const a = parseDate(start);
  const b = parseDate(end);
  if (!a || !b || compareDates(a, b) > 0) return [];
  const step = MONTHS_PER_PERIOD[frequency];
  const periods: Period[] = [];
  let contractYear = 1;
  let nextYearStart = addMonths(a, 12);
  let s: CalendarDate = a;
  for (let k = 0; compareDates(s, b) <= 0; k++) {
    const next = addMonths(a, (k + 1) * step);
    const dayBefore = addDays(next, -1);
    const e = compareDates(dayBefore, b) <= 0 ? dayBefore : b;
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
    s = next;
  }
  return periods;
}

/** The term as the deal header carries it. */
export interface TermSpec {
  readonly start: string;
  readonly end: string;
  readonly frequency: Frequency;
}

/** The periods of a term given as one value (a DealHeader's `term`). */
export function periodsOf(term: TermSpec): Period[] {
  return periodsOfTerm(term.start, term.end, term.frequency);
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
