import { describe, expect, it } from "vitest";
import { parseDate } from "../../src/eval/dates.ts";
import { dayCountFraction, type DayCount } from "../../src/builtins/day-counts.ts";
import { ledgerOf, lines } from "./helpers.ts";

const frac = (kind: DayCount, a: string, b: string) => dayCountFraction(kind, parseDate(a)!, parseDate(b)!).toString();

describe("day-count year fractions", () => {
  it("counts 30/360 on the bond basis: the 31st as the 30th, the end's 31st only when the start is the 30th", () => {
    expect(frac("thirty_360", "2026-01-31", "2026-03-01")).toBe("0.08611111111111111111"); // 60 − 29 = 31 days
    expect(frac("thirty_360", "2026-01-30", "2026-03-31")).toBe("0.16666666666666666667"); // 60 days
    expect(frac("thirty_360", "2026-02-28", "2026-03-31")).toBe("0.09166666666666666667"); // 30 + 3 = 33 days
    expect(frac("thirty_360", "2026-01-01", "2027-01-01")).toBe("1");
  });

  it("counts actual days over 365 or 360, the end day excluded", () => {
    expect(frac("act_365f", "2028-01-01", "2029-01-01")).toBe("1.00273972602739726027"); // 366 / 365
    expect(frac("act_360", "2026-07-01", "2026-08-01")).toBe("0.08611111111111111111"); // 31 / 360
    expect(frac("act_365f", "2026-07-01", "2026-07-01")).toBe("0");
  });

  it("gives a negative fraction from the same formula when the end is before the start", () => {
    expect(frac("act_365f", "2026-08-01", "2026-07-01")).toBe("-0.08493150684931506849");
    // D1 = 1, D2 = 31 (kept: D1 is not 30): 30 × (1 − 3) + (31 − 1) = −30, not −31 as the swapped dates give.
    expect(frac("thirty_360", "2026-03-01", "2026-01-31")).toBe("-0.08333333333333333333");
  });

  it("runs over the current period without arguments: a full month is exactly 30/360", () => {
    const source = `
deal "Accrual"
parties {
  a: "A"
  b: "B"
}
term 2026-07-01 to 2027-02-28, monthly
currency USD
input n: number

clause act365 { a pays b 100000000000000000000 USD * act_365f() }
clause act360 { a pays b 100000000000000000000 USD * act_360() }
clause bond { a pays b 100000000000000000000 USD * thirty_360() }
clause given { a pays b 100000000000000000000 USD * thirty_360(2026-01-31, 2026-03-01) }
`;
    const rows = ["2026-07-01", "2026-08-01", "2026-09-01", "2026-10-01", "2026-11-01", "2026-12-01", "2027-01-01", "2027-02-01"]
      .map((period) => ({ period, n: "1" }));
    const all = lines(ledgerOf(source, rows));
    expect(all.filter((l) => l.startsWith("1 "))).toEqual([
      "1 act365 a>b 8493150684931506849.32 8493150684931506849.32", // 31 / 365
      "1 act360 a>b 8611111111111111111.11 8611111111111111111.11", // 31 / 360
      "1 bond a>b 8333333333333333333.33 8333333333333333333.33", // 30 / 360
      "1 given a>b 8611111111111111111.11 8611111111111111111.11",
    ]);
    expect(all.filter((l) => l.startsWith("8 "))).toEqual([
      "8 act365 a>b 7671232876712328767.12 7671232876712328767.12", // 28 / 365
      "8 act360 a>b 7777777777777777777.78 7777777777777777777.78", // 28 / 360
      "8 bond a>b 8333333333333333333.33 8333333333333333333.33", // 2027-02-01 to 2027-03-01: 30 / 360
      "8 given a>b 8611111111111111111.11 8611111111111111111.11",
    ]);
  });

  it("accrues a quarterly fee on ACT/360 over each quarter's own days", () => {
    const source = `
deal "Fee"
parties {
  a: "A"
  b: "B"
}
term 2026-01-01 to 2026-06-30, quarterly
currency USD
input n: number

clause fee { a pays b 1_000_000 USD * 4% * act_360() }
`;
    // Q1: 90 days, Q2: 91 days. 1,000,000 × 4% × 90/360 = 10,000.00; × 91/360 = 10,111.11…
    expect(lines(ledgerOf(source, [{ period: "2026-01-01", n: "1" }, { period: "2026-04-01", n: "1" }]))).toEqual([
      "1 fee a>b 10000.00 10000.00",
      "2 fee a>b 10111.11 10111.11",
    ]);
  });
});
