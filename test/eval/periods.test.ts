import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  contractYearCount, periodOfDate, periodsOf, periodsOfTerm, periodStartingOn,
} from "../../src/eval/periods.ts";
import type { Period } from "../../src/eval/periods.ts";
import { addDays, dayNumber, formatDate, fromDayNumber, parseDate } from "../../src/eval/dates.ts";

const brief = (ps: Period[]) => ps.map((p) => `${p.index} ${p.start}..${p.end} y${p.contractYear} ${p.days}d`);

describe("periodsOfTerm", () => {
  it("cuts 2026-07-01 to 2031-06-30 monthly into 60 periods over 5 contract years", () => {
    const ps = periodsOfTerm("2026-07-01", "2031-06-30", "monthly");
    expect(ps).toHaveLength(60);
    expect(ps[0]).toEqual({ index: 1, start: "2026-07-01", end: "2026-07-31", contractYear: 1, days: 31 });
    expect(ps[2]).toEqual({ index: 3, start: "2026-09-01", end: "2026-09-30", contractYear: 1, days: 30 });
    expect(ps[7]).toEqual({ index: 8, start: "2027-02-01", end: "2027-02-28", contractYear: 1, days: 28 });
    expect(ps[11]!.contractYear).toBe(1);
    expect(ps[12]).toEqual({ index: 13, start: "2027-07-01", end: "2027-07-31", contractYear: 2, days: 31 });
    expect(ps[19]).toEqual({ index: 20, start: "2028-02-01", end: "2028-02-29", contractYear: 2, days: 29 });
    expect(ps[59]).toEqual({ index: 60, start: "2031-06-01", end: "2031-06-30", contractYear: 5, days: 30 });
    expect(ps.reduce((n, p) => n + p.days, 0)).toBe(1826);
  });

  it("computes each start from the term start, so a January 31 start clamps without drifting", () => {
    expect(brief(periodsOfTerm("2026-01-31", "2026-06-15", "monthly"))).toEqual([
      "1 2026-01-31..2026-02-27 y1 28d",
      "2 2026-02-28..2026-03-30 y1 31d",
      "3 2026-03-31..2026-04-29 y1 30d",
      "4 2026-04-30..2026-05-30 y1 31d",
      "5 2026-05-31..2026-06-15 y1 16d",
    ]);
  });

  it("clamps a January 31 start to February 29 in a leap year", () => {
    const ps = periodsOfTerm("2028-01-31", "2028-03-31", "monthly");
    expect(ps.map((p) => p.start)).toEqual(["2028-01-31", "2028-02-29", "2028-03-31"]);
    expect(ps[2]).toEqual({ index: 3, start: "2028-03-31", end: "2028-03-31", contractYear: 1, days: 1 });
  });

  it("starts contract years on February 28 after a February 29 start, and back on the 29th in leap years", () => {
    expect(brief(periodsOfTerm("2028-02-29", "2033-02-27", "annually"))).toEqual([
      "1 2028-02-29..2029-02-27 y1 365d",
      "2 2029-02-28..2030-02-27 y2 365d",
      "3 2030-02-28..2031-02-27 y3 365d",
      "4 2031-02-28..2032-02-28 y4 366d",
      "5 2032-02-29..2033-02-27 y5 365d",
    ]);
  });

  it("keeps monthly periods of a February 29 start on the 29th where the month has one", () => {
    const ps = periodsOfTerm("2028-02-29", "2029-03-31", "monthly");
    expect(ps.slice(0, 2).map((p) => p.start)).toEqual(["2028-02-29", "2028-03-29"]);
    expect(ps[11]).toEqual({ index: 12, start: "2029-01-29", end: "2029-02-27", contractYear: 1, days: 30 });
    expect(ps[12]).toEqual({ index: 13, start: "2029-02-28", end: "2029-03-28", contractYear: 2, days: 29 });
    expect(ps[13]).toEqual({ index: 14, start: "2029-03-29", end: "2029-03-31", contractYear: 2, days: 3 });
  });

  it("cuts quarters and ends the last one early at the term end", () => {
    expect(brief(periodsOfTerm("2026-07-01", "2027-08-15", "quarterly"))).toEqual([
      "1 2026-07-01..2026-09-30 y1 92d",
      "2 2026-10-01..2026-12-31 y1 92d",
      "3 2027-01-01..2027-03-31 y1 90d",
      "4 2027-04-01..2027-06-30 y1 91d",
      "5 2027-07-01..2027-08-15 y2 46d",
    ]);
  });

  it("clamps quarterly starts from a month end", () => {
    expect(periodsOfTerm("2026-08-31", "2027-08-30", "quarterly").map((p) => p.start))
      .toEqual(["2026-08-31", "2026-11-30", "2027-02-28", "2027-05-31"]);
  });

  it("cuts annual periods, one per contract year", () => {
    expect(brief(periodsOfTerm("2026-07-01", "2031-06-30", "annually"))).toEqual([
      "1 2026-07-01..2027-06-30 y1 365d",
      "2 2027-07-01..2028-06-30 y2 366d",
      "3 2028-07-01..2029-06-30 y3 365d",
      "4 2029-07-01..2030-06-30 y4 365d",
      "5 2030-07-01..2031-06-30 y5 365d",
    ]);
  });

  it("makes a stub of a term shorter than one period", () => {
    expect(periodsOfTerm("2026-07-01", "2026-07-01", "monthly"))
      .toEqual([{ index: 1, start: "2026-07-01", end: "2026-07-01", contractYear: 1, days: 1 }]);
    expect(periodsOfTerm("2026-07-01", "2026-12-31", "annually"))
      .toEqual([{ index: 1, start: "2026-07-01", end: "2026-12-31", contractYear: 1, days: 184 }]);
  });

  it("gives a one-day period when the term ends on a period start", () => {
    const ps = periodsOfTerm("2026-07-01", "2026-09-01", "monthly");
    expect(ps[2]).toEqual({ index: 3, start: "2026-09-01", end: "2026-09-01", contractYear: 1, days: 1 });
  });

  it("gives no periods for an invalid or reversed term", () => {
    expect(periodsOfTerm("2026-07-01", "2026-06-30", "monthly")).toEqual([]);
    expect(periodsOfTerm("2026-02-30", "2027-01-01", "monthly")).toEqual([]);
    expect(periodsOfTerm("2026-07-01", "someday", "monthly")).toEqual([]);
  });

  it("tiles the term exactly: adjacent periods, each day in one period, days counting both ends", () => {
    const day = fc.integer({ min: dayNumber(parseDate("1990-01-01")!), max: dayNumber(parseDate("2060-12-31")!) });
    fc.assert(fc.property(day, fc.integer({ min: 0, max: 4000 }), fc.constantFrom("monthly", "quarterly", "annually" as const),
      (a, len, freq) => {
        const start = formatDate(fromDayNumber(a));
        const end = formatDate(fromDayNumber(a + len));
        const ps = periodsOfTerm(start, end, freq);
        expect(ps[0]!.start).toBe(start);
        expect(ps[ps.length - 1]!.end).toBe(end);
        expect(ps.reduce((n, p) => n + p.days, 0)).toBe(len + 1);
        ps.forEach((p, i) => {
          expect(p.index).toBe(i + 1);
          expect(p.days).toBe(dayNumber(parseDate(p.end)!) - dayNumber(parseDate(p.start)!) + 1);
          if (i > 0) {
            expect(formatDate(addDays(parseDate(ps[i - 1]!.end)!, 1))).toBe(p.start);
            const prev = ps[i - 1]!.contractYear;
            expect(p.contractYear === prev || p.contractYear === prev + 1).toBe(true);
          }
        });
      }));
  });
});

describe("contract years", () => {
  it("counts the contract years periods start in", () => {
    expect(contractYearCount({ start: "2026-07-01", end: "2031-06-30", frequency: "monthly" })).toBe(5);
    expect(contractYearCount({ start: "2026-07-01", end: "2031-07-01", frequency: "monthly" })).toBe(6);
    expect(contractYearCount({ start: "2026-07-01", end: "2031-07-01", frequency: "annually" })).toBe(6);
    expect(contractYearCount({ start: "2026-07-01", end: "2026-07-01", frequency: "quarterly" })).toBe(1);
    expect(contractYearCount({ start: "2026-07-01", end: "2025-07-01", frequency: "monthly" })).toBe(0);
  });

  it("assigns a period to the contract year it starts in", () => {
    const ps = periodsOf({ start: "2026-07-15", end: "2027-08-31", frequency: "monthly" });
    expect(ps[11]).toEqual({ index: 12, start: "2027-06-15", end: "2027-07-14", contractYear: 1, days: 30 });
    expect(ps[12]).toEqual({ index: 13, start: "2027-07-15", end: "2027-08-14", contractYear: 2, days: 31 });
  });
});

describe("periodOfDate and periodStartingOn", () => {
  const ps = periodsOfTerm("2026-07-01", "2031-06-30", "monthly");

  it("finds the period that contains a date, ends included", () => {
    expect(periodOfDate(ps, "2026-07-01")?.index).toBe(1);
    expect(periodOfDate(ps, "2026-07-31")?.index).toBe(1);
    expect(periodOfDate(ps, "2028-03-15")?.start).toBe("2028-03-01");
    expect(periodOfDate(ps, "2031-06-30")?.index).toBe(60);
  });

  it("gives null outside the term and for non-dates", () => {
    expect(periodOfDate(ps, "2026-06-30")).toBeNull();
    expect(periodOfDate(ps, "2031-07-01")).toBeNull();
    expect(periodOfDate(ps, "2026-07-32")).toBeNull();
    expect(periodOfDate([], "2026-07-01")).toBeNull();
  });

  it("finds a period only by its exact start", () => {
    expect(periodStartingOn(ps, "2026-09-01")?.index).toBe(3);
    expect(periodStartingOn(ps, "2026-09-02")).toBeNull();
  });
});
