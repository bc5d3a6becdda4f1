import { describe, expect, it } from "vitest";
import { ledgerOf, nets } from "./helpers.ts";

const deal = (settle: string) => `
deal "Netting"
parties {
  a: "A"
  b: "B"
  c: "C"
}
term 2026-07-01 to 2026-12-31, monthly
currency USD
${settle}
input x: USD
input y: USD
clause ab { a pays b x }
clause ba { b pays a y }
clause ca { c pays a 10 USD }
`;

const ROWS = [
  { period: "2026-07-01", x: "100", y: "40" },
  { period: "2026-08-01", x: "30", y: "50" },
  { period: "2026-09-01", x: "25", y: "25" },
];

describe("settle net", () => {
  it("nets each pair in either direction and omits a zero balance", () => {
    const ledger = ledgerOf(deal("settle net"), ROWS);
    expect(nets(ledger)).toEqual([
      "1 a>b 60.00",
      "1 c>a 10.00",
      "2 b>a 20.00",
      "2 c>a 10.00",
      "3 c>a 10.00",
    ]);
    expect(ledger.periods[2]!.net).toEqual([{ from: "c", to: "a", amount: "10.00" }]);
  });

  it("totals each ordered pair without netting", () => {
    expect(ledgerOf(deal("settle net"), ROWS).totals).toEqual([
      { payer: "a", payee: "b", amount: "155.00" },
      { payer: "b", payee: "a", amount: "115.00" },
      { payer: "c", payee: "a", amount: "30.00" },
    ]);
  });

  it("leaves the net field out without settle net", () => {
    const ledger = ledgerOf(deal(""), ROWS);
    expect(ledger.periods.every((p) => !("net" in p))).toBe(true);
    expect(ledger.periods[0]!.lines).toHaveLength(3);
  });
});
