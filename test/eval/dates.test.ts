import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  addDays, addMonths, addYears, compareDates, dateOf, dayNumber, daysBetween, daysInMonth, formatDate,
  fromDayNumber, isIsoDate, isLeapYear, parseDate,
} from "../../src/eval/dates.ts";
import type { CalendarDate } from "../../src/eval/dates.ts";

const d = (text: string): CalendarDate => {
  const r = parseDate(text);
  if (!r) throw new Error(`bad test date ${text}`);
  return r;
};

describe("parseDate", () => {
  it("reads a strict ISO date into its parts", () => {
    expect(parseDate("2026-07-01")).toEqual({ year: 2026, month: 7, day: 1 });
  });

  it("accepts February 29 only in leap years", () => {
    expect(parseDate("2028-02-29")).toEqual({ year: 2028, month: 2, day: 29 });
    expect(parseDate("2000-02-29")).not.toBeNull();
    expect(parseDate("2027-02-29")).toBeNull();
    expect(parseDate("1900-02-29")).toBeNull();
  });

  it("rejects dates that do not exist", () => {
    for (const t of ["2026-04-31", "2026-13-01", "2026-00-10", "2026-01-00", "2026-01-32"]) {
      expect(parseDate(t)).toBeNull();
    }
  });

  it("rejects anything but YYYY-MM-DD", () => {
    for (const t of ["2026-7-01", "2026-07-1", "26-07-01", "2026/07/01", " 2026-07-01", "2026-07-01 ",
      "2026-07-01T00:00", "+2026-07-01", "", "２026-07-01", "2026-07-01\n"]) {
      expect(parseDate(t)).toBeNull();
    }
  });

  it("returns frozen values", () => {
    expect(Object.isFrozen(d("2026-07-01"))).toBe(true);
    expect(Object.isFrozen(addMonths(d("2026-07-01"), 1))).toBe(true);
  });
});

describe("calendar facts", () => {
  it("knows leap years and month lengths", () => {
    expect([2024, 2000, 2100, 2026].map(isLeapYear)).toEqual([true, true, false, false]);
    expect(daysInMonth(2026, 2)).toBe(28);
    expect(daysInMonth(2028, 2)).toBe(29);
    expect(daysInMonth(2026, 4)).toBe(30);
    expect(daysInMonth(2026, 12)).toBe(31);
  });

  it("builds dates from parts only when they exist", () => {
    expect(dateOf(2026, 2, 28)).toEqual({ year: 2026, month: 2, day: 28 });
    expect(dateOf(2026, 2, 29)).toBeNull();
    expect(dateOf(2026, 1.5, 1)).toBeNull();
    expect(isIsoDate("2026-12-31")).toBe(true);
    expect(isIsoDate("2026-12-32")).toBe(false);
  });
});

describe("formatDate and compareDates", () => {
  it("pads to four-digit years and two-digit months and days", () => {
    expect(formatDate(d("0999-01-05"))).toBe("0999-01-05");
    expect(formatDate({ year: 10000, month: 1, day: 1 })).toBe("+10000-01-01");
    expect(formatDate({ year: -1, month: 12, day: 31 })).toBe("-0001-12-31");
  });

  it("orders dates chronologically", () => {
    expect(compareDates(d("2026-07-01"), d("2026-07-02"))).toBe(-1);
    expect(compareDates(d("2027-01-01"), d("2026-12-31"))).toBe(1);
    expect(compareDates(d("2026-07-01"), d("2026-07-01"))).toBe(0);
  });
});

describe("day arithmetic", () => {
  it("counts days from the 1970 epoch", () => {
    expect(dayNumber(d("1970-01-01"))).toBe(0);
    expect(dayNumber(d("2000-03-01"))).toBe(11017);
    expect(dayNumber(d("1969-12-31"))).toBe(-1);
    expect(formatDate(fromDayNumber(20635))).toBe("2026-07-01");
  });

  it("adds days across month, year and leap-day boundaries", () => {
    expect(formatDate(addDays(d("2026-07-31"), 1))).toBe("2026-08-01");
    expect(formatDate(addDays(d("2026-12-31"), 1))).toBe("2027-01-01");
    expect(formatDate(addDays(d("2028-02-28"), 1))).toBe("2028-02-29");
    expect(formatDate(addDays(d("2028-03-01"), -1))).toBe("2028-02-29");
    expect(formatDate(addDays(d("2026-03-01"), -1))).toBe("2026-02-28");
    expect(formatDate(addDays(d("2026-07-01"), 365))).toBe("2027-07-01");
  });

  it("counts days between dates, positive when the second is later", () => {
    expect(daysBetween(d("2026-07-01"), d("2026-07-31"))).toBe(30);
    expect(daysBetween(d("2026-07-31"), d("2026-07-01"))).toBe(-30);
    expect(daysBetween(d("2026-07-01"), d("2031-07-01"))).toBe(1826);
    expect(daysBetween(d("2000-01-01"), d("2100-01-01"))).toBe(36525);
    expect(daysBetween(d("1600-01-01"), d("2000-01-01"))).toBe(146097);
  });

  it("round-trips every day number over twelve thousand years", () => {
    fc.assert(fc.property(fc.integer({ min: -1_500_000, max: 3_000_000 }), (n) => {
      const date = fromDayNumber(n);
      expect(dateOf(date.year, date.month, date.day)).not.toBeNull();
      expect(dayNumber(date)).toBe(n);
      expect(dayNumber(addDays(date, 1))).toBe(n + 1);
    }));
  });

  it("agrees with parse and format for every four-digit year", () => {
    fc.assert(fc.property(fc.integer({ min: dayNumber(d("0000-01-01")), max: dayNumber(d("9999-12-31")) }), (n) => {
      const text = formatDate(fromDayNumber(n));
      expect(parseDate(text)).toEqual(fromDayNumber(n));
    }));
  });
});

describe("month arithmetic", () => {
  it("keeps the day when the target month has it", () => {
    expect(formatDate(addMonths(d("2026-07-15"), 1))).toBe("2026-08-15");
    expect(formatDate(addMonths(d("2026-11-30"), 3))).toBe("2027-02-28");
    expect(formatDate(addMonths(d("2026-07-01"), -7))).toBe("2025-12-01");
  });

  it("clamps to the month's last day", () => {
    expect(formatDate(addMonths(d("2026-01-31"), 1))).toBe("2026-02-28");
    expect(formatDate(addMonths(d("2028-01-31"), 1))).toBe("2028-02-29");
    expect(formatDate(addMonths(d("2026-01-31"), 2))).toBe("2026-03-31");
    expect(formatDate(addMonths(d("2026-03-31"), 1))).toBe("2026-04-30");
    expect(formatDate(addMonths(d("2026-03-31"), -1))).toBe("2026-02-28");
  });

  it("adds years with the leap-day clamp", () => {
    expect(formatDate(addYears(d("2028-02-29"), 1))).toBe("2029-02-28");
    expect(formatDate(addYears(d("2028-02-29"), 4))).toBe("2032-02-29");
    expect(formatDate(addYears(d("2026-07-01"), -1))).toBe("2025-07-01");
  });
});
