/**
 * Property (d), docs/language.md §9: caps per period, per contract year and
 * over the term, together on one clause. On random inputs no window's total
 * ever exceeds its cap, and each line is exactly its `computed` cut to the
 * smallest headroom (rounded down to cents), with `capped` saying so.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Decimal } from "../../src/eval/decimal.ts";
import type { LedgerLine } from "../../src/ledger/ledger.ts";
import { dealArb, dealSource, decimalText, inputsArb, inputsJson, ledgerOf, money } from "./generators.ts";

/** Headroom of one window: max(0, cap − paid) rounded down to cents. */
function headroom(cap: Decimal, paid: Decimal): Decimal {
  const left = cap.sub(paid);
  return left.isNegative() ? Decimal.ZERO : left.round(2, "down");
}

describe("caps", () => {
  it("are never exceeded in any window, and each line is cut to the smallest headroom", () => {
    const scenario = dealArb.chain((deal) => inputsArb(deal).map((inputs) => ({ deal, inputs })));
    let cappedLines = 0;
    fc.assert(
      fc.property(scenario, ({ deal, inputs }) => {
        const ledger = ledgerOf(dealSource(deal), [inputsJson(inputs)]);
        deal.clauses.forEach((clause, ci) => {
          const capOf = (thousandths: number | null) => (thousandths === null ? null : money(decimalText(thousandths, 3)));
          const caps = { period: capOf(clause.caps.period), year: capOf(clause.caps.contractYear), term: capOf(clause.caps.term) };
          let term = Decimal.ZERO;
          const years = new Map<number, Decimal>();
          for (const period of ledger.periods) {
            let inPeriod = Decimal.ZERO;
            const lines: LedgerLine[] = period.lines.filter((l) => l.clause === `c${ci}`);
            for (const line of lines) {
              const inYear = years.get(period.contract_year) ?? Decimal.ZERO;
              expect(line.computed).not.toBe("0.00"); // a computed 0.00 makes no line
              let expected = money(line.computed);
              if (caps.period) expected = Decimal.min(expected, headroom(caps.period, inPeriod));
              if (caps.year) expected = Decimal.min(expected, headroom(caps.year, inYear));
              if (caps.term) expected = Decimal.min(expected, headroom(caps.term, term));
              expect(line.amount).toBe(expected.toFixed(2));
              expect(line.capped).toBe(expected.lt(money(line.computed)));
              if (line.capped) cappedLines++;
              const paid = money(line.amount);
              inPeriod = inPeriod.add(paid);
              years.set(period.contract_year, inYear.add(paid));
              term = term.add(paid);
            }
            if (caps.period) expect(inPeriod.lte(caps.period)).toBe(true);
          }
          for (const paid of years.values()) if (caps.year) expect(paid.lte(caps.year)).toBe(true);
          if (caps.term) expect(term.lte(caps.term)).toBe(true);
        });
      }),
      { numRuns: 100 },
    );
    expect(cappedLines).toBeGreaterThan(0);
  });
});
