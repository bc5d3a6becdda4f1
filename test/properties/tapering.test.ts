/**
 * Property (a), docs/language.md §5 "schedule" (`tapering`): the checker accepts a
 * `tapering` schedule only when its values never rise in key order, so a
 * settled run never sees the rate go up; and when the values do rise, the
 * checker rejects the schedule with TN2052 (and never reports TN2052
 * otherwise). Schedules are random: by contract_year, keys `year N`,
 * `year N to M`, `year N onward`, in random written order, sometimes with a
 * gap or an overlap.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkSource } from "../../src/api.ts";
import { CHECK } from "../../src/diagnostics/codes/check.ts";
import { Decimal } from "../../src/eval/decimal.ts";
import { decimalText, ledgerOf, money } from "./generators.ts";

interface Entry {
  readonly from: number;
  readonly key: string;
  /** Rate in basis points: 1250 is 12.50%. */
  readonly bp: number;
}

interface Scenario {
  readonly years: number;
  readonly quarterly: boolean;
  readonly entries: readonly Entry[];
  /** Source order: a permutation of the entries. */
  readonly written: readonly Entry[];
  /** Revenue in cents per period (more than the term ever has). */
  readonly revenue: readonly number[];
}

const scenarioArb: fc.Arbitrary<Scenario> = fc
  .record({
    years: fc.integer({ min: 1, max: 5 }),
    quarterly: fc.boolean(),
    cuts: fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }),
    lastKey: fc.constantFrom("exact", "onward", "beyond"),
    beyond: fc.integer({ min: 1, max: 3 }),
    flaw: fc.constantFrom("none", "none", "none", "gap", "overlap"),
    flawAt: fc.nat(),
    descending: fc.boolean(),
    bps: fc.array(fc.integer({ min: 0, max: 3000 }), { minLength: 5, maxLength: 5 }),
    order: fc.array(fc.nat(), { minLength: 5, maxLength: 5 }),
    revenue: fc.array(fc.integer({ min: 1, max: 1_000_000_000 }), { minLength: 60, maxLength: 60 }),
  })
  .map((g) => {
    // Contiguous spans covering years 1..Y: a cut after year i ends a span there.
    const spans: [number, number][] = [];
    let start = 1;
    for (let y = 1; y <= g.years; y++) {
      if (y === g.years || g.cuts[y - 1]) {
        spans.push([start, y]);
        start = y + 1;
      }
    }
    if (g.flaw === "gap" && spans.length > 2) spans.splice(1 + (g.flawAt % (spans.length - 2)), 1);
    if (g.flaw === "overlap" && spans.length > 1) {
      const i = g.flawAt % (spans.length - 1);
      spans[i] = [spans[i]![0], spans[i + 1]![0]];
    }
    const bps = g.descending ? [...g.bps].sort((a, b) => b - a) : g.bps;
    const entries = spans.map(([a, b], i): Entry => {
      const last = i === spans.length - 1;
      let key = a === b ? `year ${a}` : `year ${a} to ${b}`;
      if (last && g.lastKey === "onward") key = `year ${a} onward`;
      if (last && g.lastKey === "beyond") key = `year ${a} to ${b + g.beyond}`;
      return { from: a, key, bp: bps[i]! };
    });
    const written = entries
      .map((e, i) => ({ e, k: g.order[i]! }))
      .sort((x, y) => x.k - y.k)
      .map((x) => x.e);
    return { years: g.years, quarterly: g.quarterly, entries, written, revenue: g.revenue };
  });

function source(s: Scenario): string {
  const entries = s.written.map((e) => `  ${e.key}: ${decimalText(e.bp, 2)}%`).join("\n");
  return `deal "Random taper"
parties { nvidia: "NVIDIA Corporation" sharon: "Sharon AI" }
term 2026-07-01 to ${2026 + s.years}-06-30, ${s.quarterly ? "quarterly" : "monthly"}
currency USD
input revenue: USD
schedule share_rate by contract_year, tapering {
${entries}
}
clause revenue_share { sharon pays nvidia revenue * share_rate }
`;
}

/** Period starts of the term: every month or quarter from 2026-07-01 for `years` years. */
function periodStarts(s: Scenario): string[] {
  const step = s.quarterly ? 3 : 1;
  const starts: string[] = [];
  for (let m = 0; m < 12 * s.years; m += step) {
    const month = 6 + m;
    starts.push(`${2026 + Math.floor(month / 12)}-${String((month % 12) + 1).padStart(2, "0")}-01`);
  }
  return starts;
}

/** Whether the values rise anywhere, taking the entries in key order. */
function rises(entries: readonly Entry[]): boolean {
  const sorted = [...entries].sort((a, b) => a.from - b.from);
  return sorted.some((e, i) => i > 0 && e.bp > sorted[i - 1]!.bp);
}

const PERCENT = Decimal.parse("0.01")!;

describe("tapering schedules", () => {
  it("are rejected with TN2052 exactly when their values rise, and never yield a rising rate when accepted", () => {
    let accepted = 0;
    let rejectedForRising = 0;
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const text = source(s);
        const checked = checkSource(text);
        const codes = checked.diagnostics.map((d) => d.code);
        expect(codes.includes(CHECK.scheduleRises)).toBe(rises(s.entries));
        if (rises(s.entries)) {
          rejectedForRising++;
          expect(checked.value).toBeNull();
          return;
        }
        if (checked.value === null) return; // a gap or an overlap
        accepted++;
        const starts = periodStarts(s);
        const periods = starts.map((period, i) => ({ period, revenue: decimalText(s.revenue[i]!, 2) }));
        const ledger = ledgerOf(text, [{ name: "inputs.json", text: JSON.stringify({ periods }) }]);
        expect(ledger.periods.length).toBe(starts.length);
        let previous: Decimal | null = null;
        for (const period of ledger.periods) {
          const line = period.lines[0];
          if (line === undefined) continue; // rate 0, or an amount that rounds to 0.00
          const rate = money(line.trace.find((t) => t.name === "share_rate")!.value);
          // The rate is the value of the entry covering the period's contract year…
          const entry = [...s.entries].reverse().find((e) => e.from <= period.contract_year)!;
          expect(rate.eq(money(decimalText(entry.bp, 2)).mul(PERCENT))).toBe(true);
          // …and never above the rate of an earlier period.
          if (previous !== null) expect(rate.lte(previous)).toBe(true);
          previous = rate;
        }
      }),
      { numRuns: 200 },
    );
    expect(accepted).toBeGreaterThan(0);
    expect(rejectedForRising).toBeGreaterThan(0);
  });
});
