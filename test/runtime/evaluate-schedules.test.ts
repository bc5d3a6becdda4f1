import { describe, expect, it } from "vitest";
import { ledgerOf, lines } from "./helpers.ts";

const DEAL = `
deal "Schedules"
parties {
  a: "A"
  b: "B"
}
term 2026-07-01 to 2029-06-30, quarterly
currency USD
input revenue: USD

schedule rate by contract_year, tapering {
  year 1: 10%
  year 2 onward: 5%
}
schedule bonus by period {
  period 1 to 2: 0 USD
  period 3: 100 USD
  period 4 onward: 50 USD
}
schedule fee by date {
  2026-07-01 to 2027-06-30: 1 USD
  2027-07-01 onward: 2 USD
}

clause share { a pays b revenue * rate }
clause extras { a pays b bonus + fee }
`;

const ROWS = [
  { period: "2026-07-01", revenue: "1000" },
  { period: "2026-10-01", revenue: "0" },
  { period: "2027-01-01", revenue: "1000" },
  { period: "2027-04-01", revenue: "1000" },
  { period: "2027-07-01", revenue: "1000" },
];

describe("schedules", () => {
  const ledger = ledgerOf(DEAL, ROWS);

  it("look up by contract year, by period (ranges and onward) and by date, and skip 0.00 payments", () => {
    expect(lines(ledger)).toEqual([
      "1 share a>b 100.00 100.00",
      "1 extras a>b 1.00 1.00",
      "2 extras a>b 1.00 1.00",
      "3 share a>b 100.00 100.00",
      "3 extras a>b 101.00 101.00",
      "4 share a>b 100.00 100.00",
      "4 extras a>b 51.00 51.00",
      "5 share a>b 50.00 50.00",
      "5 extras a>b 52.00 52.00",
    ]);
  });

  it("trace schedule values under the schedule's name", () => {
    expect(ledger.periods[4]!.lines[0]!.trace).toEqual([
      { name: "revenue", value: "1000", unit: "USD" },
      { name: "rate", value: "0.05" },
    ]);
    expect(ledger.periods[4]!.lines[1]!.trace).toEqual([
      { name: "bonus", value: "50", unit: "USD" },
      { name: "fee", value: "2", unit: "USD" },
    ]);
  });
});
