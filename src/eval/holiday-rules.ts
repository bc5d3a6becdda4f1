/**
 * The built-in holiday calendars (docs/language.md §6 "Calendars"), as
 * rules over calendar dates: the published lists of each market, written
 * down once here. The compiler resolves them into the artifact's dates
 * (src/check/calendars.ts), so the runtime never loads this module and a
 * settlement never depends on it having changed (test/runtime/import-graph.test.ts).
 *
 * Why our own rules and not a library: `date-holidays` (the usual npm
 * choice) has no NYSE and no TARGET calendar, which are the two a financing
 * deal names most; its data is CC BY-SA and read through JS `Date` with
 * time zones. Four calendars of fixed and weekday-of-month rules fit in
 * one module that reads like the published rules, and
 * test/eval/business-days-quantlib.test.ts checks them, day by day from
 * 2000 to 2040, against QuantLib's calendars.
 *
 * Rules hold for 2000 through 2199 (`BUILTIN_YEARS`): the checker refuses
 * payment dates a built-in calendar would have to answer for outside them.
 * Closings decided after the fact (a national day of mourning, a storm)
 * are listed as specials up to the day this was written; later ones are
 * added by the sheet (`calendar nyc: nyse { 2031-01-10 }`).
 */
import { addDays, dateOf, dayNumber, daysInMonth, fromDayNumber, parseDate } from "./dates.ts";
import type { CalendarDate } from "./dates.ts";
import { weekday } from "./business-days.ts";

/** The years the built-in rules are written for. */
export const BUILTIN_YEARS = { first: 2000, last: 2199 } as const;

/** A built-in calendar: its name in a term sheet and what it follows. */
export interface BuiltinCalendar {
  readonly name: string;
  /** One line for docs, hover and `tenor inspect`. */
  readonly title: string;
}

export const BUILTIN_CALENDARS: readonly BuiltinCalendar[] = [
  { name: "nyse", title: "New York Stock Exchange trading days (NYSE Rule 7.2 holidays and the exchange's special closings)" },
  { name: "us_federal", title: "United States federal holidays (5 U.S.C. 6103), observed on the Friday before or Monday after as OPM publishes them" },
  { name: "target", title: "TARGET (euro area payments) closing days as the ECB publishes them" },
  { name: "uk", title: "United Kingdom bank holidays in England and Wales (gov.uk), which are also the London Stock Exchange's closings" },
];

const NAMES = new Set(BUILTIN_CALENDARS.map((c) => c.name));

export function isBuiltinCalendar(name: string): boolean {
  return NAMES.has(name);
}

// ---------------------------------------------------------------- date helpers

const MON = 1;
const THU = 4;
const SAT = 6;
const SUN = 7;

function date(y: number, m: number, d: number): CalendarDate {
  return dateOf(y, m, d)!;
}

/** The n-th (1-based) given ISO weekday of a month. */
function nthWeekday(y: number, m: number, n: number, wd: number): CalendarDate {
  const first = weekday(date(y, m, 1));
  return date(y, m, 1 + ((wd - first + 7) % 7) + 7 * (n - 1));
}

/** The last given ISO weekday of a month. */
function lastWeekday(y: number, m: number, wd: number): CalendarDate {
  const last = daysInMonth(y, m);
  const w = weekday(date(y, m, last));
  return date(y, m, last - ((w - wd + 7) % 7));
}

/** Easter Sunday of the Gregorian calendar (the anonymous algorithm of Meeus, Jones and Butcher). */
export function easterSunday(y: number): CalendarDate {
  const a = y % 19;
  const b = Math.floor(y / 100);
  const c = y % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return date(y, month, day);
}

/** US observance: a Saturday holiday on the Friday before, a Sunday one on the Monday after. */
function observed(d: CalendarDate): CalendarDate {
  const w = weekday(d);
  return w === SAT ? addDays(d, -1) : w === SUN ? addDays(d, 1) : d;
}

/** Only a Sunday holiday moves (to Monday). */
function sundayToMonday(d: CalendarDate): CalendarDate {
  return weekday(d) === SUN ? addDays(d, 1) : d;
}

/** UK substitute days: a weekend holiday moves to the next weekday that is not already one. */
function withSubstitutes(days: readonly CalendarDate[]): CalendarDate[] {
  const out: CalendarDate[] = [];
  const taken = new Set<number>();
  for (const d of days) if (weekday(d) < SAT) taken.add(dayNumber(d));
  for (const d of days) {
    if (weekday(d) < SAT) {
      out.push(d);
      continue;
    }
    let n = dayNumber(d) + 1;
    while (weekday(fromDayNumber(n)) >= SAT || taken.has(n)) n++;
    taken.add(n);
    out.push(fromDayNumber(n));
  }
  return out;
}

function isoDates(texts: readonly string[]): CalendarDate[] {
  return texts.map((t) => parseDate(t)!);
}

// ---------------------------------------------------------------- the calendars

/** NYSE: Rule 7.2 holidays; New Year's Day on a Saturday is not observed (the Friday ends an accounting year). */
const NYSE_SPECIAL = isoDates([
  "2001-09-11", "2001-09-12", "2001-09-13", "2001-09-14", // attacks on the World Trade Center
  "2004-06-11", // President Reagan's funeral
  "2007-01-02", // President Ford's funeral
  "2012-10-29", "2012-10-30", // Hurricane Sandy
  "2018-12-05", // President George H. W. Bush's funeral
  "2025-01-09", // President Carter's funeral
]);

function nyse(y: number): CalendarDate[] {
  const easter = easterSunday(y);
  const days = [
    sundayToMonday(date(y, 1, 1)),
    nthWeekday(y, 1, 3, MON), // Martin Luther King Jr. Day
    nthWeekday(y, 2, 3, MON), // Washington's Birthday
    addDays(easter, -2), // Good Friday
    lastWeekday(y, 5, MON), // Memorial Day
    observed(date(y, 7, 4)),
    nthWeekday(y, 9, 1, MON), // Labor Day
    nthWeekday(y, 11, 4, THU), // Thanksgiving
    observed(date(y, 12, 25)),
  ];
  if (y >= 2022) days.push(observed(date(y, 6, 19))); // Juneteenth, first closed in 2022
  return days;
}

/** Federal holidays; Juneteenth from 2021 (signed on 17 June 2021 and observed the next day). */
function usFederal(y: number): CalendarDate[] {
  const days = [
    observed(date(y, 1, 1)),
    nthWeekday(y, 1, 3, MON),
    nthWeekday(y, 2, 3, MON),
    lastWeekday(y, 5, MON),
    observed(date(y, 7, 4)),
    nthWeekday(y, 9, 1, MON),
    nthWeekday(y, 10, 2, MON), // Columbus Day
    observed(date(y, 11, 11)), // Veterans Day
    nthWeekday(y, 11, 4, THU),
    observed(date(y, 12, 25)),
  ];
  if (y >= 2021) days.push(observed(date(y, 6, 19)));
  return days;
}

function target(y: number): CalendarDate[] {
  const easter = easterSunday(y);
  const days = [date(y, 1, 1), addDays(easter, -2), addDays(easter, 1), date(y, 5, 1), date(y, 12, 25), date(y, 12, 26)];
  if (y === 2001) days.push(date(2001, 12, 31)); // a closing for the euro changeover
  return days;
}

/** Spring bank holidays moved for a jubilee, with the extra day of each. */
const UK_SPRING_MOVED: Readonly<Record<number, readonly [moved: string, extra: string]>> = {
  2002: ["2002-06-04", "2002-06-03"], // Golden Jubilee
  2012: ["2012-06-04", "2012-06-05"], // Diamond Jubilee
  2022: ["2022-06-02", "2022-06-03"], // Platinum Jubilee
};
const UK_SPECIAL = isoDates([
  "2011-04-29", // the royal wedding
  "2022-09-19", // Queen Elizabeth II's state funeral
  "2023-05-08", // the coronation of King Charles III
]);

function uk(y: number): CalendarDate[] {
  const easter = easterSunday(y);
  const spring = UK_SPRING_MOVED[y];
  const days = [
    ...withSubstitutes([date(y, 1, 1)]),
    addDays(easter, -2),
    addDays(easter, 1),
    y === 2020 ? date(2020, 5, 8) : nthWeekday(y, 5, 1, MON), // early May; moved to VE Day in 2020
    ...(spring === undefined ? [lastWeekday(y, 5, MON)] : isoDates(spring)),
    lastWeekday(y, 8, MON), // summer
    ...withSubstitutes([date(y, 12, 25), date(y, 12, 26)]),
  ];
  return days;
}

const RULES: Readonly<Record<string, (year: number) => CalendarDate[]>> = {
  nyse: (y) => [...nyse(y), ...NYSE_SPECIAL.filter((d) => d.year === y)],
  us_federal: usFederal,
  target,
  uk: (y) => [...uk(y), ...UK_SPECIAL.filter((d) => d.year === y)],
};

/**
 * The holidays of a built-in calendar that fall on weekdays from day
 * number `from` to `to` (both included), ascending, each once. The years
 * touched must lie within `BUILTIN_YEARS`.
 */
export function builtinHolidays(name: string, from: number, to: number): number[] {
  const rules = RULES[name];
  if (rules === undefined) throw new Error(`internal: no built-in calendar ${name}`);
  const days = new Set<number>();
  // A year's rules may reach into the year before (1 January observed on 31 December).
  for (let y = fromDayNumber(from).year; y <= fromDayNumber(to).year + 1; y++) {
    for (const d of rules(y)) {
      const n = dayNumber(d);
      if (n >= from && n <= to && weekday(d) < SAT) days.add(n);
    }
  }
  return [...days].sort((a, b) => a - b);
}
