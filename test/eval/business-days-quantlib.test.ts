/**
 * Tenor's calendars, business-day conventions and period generation against
 * QuantLib (Debian's python3-quantlib, run through scripts/quantlib/calendars.py
 * with /usr/bin/python3): every day from 2000 to 2040 on each built-in
 * calendar, thousands of generated dates adjusted (following, modified
 * following, preceding) and advanced by N business days, and a thousand
 * generated terms against `Schedule` (NullCalendar, Unadjusted, Forward or
 * Backward, endOfMonth). A missing QuantLib fails the test: it is the oracle.
 *
 * Calendars: nyse = UnitedStates(NYSE), us_federal = UnitedStates(Settlement),
 * target = TARGET(), uk = UnitedKingdom(Settlement) (England and Wales bank
 * holidays; QuantLib's Exchange market has the same days, 2000–2040).
 */
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { adjust, advanceBusinessDays, calendarOfDays, isBusinessDay } from "../../src/eval/business-days.ts";
import type { BusinessCalendar } from "../../src/eval/business-days.ts";
import { addDays, dayNumber, daysInMonth, formatDate, fromDayNumber, parseDate } from "../../src/eval/dates.ts";
import type { CalendarDate } from "../../src/eval/dates.ts";
import { builtinHolidays } from "../../src/eval/holiday-rules.ts";
import { periodsOfTerm } from "../../src/eval/periods.ts";
import type { BusinessDayConvention, Frequency } from "../../src/ir/ir.ts";

const SCRIPT = fileURLToPath(new URL("../../scripts/quantlib/calendars.py", import.meta.url));
const PYTHON = "/usr/bin/python3";
const FROM = "2000-01-01";
const TO = "2040-12-31";
const CALENDARS = ["nyse", "us_federal", "target", "uk"] as const;
type Name = (typeof CALENDARS)[number];
const CONVENTIONS: readonly BusinessDayConvention[] = ["following", "modified_following", "preceding"];
const FREQUENCIES: readonly Frequency[] = ["monthly", "quarterly", "annually"];

/**
 * Where the published lists and QuantLib 1.29 legitimately differ: days our
 * calendars close (following the published list) that QuantLib keeps open.
 * Compared against QuantLib, our calendars leave exactly these out; each is
 * checked to be a holiday of ours on its own.
 */
const KNOWN_DIFFERENCES: readonly { readonly calendar: Name; readonly date: string; readonly why: string }[] = [
  {
    calendar: "nyse",
    date: "2025-01-09",
    why: "NYSE closed for President Carter's national day of mourning, announced in December 2024, after QuantLib 1.29 (January 2023)",
  },
  {
    calendar: "us_federal",
    date: "2021-06-18",
    why: "Juneteenth became a federal holiday on 2021-06-17 and OPM observed it on Friday 2021-06-18; QuantLib's Settlement calendar starts it in 2022",
  },
];

interface QuantLibAnswer {
  readonly quantlib: string;
  readonly holidays: Record<Name, string[]>;
  readonly adjust: string[];
  readonly advance: string[];
  readonly schedules: string[][];
}

function askQuantLib(request: object): QuantLibAnswer {
  const r = spawnSync(PYTHON, [SCRIPT], { input: JSON.stringify(request), encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (r.error !== undefined || r.status !== 0) {
    throw new Error(
      `QuantLib is needed for this test (apt-get install -y --no-install-recommends python3-quantlib, for ${PYTHON}): ` +
      `${r.error?.message ?? r.stderr}`,
    );
  }
  return JSON.parse(r.stdout) as QuantLibAnswer;
}

/** A small seeded generator (mulberry32), so every run asks the same questions. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const iso = formatDate;
const day = (text: string) => dayNumber(parseDate(text)!);

/** Our built-in calendar over the whole test window, optionally without the known differences (to compare with QuantLib). */
function ours(name: Name, withoutDifferences: boolean): BusinessCalendar {
  const skip = new Set(withoutDifferences ? KNOWN_DIFFERENCES.filter((k) => k.calendar === name).map((k) => day(k.date)) : []);
  // A margin either side: adjusting or advancing near the window's ends looks a little beyond it.
  return calendarOfDays(builtinHolidays(name, day(FROM) - 60, day(TO) + 120).filter((d) => !skip.has(d)));
}

describe("business days against QuantLib", () => {
  const next = random(20260715);
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  const first = day(FROM) + 10;
  const last = day(TO) - 60;

  // Dates near holidays are where the conventions differ: half the samples are within a few days of one.
  const allHolidays = CALENDARS.flatMap((c) => builtinHolidays(c, first, last).map((d) => [c, d] as const));
  const sampleDate = (calendar: Name): number => {
    if (next() < 0.5) return int(first, last);
    const near = allHolidays.filter(([c]) => c === calendar);
    return pick(near)[1] + int(-3, 3);
  };
  const adjusts = Array.from({ length: 4000 }, () => {
    const calendar = pick(CALENDARS);
    return { calendar, date: iso(fromDayNumber(sampleDate(calendar))), convention: pick(CONVENTIONS) };
  });
  const advances = Array.from({ length: 4000 }, () => {
    const calendar = pick(CALENDARS);
    const n = next() < 0.1 ? 0 : next() < 0.15 ? -int(1, 10) : int(1, 30);
    return { calendar, date: iso(fromDayNumber(sampleDate(calendar))), n, convention: pick(CONVENTIONS) };
  });

  // Terms: starts often on a month's last days (where the end-of-month roll matters), lengths up to ten years.
  const schedules = Array.from({ length: 1200 }, () => {
    const y = int(2000, 2035);
    const m = int(1, 12);
    const d = next() < 0.5 ? Math.max(1, daysInMonth(y, m) - int(0, 3)) : int(1, daysInMonth(y, m));
    const start = parseDate(`${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`)!;
    const end = addDays(start, int(0, 3650));
    return { start: iso(start), end: iso(end), frequency: pick(FREQUENCIES), rule: pick(["forward", "backward"] as const), endOfMonth: next() < 0.5 };
  });

  const answer = askQuantLib({
    holidays: { from: FROM, to: TO, calendars: CALENDARS },
    adjust: adjusts,
    advance: advances,
    schedules: schedules.map((s) => ({ ...s, end: iso(addDays(parseDate(s.end)!, 1)) })),
  });
  const compareWith = Object.fromEntries(CALENDARS.map((c) => [c, ours(c, true)])) as Record<Name, BusinessCalendar>;

  it("agrees on every day from 2000 to 2040 being a business day, but for the listed differences", () => {
    let days = 0;
    const wrong: string[] = [];
    for (const c of CALENDARS) {
      const theirs = new Set(answer.holidays[c].map(day));
      for (let n = day(FROM); n <= day(TO); n++) {
        days++;
        const date: CalendarDate = fromDayNumber(n);
        if (isBusinessDay(date, compareWith[c]) !== !(theirs.has(n) || [6, 7].includes(((n + 3) % 7 + 7) % 7 + 1))) {
          wrong.push(`${c} ${iso(date)}`);
        }
      }
    }
    expect(wrong).toEqual([]);
    expect(days).toBe(4 * (day(TO) - day(FROM) + 1));
  });

  it("closes on each listed difference, as the published list does", () => {
    for (const k of KNOWN_DIFFERENCES) {
      expect(isBusinessDay(parseDate(k.date)!, ours(k.calendar, false)), `${k.calendar} ${k.date}: ${k.why}`).toBe(false);
      expect(answer.holidays[k.calendar], `${k.calendar} ${k.date}`).not.toContain(k.date);
    }
  });

  it("adjusts thousands of dates like Calendar::adjust", () => {
    const wrong = adjusts
      .map((a, i) => ({ a, mine: iso(adjust(parseDate(a.date)!, a.convention, compareWith[a.calendar])), theirs: answer.adjust[i] }))
      .filter((x) => x.mine !== x.theirs);
    expect(wrong).toEqual([]);
  });

  it("advances thousands of dates by N business days like Calendar::advance(d, n, Days, convention)", () => {
    const wrong = advances
      .map((a, i) => ({ a, mine: iso(advanceBusinessDays(parseDate(a.date)!, a.n, a.convention, compareWith[a.calendar])), theirs: answer.advance[i] }))
      .filter((x) => x.mine !== x.theirs);
    expect(wrong).toEqual([]);
  });

  it("generates the periods of Schedule (Forward or Backward, unadjusted, endOfMonth) for the dates start … end + 1", () => {
    let periods = 0;
    const wrong: object[] = [];
    schedules.forEach((s, i) => {
      const mine = periodsOfTerm(s.start, s.end, s.frequency, {
        ...(s.rule === "backward" ? { generation: "backward" as const } : {}),
        ...(s.endOfMonth ? { endOfMonth: true as const } : {}),
      });
      periods += mine.length;
      const dates = [...mine.map((p) => p.start), iso(addDays(parseDate(s.end)!, 1))];
      if (dates.join(" ") !== answer.schedules[i]!.join(" ")) wrong.push({ ...s, mine: dates, theirs: answer.schedules[i] });
    });
    expect(wrong).toEqual([]);
    const businessDays = 4 * (day(TO) - day(FROM) + 1);
    console.log(
      `QuantLib ${answer.quantlib}: ${businessDays} business-day checks, ${adjusts.length} adjusted dates, ${advances.length} advanced dates, ` +
      `${schedules.length} schedules (${periods} periods) agree; ${KNOWN_DIFFERENCES.length} listed differences`,
    );
  });
});
