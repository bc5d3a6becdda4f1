import { describe, expect, it } from "vitest";
import { groupThousands, ledgerToTable } from "../../src/ledger/format-table.ts";
import { SAMPLE } from "./sample-ledger.ts";

describe("ledgerToTable", () => {
  it("prints periods, lines, grants, net transfers and totals with aligned money", () => {
    expect(ledgerToTable(SAMPLE)).toBe(`Test, "quoted" deal (amounts in USD)

Period 1: 2026-07-01 to 2026-07-31, contract year 1, 31 days, payment date 2026-08-21
  Clause           Payer → payee      Computed        Amount
  Revenue share    op → vendor    1,800,000.00  1,800,000.00
  Buyback, capped  vendor → op          500.00        250.50  capped
  Grant: op grants vendor 1,000,000 warrants at 12.50 USD (warrants)
  Net transfer     op → vendor                  1,799,749.50

Period 2: 2026-08-01 to 2026-08-01, contract year 1, 1 day, payment date 2026-08-03
  no payments

Totals
                   op → vendor                  1,800,000.00
                   vendor → op                        250.50
`);
  });

  it("prints traces under their lines when asked", () => {
    const text = ledgerToTable(SAMPLE, { trace: true });
    expect(text).toContain("  Revenue share    op → vendor    1,800,000.00  1,800,000.00\n      revenue = 12000000 USD, share_rate = 0.15\n  Buyback");
  });

  it("prints an empty ledger", () => {
    expect(ledgerToTable({ deal: "D", currency: "JPY", periods: [], totals: [] })).toBe("D (amounts in JPY)\n\nTotals\n  no payments\n");
  });
});

describe("groupThousands", () => {
  it("groups the whole part by threes and leaves the rest", () => {
    expect(groupThousands("1234567.891")).toBe("1,234,567.891");
    expect(groupThousands("999")).toBe("999");
    expect(groupThousands("1000")).toBe("1,000");
    expect(groupThousands("-12345")).toBe("-12,345");
    expect(groupThousands("n/a")).toBe("n/a");
  });
});
