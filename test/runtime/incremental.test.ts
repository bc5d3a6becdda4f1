import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compileSource } from "../../src/api.ts";
import { artifactText } from "../../src/compile/artifact.ts";
import { COMPILE } from "../../src/diagnostics/codes/compile.ts";
import { periodsOf } from "../../src/eval/periods.ts";
import type { LedgerPeriod, LedgerTotal } from "../../src/ledger/ledger.ts";
import { loadTerms } from "../../src/runtime/load-terms.ts";
import { settle, settlePeriod } from "../../src/runtime/settle.ts";
import type { Snapshot } from "../../src/runtime/snapshot.ts";
import type { Terms } from "../../src/runtime/terms.ts";
import { programArbitrary } from "../generators/program.ts";
import { thrown } from "./helpers.ts";

type Row = Readonly<Record<string, string>>;

/** Settles period by period, the snapshot kept only as JSON text between periods. */
function oneByOne(terms: Terms, rows: readonly Row[], events: readonly Row[]) {
  const term = periodsOf(terms.header.term);
  let saved: string | null = null;
  const periods: LedgerPeriod[] = [];
  let totals: LedgerTotal[] = [];
  rows.forEach((row, i) => {
    const p = term[i]!;
    const mine = events.filter((e) => e["date"]! >= p.start && e["date"]! <= p.end);
    // Alternate the two forms a service may hold: the text, or the object parsed from it.
    const snapshot: Snapshot | string | null = saved === null ? null : i % 2 === 0 ? saved : (JSON.parse(saved) as Snapshot);
    const r = settlePeriod(terms, snapshot, row, mine);
    saved = JSON.stringify(r.snapshot);
    periods.push(r.period);
    totals = r.totals;
  });
  return { periods, totals, snapshot: saved };
}

const DEAL = `deal "Incremental"
parties {
  a: "A"
  b: "B"
}
term 2026-01-01 to 2026-12-31, monthly
currency USD
settle net
input revenue: USD
event bonus(amount: USD)
clause share {
  when revenue > 100 USD for 2 consecutive periods { a pays b revenue * 10% }
  cap 25 USD per contract_year
}
clause bonuses { on bonus { b pays a amount } }
`;
const terms = loadTerms(artifactText(compileSource(DEAL).value!));
const ROWS = ["150", "200", "300", "50", "400"].map((revenue, i) => ({ period: `2026-0${i + 1}-01`, revenue }));

describe("incremental settlement", () => {
  it("settles random programs period by period through JSON snapshots to exactly the full run", () => {
    fc.assert(fc.property(programArbitrary({ tests: "never" }), (p) => {
      const t = loadTerms(artifactText(compileSource(p.source).value!));
      const full = settle(t, p.inputs);
      const steps = oneByOne(t, p.inputs.periods, p.inputs.events);
      expect(steps.periods).toEqual(full.periods);
      expect(steps.totals).toEqual(full.totals);
    }), { numRuns: 60 });
  });

  it("carries streaks, caps and totals in a versioned snapshot", () => {
    const { periods, snapshot } = oneByOne(terms, ROWS.slice(0, 3), [{ date: "2026-02-10", event: "bonus", amount: "1.5" }]);
    expect(periods.map((p) => p.lines.map((l) => `${l.clause} ${l.amount}${l.capped ? " capped" : ""}`))).toEqual([
      [], ["share 20.00", "bonuses 1.50"], ["share 5.00 capped"],
    ]);
    expect(JSON.parse(snapshot!)).toEqual({
      format: "tenor-snapshot",
      version: 3,
      irSha256: terms.irSha256,
      periods: 3,
      caps: [[{ window: 1, paid: "25" }], []],
      streaks: [{ count: 2, last: 3 }],
      balances: [[], []],
      totals: [{ payer: "a", payee: "b", amount: "25" }, { payer: "b", payee: "a", amount: "1.5" }],
    });
  });

  it("carries balances in the snapshot, so settling from snapshots equals the full run", () => {
    const source = `deal "Prepaid"
parties {
  a: "A"
  b: "B"
}
term 2026-01-01 to 2026-12-31, monthly
currency USD
input revenue: USD
event rebate(amount: USD)
clause drawdown {
  balance left = 25 USD
  let shortfall = max(10 USD - revenue, 0 USD)
  let drawn = min(shortfall, left)
  subtract drawn from left
  a pays b shortfall - drawn
}
clause rebates {
  balance credit = 0 USD
  on rebate { add amount to credit }
  when credit >= 5 USD {
    b pays a credit
    subtract credit from credit
  }
}
`;
    const t = loadTerms(artifactText(compileSource(source).value!));
    const rows = ["0", "0", "4", "0", "20"].map((revenue, i) => ({ period: `2026-0${i + 1}-01`, revenue }));
    const events = [{ date: "2026-01-05", event: "rebate", amount: "3" }, { date: "2026-03-05", event: "rebate", amount: "2.5" }];
    const full = settle(t, { periods: rows, events });
    const steps = oneByOne(t, rows, events);
    expect(steps.periods).toEqual(full.periods);
    expect(steps.totals).toEqual(full.totals);
    expect(steps.periods.map((p) => p.lines.map((l) => `${l.clause} ${l.amount}`))).toEqual([
      [], [], ["drawdown 1.00", "rebates 5.50"], ["drawdown 10.00"], [],
    ]);
    // 25 − 10 − 10 − 5 (of a 6 USD shortfall) = 0 left; the credit was paid out and reset.
    expect((JSON.parse(steps.snapshot!) as Snapshot).balances).toEqual([["0"], ["0"]]);
  });

  it("refuses a row for any period but the next one", () => {
    const first = settlePeriod(terms, null, ROWS[0]!);
    const e = thrown(() => settlePeriod(terms, first.snapshot, ROWS[2]!));
    expect(e.code).toBe(COMPILE.wrongNextPeriod);
    expect(e.message).toBe('the next period to settle is period 2 (2026-02-01), but the row is for "2026-03-01"');
    expect([e.period, e.periodIndex, e.field]).toEqual(["2026-02-01", 2, "period"]);
  });

  it("refuses an event outside the period being settled", () => {
    const e = thrown(() => settlePeriod(terms, null, ROWS[0]!, [{ date: "2026-02-01", event: "bonus", amount: "1" }]));
    expect(e.code).toBe(COMPILE.wrongNextPeriod);
    expect(e.message).toBe("event 1 on 2026-02-01 is not in period 1 (2026-01-01 to 2026-01-31), the period being settled");
  });

  it("refuses a snapshot of other terms, of another version, or malformed", () => {
    const first = settlePeriod(terms, null, ROWS[0]!);
    const other = loadTerms(artifactText(compileSource(DEAL.replace("10%", "11%")).value!));
    expect(thrown(() => settlePeriod(other, first.snapshot, ROWS[1]!)).code).toBe(COMPILE.invalidSnapshot);
    expect(thrown(() => settlePeriod(terms, { ...first.snapshot, version: 1 }, ROWS[1]!)).message)
      .toBe("invalid snapshot: version 1 is not supported (this runtime reads 3)");
    expect(thrown(() => settlePeriod(terms, { ...first.snapshot, streaks: [] }, ROWS[1]!)).message)
      .toBe('invalid snapshot: "streaks" must have 1 entries');
    expect(thrown(() => settlePeriod(terms, "{", ROWS[1]!)).message).toBe("invalid snapshot: not JSON");
  });

  it("leaves the snapshot it was given as it was when the period fails", () => {
    const first = settlePeriod(terms, null, ROWS[0]!);
    const before = JSON.stringify(first.snapshot);
    expect(thrown(() => settlePeriod(terms, first.snapshot, { period: "2026-02-01", revenue: "x" })).field).toBe("revenue");
    expect(JSON.stringify(first.snapshot)).toBe(before);
    expect(settlePeriod(terms, first.snapshot, ROWS[1]!).period.index).toBe(2);
  });

  it("refuses to settle past the end of the term", () => {
    let snapshot: Snapshot | null = null;
    for (let m = 1; m <= 12; m++) snapshot = settlePeriod(terms, snapshot, { period: `2026-${String(m).padStart(2, "0")}-01`, revenue: "1" }).snapshot;
    expect(thrown(() => settlePeriod(terms, snapshot, { period: "2027-01-01", revenue: "1" })).message).toBe("all 12 periods of the term are settled already");
  });
});
