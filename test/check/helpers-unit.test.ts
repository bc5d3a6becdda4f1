import { describe, expect, it } from "vitest";
import { TermCalendar } from "../../src/check/calendar.ts";
import { stronglyConnected } from "../../src/check/graph.ts";
import { closestName, editDistance } from "../../src/check/suggest.ts";
import { CHECK } from "../../src/diagnostics/codes/check.ts";
import { parseDate } from "../../src/eval/dates.ts";

describe("suggestions", () => {
  it("counts edits, a transposition as one", () => {
    expect(editDistance("share_rat", "share_rate")).toBe(1);
    expect(editDistance("nvdiia", "nvidia")).toBe(1);
    expect(editDistance("", "abc")).toBe(3);
  });

  it("picks the closest candidate within a third of the name's length", () => {
    expect(closestName("share_rat", ["revenue", "share_rate", "shares"])).toBe("share_rate");
    expect(closestName("Revenue", ["revenue"])).toBe("revenue");
    expect(closestName("zebra", ["revenue", "share_rate"])).toBeNull();
    expect(closestName("ab", ["xy"])).toBeNull();
  });
});

describe("strongly connected components", () => {
  it("returns components dependencies first and finds cycles", () => {
    // 0 → 1 → 2 → 1, 3 alone
    expect(stronglyConnected(4, [[1], [2], [1], []])).toEqual([[2, 1], [0], [3]]);
  });

  it("handles a chain of 100,000 without recursion", () => {
    const n = 100_000;
    const edges = Array.from({ length: n }, (_, i) => (i + 1 < n ? [i + 1] : []));
    const components = stronglyConnected(n, edges);
    expect(components).toHaveLength(n);
    expect(components[0]).toEqual([n - 1]);
  });
});

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

describe("the check codes", () => {
  it("are unique TN2xxx codes", () => {
    const codes = Object.values(CHECK);
    expect(new Set(codes).size).toBe(codes.length);
    for (const c of codes) expect(c).toMatch(/^TN2\d{3}$/);
  });
});
