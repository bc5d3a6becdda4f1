import { describe, expect, it } from "vitest";
import { Decimal } from "../../src/eval/decimal.ts";
import { periodsOfTerm } from "../../src/eval/periods.ts";
import { headroom, recordPaid } from "../../src/runtime/caps.ts";
import type { CapUse, CapWindow } from "../../src/runtime/caps.ts";

const d = (s: string) => Decimal.parse(s)!;
const periods = periodsOfTerm("2026-07-01", "2028-06-30", "quarterly");

/** A clause's caps: their windows and their uses, as the engine keeps them. */
const capsOf = (...windows: CapWindow[]) => ({ windows, uses: windows.map((): CapUse | null => null) });

describe("caps", () => {
  it("has no headroom to offer without caps", () => {
    const caps = capsOf();
    expect(headroom(caps.windows, caps.uses, periods[0]!, () => d("1"), 2)).toBeNull();
  });

  it("lowers the term headroom by what was paid, down to zero", () => {
    const caps = capsOf("term");
    const amount = () => d("100.00");
    recordPaid(caps.windows, caps.uses, periods[0]!, d("60.00"));
    expect(headroom(caps.windows, caps.uses, periods[1]!, amount, 2)!.toFixed(2)).toBe("40.00");
    recordPaid(caps.windows, caps.uses, periods[1]!, d("40.00"));
    expect(headroom(caps.windows, caps.uses, periods[2]!, amount, 2)!.toFixed(2)).toBe("0.00");
  });

  it("starts a contract-year cap afresh in each contract year and a period cap in each period", () => {
    const caps = capsOf("contract_year", "period");
    const amounts = (i: number) => (i === 0 ? d("100") : d("70"));
    expect(headroom(caps.windows, caps.uses, periods[0]!, amounts, 2)!.toFixed(2)).toBe("70.00");
    recordPaid(caps.windows, caps.uses, periods[0]!, d("70"));
    // Period 2: the period cap is fresh (70), the year cap has 30 left: the smaller wins.
    expect(headroom(caps.windows, caps.uses, periods[1]!, amounts, 2)!.toFixed(2)).toBe("30.00");
    recordPaid(caps.windows, caps.uses, periods[1]!, d("30"));
    expect(headroom(caps.windows, caps.uses, periods[3]!, amounts, 2)!.toFixed(2)).toBe("0.00");
    // Period 5 starts contract year 2.
    expect(periods[4]!.contractYear).toBe(2);
    expect(headroom(caps.windows, caps.uses, periods[4]!, amounts, 2)!.toFixed(2)).toBe("70.00");
  });

  it("rounds a headroom that is not whole cents down, so a cut amount never exceeds the cap", () => {
    const caps = capsOf("term");
    expect(headroom(caps.windows, caps.uses, periods[0]!, () => d("10.009"), 2)!.toFixed(2)).toBe("10.00");
  });

  it("gives no headroom under a cap that shrank below what was already paid", () => {
    const caps = capsOf("term");
    recordPaid(caps.windows, caps.uses, periods[0]!, d("50"));
    expect(headroom(caps.windows, caps.uses, periods[1]!, () => d("20"), 2)!.toFixed(2)).toBe("0.00");
  });

  it("keeps each cap's window and paid amount in plain records a snapshot can hold", () => {
    const caps = capsOf("contract_year", "term");
    recordPaid(caps.windows, caps.uses, periods[4]!, d("12.5"));
    expect(caps.uses.map((u) => u && [u.key, u.paid.toString()])).toEqual([[2, "12.5"], [0, "12.5"]]);
  });
});
