import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Decimal } from "../../src/eval/decimal.ts";
import { checkedOf, dealData, evaluate } from "./helpers.ts";

const DEAL = `
deal "Properties"
parties {
  a: "A"
  b: "B"
}
term 2026-07-01 to 2027-06-30, monthly
currency USD
settle net
units gpu_hour
input revenue: USD
input sold_hours: gpu_hour
input capacity_hours: gpu_hour
clause share { a pays b revenue * 12.5% * days / 365 }
clause buyback {
  let utilization = sold_hours / capacity_hours
  when utilization < 70% for 2 consecutive periods {
    b pays a (capacity_hours - sold_hours) * 1.85 USD per gpu_hour
  }
  cap 5000 USD per contract_year
  cap 1500 USD per period
}
`;

const checked = checkedOf(DEAL);
const START = ["2026-07-01", "2026-08-01", "2026-09-01", "2026-10-01", "2026-11-01", "2026-12-01"];
const cents = fc.bigInt({ min: 0n, max: 10_000_000n }).map((c) => `${c / 100n}.${String(c % 100n).padStart(2, "0")}`);
const row = fc.record({ revenue: cents, capacity: fc.integer({ min: 1, max: 2000 }), soldShare: fc.integer({ min: 0, max: 100 }) });

const dataOf = (rows: { revenue: string; capacity: number; soldShare: number }[]) =>
  dealData(rows.map((r, i) => ({
    period: START[i]!,
    revenue: r.revenue,
    capacity_hours: String(r.capacity),
    sold_hours: String(Math.floor((r.capacity * r.soldShare) / 100)),
  })));

describe("evaluation properties", () => {
  it("gives byte-identical ledgers for the same program and data", () => {
    fc.assert(fc.property(fc.array(row, { minLength: 1, maxLength: 6 }), (rows) => {
      const one = JSON.stringify(evaluate(checked, dataOf(rows)));
      const two = JSON.stringify(evaluate(checked, dataOf(rows)));
      expect(one).toBe(two);
    }), { numRuns: 50 });
  });

  it("never pays more than a cap allows, and totals are the sums of the lines", () => {
    fc.assert(fc.property(fc.array(row, { minLength: 1, maxLength: 6 }), (rows) => {
      const ledger = evaluate(checked, dataOf(rows)).value!;
      const sums = new Map<string, Decimal>();
      for (const p of ledger.periods) {
        let buyback = Decimal.ZERO;
        for (const l of p.lines) {
          const amount = Decimal.parse(l.amount)!;
          expect(amount.lte(Decimal.parse(l.computed)!)).toBe(true);
          expect(l.capped).toBe(amount.lt(Decimal.parse(l.computed)!));
          if (l.clause === "buyback") buyback = buyback.add(amount);
          const key = `${l.payer}>${l.payee}`;
          sums.set(key, (sums.get(key) ?? Decimal.ZERO).add(amount));
        }
        expect(buyback.lte(Decimal.parse("1500")!)).toBe(true);
      }
      expect(ledger.totals.map((t) => [`${t.payer}>${t.payee}`, t.amount])).toEqual(
        [...sums].map(([k, v]) => [k, v.toFixed(2)]));
    }), { numRuns: 50 });
  });
});
