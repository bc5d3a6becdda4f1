import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { adjust, advanceBusinessDays, calendarOfDays, isBusinessDay, paymentDateOf, weekday } from "../../src/eval/business-days.ts";
import { addDays, addMonths, compareDates, dayNumber, daysBetween, formatDate, fromDayNumber, parseDate } from "../../src/eval/dates.ts";
import type { CalendarDate } from "../../src/eval/dates.ts";
import { BUILTIN_CALENDARS, builtinHolidays, easterSunday } from "../../src/eval/holiday-rules.ts";
import { periodsOfTerm } from "../../src/eval/periods.ts";
import type { Frequency } from "../../src/ir/ir.ts";

const d = (text: string): CalendarDate => parseDate(text)!;
const n = (text: string) => dayNumber(d(text));
const holidaysIn = (name: string, year: number) =>
  builtinHolidays(name, n(`${year}-01-01`), n(`${year}-12-31`)).map((x) => formatDate(fromDayNumber(x)));

describe("the built-in calendars", () => {
  // The lists each market published (weekday closings only).
  it("give NYSE's published holidays for 2026 and 2027", () => {
    expect(holidaysIn("nyse", 2026)).toEqual([
      "2026-01-01", "2026-01-19", "2026-02-16", "2026-04-03", "2026-05-25", "2026-06-19", "2026-07-03", "2026-09-07", "2026-11-26", "2026-12-25",
    ]);
    expect(holidaysIn("nyse", 2027)).toEqual([
      "2027-01-01", "2027-01-18", "2027-02-15", "2027-03-26", "2027-05-31", "2027-06-18", "2027-07-05", "2027-09-06", "2027-11-25", "2027-12-24",
    ]);
  });

  it("keep the NYSE open on 2021-12-31 (New Year's Day 2022 was a Saturday) and the federal government closed", () => {
    expect(holidaysIn("nyse", 2021)).not.toContain("2021-12-31");
    expect(holidaysIn("us_federal", 2021)).toContain("2021-12-31");
  });

  it("give OPM's federal holidays for 2026", () => {
    expect(holidaysIn("us_federal", 2026)).toEqual([
      "2026-01-01", "2026-01-19", "2026-02-16", "2026-05-25", "2026-06-19", "2026-07-03", "2026-09-07", "2026-10-12", "2026-11-11", "2026-11-26", "2026-12-25",
    ]);
  });

  it("give TARGET's closing days for 2026 and 2027", () => {
    expect(holidaysIn("target", 2026)).toEqual(["2026-01-01", "2026-04-03", "2026-04-06", "2026-05-01", "2026-12-25"]);
    // 1 May and Christmas 2027 fall on weekends.
    expect(holidaysIn("target", 2027)).toEqual(["2027-01-01", "2027-03-26", "2027-03-29"]);
  });

  it("give gov.uk's England and Wales bank holidays for 2026, 2027 and the jubilee year 2022", () => {
    expect(holidaysIn("uk", 2026)).toEqual(["2026-01-01", "2026-04-03", "2026-04-06", "2026-05-04", "2026-05-25", "2026-08-31", "2026-12-25", "2026-12-28"]);
    expect(holidaysIn("uk", 2027)).toEqual(["2027-01-01", "2027-03-26", "2027-03-29", "2027-05-03", "2027-05-31", "2027-08-30", "2027-12-27", "2027-12-28"]);
    expect(holidaysIn("uk", 2022)).toEqual([
      "2022-01-03", "2022-04-15", "2022-04-18", "2022-05-02", "2022-06-02", "2022-06-03", "2022-08-29", "2022-09-19", "2022-12-26", "2022-12-27",
    ]);
  });

  it("find Easter Sunday", () => {
    expect(["2000", "2008", "2019", "2026", "2038"].map((y) => formatDate(easterSunday(Number(y))))).toEqual([
      "2000-04-23", "2008-03-23", "2019-04-21", "2026-04-05", "2038-04-25",
    ]);
  });

  it("list weekdays only, ascending and once, for every calendar", () => {
    for (const c of BUILTIN_CALENDARS) {
      const days = builtinHolidays(c.name, n("2000-01-01"), n("2199-12-31"));
      expect(days.every((x, i) => i === 0 || x > days[i - 1]!)).toBe(true);
      expect(days.every((x) => weekday(fromDayNumber(x)) <= 5)).toBe(true);
    }
  });
});

describe("business days", () => {
  const cal = calendarOfDays([n("2027-07-05"), n("2027-12-24"), n("2027-12-31")]);

  it("numbers weekdays from Monday", () => {
    expect(["2026-07-06", "2026-07-11", "2026-07-12", "1970-01-01", "1969-12-28"].map((x) => weekday(d(x)))).toEqual([1, 6, 7, 4, 7]);
  });

  it("adjusts by following, modified following and preceding", () => {
    const at = (text: string) => (["following", "modified_following", "preceding"] as const).map((c) => formatDate(adjust(d(text), c, cal)));
    expect(at("2027-07-06")).toEqual(["2027-07-06", "2027-07-06", "2027-07-06"]);
    expect(at("2027-07-03")).toEqual(["2027-07-06", "2027-07-06", "2027-07-02"]);
    // Friday 31 December is a holiday: following crosses into January, modified following stays in December.
    expect(at("2027-12-31")).toEqual(["2028-01-03", "2027-12-30", "2027-12-30"]);
    expect(at("2027-10-31")).toEqual(["2027-11-01", "2027-10-29", "2027-10-29"]);
  });

  it("advances N business days from the day after, and adjusts for N = 0", () => {
    expect(formatDate(advanceBusinessDays(d("2027-07-02"), 1, "preceding", cal))).toBe("2027-07-06");
    expect(formatDate(advanceBusinessDays(d("2027-07-03"), 1, "preceding", cal))).toBe("2027-07-06");
    expect(formatDate(advanceBusinessDays(d("2027-07-03"), 0, "preceding", cal))).toBe("2027-07-02");
    expect(formatDate(advanceBusinessDays(d("2027-07-06"), -1, "following", cal))).toBe("2027-07-02");
    expect(formatDate(advanceBusinessDays(d("2027-12-23"), 2, "following", cal))).toBe("2027-12-28");
  });

  it("gives payment dates from either end of a period, in days or business days", () => {
    const period = { start: d("2027-12-01"), end: d("2027-12-31") };
    const rule = (lag: number, lagUnit: "days" | "business_days", anchor: "period_end" | "period_start" = "period_end") =>
      formatDate(paymentDateOf(period, { anchor, lag, lagUnit, convention: "modified_following", calendar: 0 }, cal));
    expect(rule(0, "days")).toBe("2027-12-30");
    expect(rule(0, "business_days")).toBe("2027-12-30");
    expect(rule(3, "business_days")).toBe("2028-01-05");
    expect(rule(1, "days")).toBe("2028-01-03");
    expect(rule(30, "days", "period_start")).toBe("2027-12-30");
  });

  it("always lands on a business day, never before the anchor after N ≥ 1 business days", () => {
    const holidays = calendarOfDays(builtinHolidays("nyse", n("2026-01-01"), n("2030-12-31")));
    fc.assert(fc.property(fc.integer({ min: n("2026-01-01"), max: n("2029-12-31") }), fc.integer({ min: 0, max: 60 }), (start, lag) => {
      const from = fromDayNumber(start);
      const to = advanceBusinessDays(from, lag, "following", holidays);
      expect(isBusinessDay(to, holidays)).toBe(true);
      if (lag > 0) expect(compareDates(to, from)).toBe(1);
      // Exactly `lag` business days lie in (from, to].
      let count = 0;
      for (let x = start + 1; x <= dayNumber(to); x++) if (isBusinessDay(fromDayNumber(x), holidays)) count++;
      if (lag > 0) expect(count).toBe(lag);
    }));
  });
});

/** The forward generation as Tenor has always had it (docs/language.md §6), written out again. */
function oldForward(start: string, end: string, frequency: Frequency) {
  const a = d(start);
  const b = d(end);
  const step = { monthly: 1, quarterly: 3, annually: 12 }[frequency];
  const out: { start: string; end: string; days: number }[] = [];
  let s = a;
  for (let k = 0; compareDates(s, b) <= 0; k++) {
    const next = addMonths(a, (k + 1) * step);
    const before = addDays(next, -1);
    const e = compareDates(before, b) <= 0 ? before : b;
    out.push({ start: formatDate(s), end: formatDate(e), days: daysBetween(s, e) + 1 });
    s = next;
  }
  return out;
}

describe("period generation", () => {
  const term = fc.record({
    start: fc.integer({ min: n("1999-01-01"), max: n("2060-12-31") }),
    length: fc.integer({ min: 0, max: 4000 }),
    frequency: fc.constantFrom<Frequency>("monthly", "quarterly", "annually"),
  });

  it("without options is exactly the forward generation it always was", () => {
    fc.assert(fc.property(term, ({ start, length, frequency }) => {
      const a = formatDate(fromDayNumber(start));
      const b = formatDate(fromDayNumber(start + length));
      expect(periodsOfTerm(a, b, frequency).map(({ start: s, end: e, days }) => ({ start: s, end: e, days }))).toEqual(oldForward(a, b, frequency));
    }), { numRuns: 500 });
  });

  it("with any options, tiles the term with adjacent periods, indexed from 1, contract years from the start", () => {
    fc.assert(fc.property(term, fc.boolean(), fc.boolean(), ({ start, length, frequency }, backward, endOfMonth) => {
      const a = formatDate(fromDayNumber(start));
      const b = formatDate(fromDayNumber(start + length));
      const ps = periodsOfTerm(a, b, frequency, { ...(backward ? { generation: "backward" as const } : {}), ...(endOfMonth ? { endOfMonth: true as const } : {}) });
      expect(ps[0]!.start).toBe(a);
      expect(ps.at(-1)!.end).toBe(b);
      ps.forEach((p, i) => {
        expect(p.index).toBe(i + 1);
        expect(p.days).toBe(daysBetween(d(p.start), d(p.end)) + 1);
        if (i > 0) expect(formatDate(addDays(d(ps[i - 1]!.end), 1))).toBe(p.start);
        expect(compareDates(d(p.start), addMonths(d(a), 12 * (p.contractYear - 1)))).toBeGreaterThanOrEqual(0);
        expect(compareDates(d(p.start), addMonths(d(a), 12 * p.contractYear))).toBe(-1);
      });
    }), { numRuns: 500 });
  });

  it("puts the stub first when generating backward", () => {
    const ps = periodsOfTerm("2026-07-15", "2031-06-30", "quarterly", { generation: "backward" });
    expect(ps.slice(0, 2).map((p) => `${p.start}..${p.end}`)).toEqual(["2026-07-15..2026-09-30", "2026-10-01..2026-12-31"]);
    expect(ps.at(-1)).toMatchObject({ start: "2031-04-01", end: "2031-06-30", contractYear: 5 });
  });

  it("rolls on month ends with end_of_month when the roll date is one, and only then", () => {
    const starts = (a: string, b: string, o = {}) => periodsOfTerm(a, b, "monthly", o).map((p) => p.start);
    expect(starts("2027-02-28", "2027-05-31", { endOfMonth: true })).toEqual(["2027-02-28", "2027-03-31", "2027-04-30", "2027-05-31"]);
    expect(starts("2027-02-28", "2027-05-31")).toEqual(["2027-02-28", "2027-03-28", "2027-04-28", "2027-05-28"]);
    expect(starts("2027-02-27", "2027-04-30", { endOfMonth: true })).toEqual(["2027-02-27", "2027-03-27", "2027-04-27"]);
    // Backward from Z = 2027-06-30 (a month end): every date before it is one too.
    expect(starts("2027-01-15", "2027-06-29", { generation: "backward", endOfMonth: true })).toEqual([
      "2027-01-15", "2027-01-31", "2027-02-28", "2027-03-31", "2027-04-30", "2027-05-31",
    ]);
  });
});
