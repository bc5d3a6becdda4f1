/**
 * Calendar dates (docs/language.md §3.4, §6): ISO `YYYY-MM-DD` in the proleptic
 * Gregorian calendar, as plain integers. No JS `Date` and no time zones,
 * so the same date arithmetic gives the same answer on every machine
 * (docs/language.md §12). Day arithmetic goes through a day number (days since
 * 1970-01-01) computed with Howard Hinnant's civil-calendar algorithm.
 */

import type { Decimal } from "./decimal.ts";

export type DurationUnit = "days" | "months" | "years";

/** `30 days`, `3 months`: a count of calendar units, added to or subtracted from dates. */
export interface Duration {
  readonly amount: Decimal;
  readonly per: DurationUnit;
}

/** An immutable calendar date. Build one with `parseDate` or `dateOf`; objects are frozen. */
export interface CalendarDate {
  readonly year: number;
  /** 1–12. */
  readonly month: number;
  /** 1–31, valid for the month. */
  readonly day: number;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Days in a month (1–12) of a year. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** A date from its parts, or null when it is not a real calendar date. */
export function dateOf(year: number, month: number, day: number): CalendarDate | null {
  if (!Number.isSafeInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return null;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return Object.freeze({ year, month, day });
}

/** Strict `YYYY-MM-DD` naming a real date (leap years included); anything else gives null. */
export function parseDate(text: string): CalendarDate | null {
  const m = ISO_DATE.exec(text);
  if (!m) return null;
  return dateOf(Number(m[1]), Number(m[2]), Number(m[3]));
}

/** True when `text` is a strict ISO date naming a real day. */
export function isIsoDate(text: string): boolean {
  return parseDate(text) !== null;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, "0");
}

/**
 * `YYYY-MM-DD`. Years outside 0000–9999 (reachable only by arithmetic)
 * use ISO 8601's expanded form, `+10000-01-01` / `-0001-12-31`, so that
 * formatting never fails.
 */
export function formatDate(d: CalendarDate): string {
  const md = `-${pad(d.month, 2)}-${pad(d.day, 2)}`;
  if (d.year >= 0 && d.year <= 9999) return pad(d.year, 4) + md;
  return (d.year < 0 ? "-" : "+") + pad(Math.abs(d.year), 4) + md;
}

/** Chronological order: −1 when a is earlier, 0 when equal, 1 when later. */
export function compareDates(a: CalendarDate, b: CalendarDate): -1 | 0 | 1 {
  const d = a.year - b.year || a.month - b.month || a.day - b.day;
  return d < 0 ? -1 : d > 0 ? 1 : 0;
}

/** Days since 1970-01-01 (negative before it). */
export function dayNumber(d: CalendarDate): number {
  const y = d.month <= 2 ? d.year - 1 : d.year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400; // [0, 399]
  const mp = (d.month + 9) % 12; // March = 0
  const doy = Math.floor((153 * mp + 2) / 5) + d.day - 1; // [0, 365]
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy; // [0, 146096]
  return era * 146097 + doe - 719468;
}

/** The date of a day number (inverse of `dayNumber`). */
export function fromDayNumber(n: number): CalendarDate {
  const z = n + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return Object.freeze({ year, month, day });
}

/** The date `n` days later (earlier when n < 0). `n` must be a safe integer. */
export function addDays(d: CalendarDate, n: number): CalendarDate {
  return fromDayNumber(dayNumber(d) + n);
}

/**
 * The date `n` months later (earlier when n < 0), on the same day of the
 * month or, when that day does not exist, on the month's last day
 * (2026-01-31 + 1 month = 2026-02-28), as docs/language.md §6 asks of periods.
 */
export function addMonths(d: CalendarDate, n: number): CalendarDate {
  const total = d.year * 12 + (d.month - 1) + n;
  const year = Math.floor(total / 12);
  const month = total - year * 12 + 1;
  return Object.freeze({ year, month, day: Math.min(d.day, daysInMonth(year, month)) });
}

/** `n` years later, with the same month-end clamp (2028-02-29 + 1 year = 2029-02-28). */
export function addYears(d: CalendarDate, n: number): CalendarDate {
  return addMonths(d, 12 * n);
}

/** Days from a to b: positive when b is later (2026-07-01 → 2026-07-31 is 30). */
export function daysBetween(a: CalendarDate, b: CalendarDate): number {
  return dayNumber(b) - dayNumber(a);
}
