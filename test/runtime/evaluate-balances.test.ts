import { describe, expect, it } from "vitest";
import { testSource } from "../../src/api.ts";
import { ledgerOf, lines } from "./helpers.ts";

const HEADER = `deal "Balances"
parties {
  sharon: "Sharon AI"
  nvidia: "NVIDIA"
}
term 2027-01-01 to 2027-12-31, monthly
currency USD
input revenue: USD
event rebate(amount: USD)
const minimum = 10 million USD
const share_rate = 10%
`;

const TAKE_OR_PAY = `${HEADER}
clause prepayment_drawdown "Take-or-pay" {
  balance prepayment_left = 25 million USD
  let shortfall = max(minimum - revenue * share_rate, 0 USD)
  let drawn = min(shortfall, prepayment_left)
  subtract drawn from prepayment_left
  sharon pays nvidia shortfall - drawn
}
`;

const months = (revenues: readonly string[]) => revenues.map((revenue, i) => ({ period: `2027-${String(i + 1).padStart(2, "0")}-01`, revenue }));

describe("balances carried across periods", () => {
  it("draws a prepayment down to zero over the periods, then pays the shortfall in cash", () => {
    // Shortfalls 10M, 10M, 10M, 5M against 25M prepaid: 10 + 10 + 5 drawn, then 5M and 5M in cash.
    const ledger = ledgerOf(TAKE_OR_PAY, months(["0", "0", "0", "50000000"]));
    expect(lines(ledger)).toEqual([
      "3 prepayment_drawdown sharon>nvidia 5000000.00 5000000.00",
      "4 prepayment_drawdown sharon>nvidia 5000000.00 5000000.00",
    ]);
    // The trace shows the balance as the let saw it, before the subtraction.
    expect(ledger.periods[2]!.lines[0]!.trace).toContainEqual({ name: "prepayment_left", value: "5000000", unit: "USD" });
  });

  it("is never rounded: thirds of a cent accumulate exactly", () => {
    const ledger = ledgerOf(`${HEADER}
clause thirds {
  balance bank = 0 USD
  add revenue / 3 to bank
  when period_index == 3 { sharon pays nvidia bank * 300 }
}
`, months(["0.01", "0.01", "0.01"]));
    // 3 × 0.00333… (20 places) × 300 = 2.99999…99 (exact), 3.00 after rounding; a rounded bank would give 0.00.
    expect(lines(ledger)).toEqual(["3 thirds sharon>nvidia 3.00 3.00"]);
  });

  it("updates inside on blocks once per occurrence, and only while the clause's window is open", () => {
    const ledger = ledgerOf(`${HEADER}
clause rebates {
  balance credit = 0 USD
  on rebate { add amount to credit }
  until 2027-03-01
  when credit >= 5 USD {
    nvidia pays sharon credit
    subtract credit from credit
  }
}
clause after_window {
  balance seen = 0 USD
  from 2027-03-01
  on rebate { add amount to seen }
  nvidia pays sharon seen
}
`, months(["0", "0", "0", "0"]), [
      { date: "2027-01-10", event: "rebate", amount: "3" },
      { date: "2027-02-03", event: "rebate", amount: "1" },
      { date: "2027-02-20", event: "rebate", amount: "2" },
      { date: "2027-04-10", event: "rebate", amount: "9" },
    ]);
    expect(lines(ledger)).toEqual([
      // 3 + 1 + 2 = 6 ≥ 5 in February; the April rebate falls after until 2027-03-01.
      "2 rebates nvidia>sharon 6.00 6.00",
      // after_window opens in March: the January and February rebates were never added.
      "4 after_window nvidia>sharon 9.00 9.00",
    ]);
  });

  it("computes a let that reads a balance where it is written, so it keeps the value before a later add", () => {
    const ledger = ledgerOf(`${HEADER}
clause threshold {
  balance cumulative = 0 USD
  let before = cumulative
  add revenue to cumulative
  when before < 100 USD and cumulative >= 100 USD { sharon pays nvidia 1 USD }
}
`, months(["60", "60", "60"]));
    expect(lines(ledger)).toEqual(["2 threshold sharon>nvidia 1.00 1.00"]);
  });

  it("starts a test block's balances before the first period it lists and carries them over a gap", () => {
    const results = testSource(`${TAKE_OR_PAY}
test "drawdown from a later start" {
  period 2027-06-01 { revenue = 0 USD }
  period 2027-07-01 { revenue = 0 USD }
  period 2027-09-01 { revenue = 0 USD }
  expect sharon pays nvidia 0 USD in 2027-07-01
  expect sharon pays nvidia 5 million USD in 2027-09-01
}
`);
    expect(results.diagnostics).toEqual([]);
    expect(results.value!.map((r) => r.passed)).toEqual([true]);
  });
});
