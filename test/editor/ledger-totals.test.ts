import { describe, expect, it } from "vitest";
import { clauseTotals, clauseTotalText, ledgerTotalsText } from "../../src/editor/ledger-totals.ts";
import type { Ledger, LedgerPeriod } from "../../src/ledger/ledger.ts";

const line = (clause: string, payer: string, payee: string, amount: string, capped = false) => ({
  clause, title: clause, payer, payee, computed: amount, amount, capped, trace: [],
});
const period = (index: number, lines: LedgerPeriod["lines"], grants: LedgerPeriod["grants"] = []): LedgerPeriod => ({
  index, start: "2026-01-01", end: "2026-01-31", payment_date: "2026-01-31", contract_year: 1, days: 31, lines, grants,
});

const LEDGER: Ledger = {
  deal: "D",
  currency: "USD",
  periods: [
    period(0, [line("share", "a", "b", "0.10"), line("buyback", "b", "a", "1000000.00")],
      [{ clause: "warrants", grantor: "a", grantee: "b", quantity: "1500", instrument: "warrants", price: "2.00" }]),
    period(1, [line("share", "a", "b", "0.20"), line("buyback", "b", "a", "999999.99", true), line("share", "b", "a", "0.05")]),
  ],
  totals: [{ payer: "a", payee: "b", amount: "0.30" }, { payer: "b", payee: "a", amount: "2000000.04" }],
};

describe("each clause's total in a ledger", () => {
  const totals = clauseTotals(LEDGER);

  it("adds a clause's amounts exactly, per payer and payee, counting lines and capped lines", () => {
    // 0.10 + 0.20 as binary floats would be 0.30000000000000004.
    expect(totals.get("share")!.payments).toEqual([
      { payer: "a", payee: "b", amount: "0.30", lines: 2, capped: 0 },
      { payer: "b", payee: "a", amount: "0.05", lines: 1, capped: 0 },
    ]);
    expect(totals.get("buyback")!.payments).toEqual([{ payer: "b", payee: "a", amount: "1999999.99", lines: 2, capped: 1 }]);
    expect(totals.get("warrants")).toEqual({ clause: "warrants", payments: [], grants: [{ grantor: "a", grantee: "b", instrument: "warrants", quantity: "1500" }] });
  });

  it("reads as one line with grouped digits, and says so for a clause that never paid", () => {
    expect(clauseTotalText(totals.get("buyback"), "USD")).toBe("b → a 1,999,999.99 USD (2 lines, 1 capped)");
    expect(clauseTotalText(totals.get("share"), "USD")).toBe("a → b 0.30 USD (2 lines); b → a 0.05 USD (1 line)");
    expect(clauseTotalText(totals.get("warrants"), "USD")).toBe("grants a → b 1,500 warrants");
    expect(clauseTotalText(totals.get("idle"), "USD")).toBe("no payments in the ledger");
    expect(ledgerTotalsText(LEDGER)).toBe("a → b 0.30 USD; b → a 2,000,000.04 USD");
    expect(ledgerTotalsText({ ...LEDGER, totals: [] })).toBe("no payments");
  });
});
