/**
 * Property (c), docs/language.md §12: `totals` holds, per (payer, payee),
 * the sum of the amounts of all its lines over the run (not netted), one
 * entry per pair with any line (even when the sum is 0.00), in order of the
 * pair's first line.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Decimal } from "../../src/eval/decimal.ts";
import { dealArb, dealSource, inputsArb, inputsJson, ledgerOf, money } from "./generators.ts";

describe("totals", () => {
  it("equal the sums of the lines per (payer, payee) across periods, in order of first appearance", () => {
    const scenario = dealArb.chain((deal) => inputsArb(deal).map((inputs) => ({ deal, inputs })));
    fc.assert(
      fc.property(scenario, ({ deal, inputs }) => {
        const ledger = ledgerOf(dealSource(deal), [inputsJson(inputs)]);
        const sums = new Map<string, Decimal>();
        for (const period of ledger.periods) {
          for (const line of period.lines) {
            const key = `${line.payer}>${line.payee}`;
            sums.set(key, (sums.get(key) ?? Decimal.ZERO).add(money(line.amount)));
          }
        }
        const expected = [...sums].map(([key, sum]) => {
          const [payer, payee] = key.split(">") as [string, string];
          return { payer, payee, amount: sum.toFixed(2) };
        });
        expect(ledger.totals).toEqual(expected);
      }),
      { numRuns: 150 },
    );
  });
});
