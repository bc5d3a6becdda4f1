import { describe, expect, it } from "vitest";
import { ledgerOf, lines } from "./helpers.ts";

const DEAL = `
deal "Dates"
parties {
  a: "A"
  b: "B"
}
term 2026-01-31 to 2026-12-31, quarterly
currency USD
input revenue: USD

clause length { a pays b (period_end - period_start + 1) * 1 USD }
clause facts { a pays b period_index * 100 USD + contract_year * 1000 USD }
clause late {
  when period_start >= 2026-01-31 + 6 months {
    a pays b 7 USD
  }
}
clause window {
  when period_end - 30 days < 2026-07-01 and days == 89 {
    a pays b 1 USD
  }
}
`;

const ROWS = ["2026-01-31", "2026-04-30", "2026-07-31", "2026-10-31"].map((period) => ({ period, revenue: "0" }));

describe("period facts and date arithmetic", () => {
  const ledger = ledgerOf(DEAL, ROWS);

  it("clamps quarterly starts to month ends and counts days both ends included", () => {
    expect(ledger.periods.map((p) => [p.start, p.end, p.days])).toEqual([
      ["2026-01-31", "2026-04-29", 89],
      ["2026-04-30", "2026-07-30", 92],
      ["2026-07-31", "2026-10-30", 92],
      ["2026-10-31", "2026-12-31", 62],
    ]);
  });

  it("subtracts dates to days, adds months with the month-end clamp, and compares dates", () => {
    expect(lines(ledger)).toEqual([
      "1 length a>b 89.00 89.00",
      "1 facts a>b 1100.00 1100.00",
      "1 window a>b 1.00 1.00",
      "2 length a>b 92.00 92.00",
      "2 facts a>b 1200.00 1200.00",
      "3 length a>b 92.00 92.00",
      "3 facts a>b 1300.00 1300.00",
      "3 late a>b 7.00 7.00",
      "4 length a>b 62.00 62.00",
      "4 facts a>b 1400.00 1400.00",
      "4 late a>b 7.00 7.00",
    ]);
  });

  it("traces period facts, with dates as ISO text", () => {
    expect(ledger.periods[0]!.lines[0]!.trace).toEqual([
      { name: "period_end", value: "2026-04-29" },
      { name: "period_start", value: "2026-01-31" },
    ]);
  });
});
