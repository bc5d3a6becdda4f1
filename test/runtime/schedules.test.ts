import { describe, expect, it } from "vitest";
import { periodsOfTerm } from "../../src/eval/periods.ts";
import { entryIndex } from "../../src/runtime/schedules.ts";
import type { EntryBounds } from "../../src/runtime/schedules.ts";

const periods = periodsOfTerm("2026-07-01", "2029-06-30", "quarterly");
/** The (1-based) entry that applies in each period, "-" for none. */
const entriesOver = (basis: "contract_year" | "period" | "date", entries: readonly EntryBounds[]) =>
  periods.map((p) => { const i = entryIndex(basis, entries, p); return i < 0 ? "-" : String(i + 1); });

describe("schedule lookup", () => {
  it("matches contract years with single years, ranges and onward", () => {
    // year 1: …  year 2 to 2: …  year 3 onward: …
    const entries = [{ lo: 1, hi: 1 }, { lo: 2, hi: 2 }, { lo: 3, hi: null }];
    expect(entriesOver("contract_year", entries)).toEqual(["1", "1", "1", "1", "2", "2", "2", "2", "3", "3", "3", "3"]);
  });

  it("matches period indexes and leaves uncovered periods without an entry", () => {
    // period 2 to 3: …  period 10 onward: …
    const entries = [{ lo: 2, hi: 3 }, { lo: 10, hi: null }];
    expect(entriesOver("period", entries)).toEqual(["-", "1", "1", "-", "-", "-", "-", "-", "-", "2", "2", "2"]);
  });

  it("matches period starts against single dates, date ranges and onward", () => {
    // 2026-10-01: …  2027-01-01 to 2027-05-31: …  2028-01-01 onward: …
    const entries = [{ lo: "2026-10-01", hi: "2026-10-01" }, { lo: "2027-01-01", hi: "2027-05-31" }, { lo: "2028-01-01", hi: null }];
    expect(entriesOver("date", entries)).toEqual(["-", "1", "2", "2", "-", "-", "3", "3", "3", "3", "3", "3"]);
  });

  it("takes the first matching entry when entries overlap", () => {
    expect(entriesOver("contract_year", [{ lo: 1, hi: 2 }, { lo: 1, hi: null }]).slice(0, 9)).toEqual(["1", "1", "1", "1", "1", "1", "1", "1", "2"]);
  });
});
