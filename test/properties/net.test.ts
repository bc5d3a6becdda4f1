/**
 * Property (b), docs/language.md §12: under `settle net`, each period's
 * `net` has one transfer per pair of parties whose lines in that period do
 * not balance, equal to the signed sum of the pair's line amounts, from the
 * net payer, in order of the pair's first line; balanced pairs are absent.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Decimal } from "../../src/eval/decimal.ts";
import { dealArb, dealSource, inputsArb, inputsJson, ledgerOf, money } from "./generators.ts";

describe("net transfers", () => {
  it("equal the signed sum of each pair's lines in the period, and balanced pairs are absent", () => {
    const scenario = dealArb
      .map((deal) => ({ ...deal, net: true }))
      .chain((deal) => inputsArb(deal).map((inputs) => ({ deal, inputs })));
    let balancedPairs = 0;
    fc.assert(
      fc.property(scenario, ({ deal, inputs }) => {
        const ledger = ledgerOf(dealSource(deal), [inputsJson(inputs)]);
        for (const period of ledger.periods) {
          // Pair key "a|b" with a < b; the balance is what a owes b (negative: b owes a).
          const balance = new Map<string, Decimal>();
          const order: string[] = [];
          for (const line of period.lines) {
            const [a, b] = [line.payer, line.payee].sort() as [string, string];
            const key = `${a}|${b}`;
            if (!balance.has(key)) order.push(key);
            const signed = line.payer === a ? money(line.amount) : money(line.amount).neg();
            balance.set(key, (balance.get(key) ?? Decimal.ZERO).add(signed));
          }
          const expected = order
            .filter((key) => !balance.get(key)!.isZero())
            .map((key) => {
              const [a, b] = key.split("|") as [string, string];
              const owed = balance.get(key)!;
              return owed.isNegative()
                ? { from: b, to: a, amount: owed.neg().toFixed(2) }
                : { from: a, to: b, amount: owed.toFixed(2) };
            });
          balancedPairs += order.length - expected.length;
          expect(period.net).toEqual(expected);
        }
      }),
      { numRuns: 150 },
    );
    // The mirrored payments of the generator make balanced pairs common: the absence rule was exercised.
    expect(balancedPairs).toBeGreaterThan(0);
  });

  it("is absent from every period without settle net", () => {
    const scenario = dealArb
      .map((deal) => ({ ...deal, net: false }))
      .chain((deal) => inputsArb(deal).map((inputs) => ({ deal, inputs })));
    fc.assert(
      fc.property(scenario, ({ deal, inputs }) => {
        const ledger = ledgerOf(dealSource(deal), [inputsJson(inputs)]);
        for (const period of ledger.periods) expect(period.net).toBeUndefined();
      }),
      { numRuns: 30 },
    );
  });
});
