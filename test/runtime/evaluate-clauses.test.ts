import { describe, expect, it } from "vitest";
import { ledgerOf, lines } from "./helpers.ts";

const DEAL = `
deal "Clauses"
parties {
  a: "A"
  b: "B"
}
term 2026-07-01 to 2027-12-31, quarterly
currency USD
input revenue: USD
input ceiling: USD
event draw(amount: USD)

clause draws {
  on draw {
    let half = amount / 2
    a pays b half
  }
}

clause fees {
  a pays b revenue
  cap 250 USD per period
  cap 400 USD per contract_year
  cap ceiling over term
}
`;

const ROWS = [
  { period: "2026-07-01", revenue: "300", ceiling: "10000" },
  { period: "2026-10-01", revenue: "100", ceiling: "10000" },
  { period: "2027-01-01", revenue: "100", ceiling: "10000" },
  { period: "2027-04-01", revenue: "100", ceiling: "10000" },
  { period: "2027-07-01", revenue: "100", ceiling: "10000" },
  { period: "2027-10-01", revenue: "100", ceiling: "520" },
];
const EVENTS = [
  { date: "2026-08-01", event: "draw", amount: "10" },
  { date: "2026-09-30", event: "draw", amount: "3" },
];

describe("clauses", () => {
  const ledger = ledgerOf(DEAL, ROWS, EVENTS);

  it("compute a let inside on once per event, with that event's arguments", () => {
    expect(ledger.periods[0]!.lines.filter((l) => l.clause === "draws").map((l) => [l.amount, l.trace])).toEqual([
      ["5.00", [{ name: "half", value: "5", unit: "USD" }, { name: "amount", value: "10", unit: "USD" }]],
      ["1.50", [{ name: "half", value: "1.5", unit: "USD" }, { name: "amount", value: "3", unit: "USD" }]],
    ]);
  });

  it("cut each payment to the smallest headroom of the clause's caps, each over its own window", () => {
    // Period cap 250; contract year 1 (2026-07 .. 2027-06) cap 400; term cap = the period's ceiling input:
    // 500 paid before period 6, whose ceiling is 520.
    expect(lines(ledger).filter((l) => l.includes(" fees "))).toEqual([
      "1 fees a>b 300.00 250.00 capped",
      "2 fees a>b 100.00 100.00",
      "3 fees a>b 100.00 50.00 capped",
      "4 fees a>b 100.00 0.00 capped",
      "5 fees a>b 100.00 100.00",
      "6 fees a>b 100.00 20.00 capped",
    ]);
  });
});
