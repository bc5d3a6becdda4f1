/** The money half on its own: ledgers matched by period start, period runs in words, currencies that differ. */
import { describe, expect, it } from "vitest";
import { checkSource, runSource } from "../../src/api.ts";
import { diffLedgers, diffPrograms } from "../../src/diff/index.ts";
import { periodRanges } from "../../src/diff/summary.ts";
import { FEE_DEAL } from "../cli/fake-io.ts";

const inputs = (rows: readonly [string, string][]) => [{ name: "in.json", text: JSON.stringify({ periods: rows.map(([period, revenue]) => ({ period, revenue })) }) }];
const PARTIES = { vendor: "GPU vendor", operator: "AI cloud operator" };

describe("the money delta of two ledgers", () => {
  it("matches periods by their first day, so a period in one version only counts in full", () => {
    const moved = FEE_DEAL.replace("term 2026-07-01 to 2026-12-31", "term 2026-10-01 to 2027-03-31");
    const a = runSource(FEE_DEAL, inputs([["2026-07-01", "1000.00"], ["2026-10-01", "2000.00"]])).ledger!;
    const b = runSource(moved, inputs([["2026-10-01", "2000.00"], ["2027-01-01", "3000.00"]])).ledger!;
    const m = diffLedgers(a, b, 2, PARTIES);
    // 10% of each quarter's revenue: July goes (−100.00), October stays (200.00 both), January comes (+300.00).
    expect(m.periods.map((p) => [p.index, p.start, p.old, p.new, p.delta])).toEqual([
      [1, "2026-07-01", "100.00", "0.00", "-100.00"],
      [2, "2027-01-01", "0.00", "300.00", "300.00"],
    ]);
    expect(m.total).toEqual({ old: "300.00", new: "500.00", delta: "200.00" });
    expect(m.summary).toEqual(["AI cloud operator pays GPU vendor $200.00 more over the term, all under share, periods 1–2."]);
  });

  it("says when a pair pays the same over the term but at different times", () => {
    const a = runSource(FEE_DEAL, inputs([["2026-07-01", "1000.00"], ["2026-10-01", "2000.00"]])).ledger!;
    const b = runSource(FEE_DEAL, inputs([["2026-07-01", "2000.00"], ["2026-10-01", "1000.00"]])).ledger!;
    const m = diffLedgers(a, b, 2, PARTIES);
    expect(m.pairs[0]!.delta).toBe("0.00");
    expect(m.summary).toEqual(["AI cloud operator pays GPU vendor the same over the term, but at different times: periods 1–2."]);
  });

  it("writes period indices in runs", () => {
    expect(periodRanges([7])).toBe("period 7");
    expect(periodRanges([9, 7, 8, 12, 3])).toBe("periods 3, 7–9 and 12");
  });

  it("does not subtract amounts in different currencies: TN6001, and the currency line in the terms", () => {
    const eur = FEE_DEAL.replace(/USD/g, "EUR");
    const data = inputs([["2026-07-01", "1000.00"], ["2026-10-01", "2000.00"]]);
    const r = diffPrograms(checkSource(FEE_DEAL).value!, checkSource(eur).value!, data);
    expect(r.money).toBeNull();
    expect(r.diagnostics.map((d) => [d.code, d.severity])).toEqual([["TN6001", "warning"]]);
    expect(r.terms.map((t) => t.text)).toContain("currency: from USD to EUR");
    expect(r.equal).toBe(false);
  });
});
