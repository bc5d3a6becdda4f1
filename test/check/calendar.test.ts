import { describe, expect, it } from "vitest";
import { TermCalendar } from "../../src/check/calendar.ts";
import { parseDate } from "../../src/eval/dates.ts";

describe("the term calendar", () => {
  const cal = (a: string, b: string, f: "monthly" | "quarterly" | "annually") => new TermCalendar(parseDate(a)!, parseDate(b)!, f);

  it("counts contract years in which some period starts", () => {
    expect(cal("2026-07-01", "2029-06-30", "monthly").contractYears).toBe(3);
    expect(cal("2026-07-01", "2029-07-01", "monthly").contractYears).toBe(4);
    expect(cal("2026-07-01", "2026-07-01", "monthly").contractYears).toBe(1);
  });

  it("lists period starts, clamping month ends from the term start", () => {
    const c = cal("2026-01-31", "2026-04-30", "monthly");
    expect(c.periodStarts).toEqual(["2026-01-31", "2026-02-28", "2026-03-31", "2026-04-30"]);
    expect(c.isPeriodStart("2026-02-28")).toBe(true);
    expect(c.isPeriodStart("2026-03-28")).toBe(false);
    expect(cal("2027-01-01", "2029-12-31", "quarterly").periodCount).toBe(12);
  });
});
