import { describe, expect, it } from "vitest";
import { ClauseCaps } from "../../src/eval/caps.ts";
import { Decimal } from "../../src/eval/decimal.ts";
import { periodsOfTerm } from "../../src/eval/periods.ts";
import type { CapStmt, CapWindow } from "../../src/syntax/ast.ts";

const USD = { decimals: 2, rounding: "half_even" as const };
const d = (s: string) => Decimal.parse(s)!;
const cap = (window: CapWindow) => ({ kind: "Cap", window, range: { start: 0, end: 1 } }) as unknown as CapStmt;
const periods = periodsOfTerm("2026-07-01", "2028-06-30", "quarterly");

describe("ClauseCaps", () => {
  it("has no headroom to offer without caps", () => {
    const caps = new ClauseCaps([], USD);
    expect(caps.isEmpty).toBe(true);
    expect(caps.headroom(periods[0]!, () => d("1"))).toBeNull();
  });

  it("lowers the term headroom by what was paid, down to zero", () => {
    const term = cap("term");
    const caps = new ClauseCaps([term], USD);
    const amount = () => d("100.00");
    caps.record(periods[0]!, d("60.00"));
    expect(caps.headroom(periods[1]!, amount)!.toFixed(2)).toBe("40.00");
    caps.record(periods[1]!, d("40.00"));
    expect(caps.headroom(periods[2]!, amount)!.toFixed(2)).toBe("0.00");
  });

  it("starts a contract-year cap afresh in each contract year and a period cap in each period", () => {
    const year = cap("contract_year");
    const per = cap("period");
    const caps = new ClauseCaps([year, per], USD);
    const amounts = (c: CapStmt) => (c === year ? d("100") : d("70"));
    expect(caps.headroom(periods[0]!, amounts)!.toFixed(2)).toBe("70.00");
    caps.record(periods[0]!, d("70"));
    // Period 2: the period cap is fresh (70), the year cap has 30 left: the smaller wins.
    expect(caps.headroom(periods[1]!, amounts)!.toFixed(2)).toBe("30.00");
    caps.record(periods[1]!, d("30"));
    expect(caps.headroom(periods[3]!, amounts)!.toFixed(2)).toBe("0.00");
    // Period 5 starts contract year 2.
    expect(periods[4]!.contractYear).toBe(2);
    expect(caps.headroom(periods[4]!, amounts)!.toFixed(2)).toBe("70.00");
  });

  it("rounds a headroom that is not whole cents down, so a cut amount never exceeds the cap", () => {
    const caps = new ClauseCaps([cap("term")], USD);
    expect(caps.headroom(periods[0]!, () => d("10.009"))!.toFixed(2)).toBe("10.00");
  });

  it("gives no headroom under a cap that shrank below what was already paid", () => {
    const caps = new ClauseCaps([cap("term")], USD);
    caps.record(periods[0]!, d("50"));
    expect(caps.headroom(periods[1]!, () => d("20"))!.toFixed(2)).toBe("0.00");
  });
});
