import { describe, expect, it } from "vitest";
import { ledgerOf, lines } from "./helpers.ts";

const deal = (currency: string) => `
deal "Rounding"
parties {
  a: "A"
  b: "B"
}
term 2026-07-01 to 2026-12-31, monthly
currency ${currency}
input revenue: USD
clause share { a pays b revenue * 1% }
clause grant_it { at signing { a grants b 2.50 options at revenue * 1% } }
`;

// 0.5 × 1% = 0.005 and 2.5 × 1% = 0.025: exactly half a cent each.
const ROWS = [{ period: "2026-07-01", revenue: "0.5" }, { period: "2026-08-01", revenue: "2.5" }];

describe("the deal's rounding mode", () => {
  it.each([
    ["half_even", ["2 share a>b 0.02 0.02"], "0.00"],
    ["half_up", ["1 share a>b 0.01 0.01", "2 share a>b 0.03 0.03"], "0.01"],
    ["down", ["2 share a>b 0.02 0.02"], "0.00"],
    ["up", ["1 share a>b 0.01 0.01", "2 share a>b 0.03 0.03"], "0.01"],
  ])("%s rounds half a cent as the mode says; a payment rounded to 0.00 makes no line", (mode, expected, price) => {
    const ledger = ledgerOf(deal(`USD, rounding ${mode}`), ROWS);
    expect(lines(ledger)).toEqual(expected);
    expect(ledger.periods[0]!.grants).toEqual([
      { clause: "grant_it", grantor: "a", grantee: "b", quantity: "2.5", instrument: "options", price },
    ]);
  });

  it("is half_even when the deal does not say", () => {
    expect(lines(ledgerOf(deal("USD"), ROWS))).toEqual(["2 share a>b 0.02 0.02"]);
  });
});

describe("currencies without minor units", () => {
  it("pays whole yen", () => {
    const source = deal("JPY").replace("input revenue: USD", "input revenue: JPY").replace("revenue * 1%", "revenue * 10%");
    const ledger = ledgerOf(source, [{ period: "2026-07-01", revenue: "12345" }]);
    expect(lines(ledger)).toEqual(["1 share a>b 1234 1234"]);
    expect(ledger.totals).toEqual([{ payer: "a", payee: "b", amount: "1234" }]);
  });
});

describe("round, floor and ceil", () => {
  const source = (mode: string) => `
deal "Built-ins"
parties {
  a: "A"
  b: "B"
}
term 2026-07-01 to 2026-12-31, monthly
currency USD, rounding ${mode}
input revenue: USD
clause r { a pays b round(revenue, 10 USD) }
clause f { a pays b floor(revenue / 1 USD) * 1 USD }
clause c { a pays b ceil(revenue, 0.5 USD) }
`;

  const rows = [{ period: "2026-07-01", revenue: "25" }, { period: "2026-08-01", revenue: "25.2" }];

  it("round uses the deal's mode; floor and ceil go down and up", () => {
    expect(lines(ledgerOf(source("half_even"), rows))).toEqual([
      "1 r a>b 20.00 20.00",
      "1 f a>b 25.00 25.00",
      "1 c a>b 25.00 25.00",
      "2 r a>b 30.00 30.00",
      "2 f a>b 25.00 25.00",
      "2 c a>b 25.50 25.50",
    ]);
    expect(lines(ledgerOf(source("half_up"), rows)).slice(0, 1)).toEqual(["1 r a>b 30.00 30.00"]);
  });
});
