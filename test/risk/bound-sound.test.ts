/**
 * Property: `tenor bound` is a proof (issue 12, docs/risk.md "tenor bound").
 * For generated term sheets with declared ranges and event counts
 * (test/generators, `ranges: true`) and their data, which lies inside those
 * ranges, no ledger total exceeds its bound: per clause, per clause and
 * pair, per pair over all clauses, over the run and in each contract year.
 *
 * Runs: TENOR_BOUND_CASES programs (default 1,000, what `npm test` runs),
 * more for a fuzz run (`npm run fuzz:bound`).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { runSource } from "../../src/api.ts";
import { Decimal } from "../../src/eval/decimal.ts";
import type { Ledger } from "../../src/ledger/ledger.ts";
import { boundSource } from "../../src/api.ts";
import { isUnbounded, type Amount, type BoundReport } from "../../src/risk/bound/index.ts";
import { inputFiles, programArbitrary, type GeneratedProgram } from "../generators/program.ts";

const CASES = Number(process.env["TENOR_BOUND_CASES"] ?? 1000);

/** Every total the ledger has, keyed `clause|payer|payee|year` ("*" for all), exactly. */
function ledgerTotals(ledger: Ledger): Map<string, Decimal> {
  const totals = new Map<string, Decimal>();
  const bump = (key: string, v: Decimal): void => {
    totals.set(key, (totals.get(key) ?? Decimal.ZERO).add(v));
  };
  for (const p of ledger.periods) {
    for (const l of p.lines) {
      const v = Decimal.parse(l.amount)!;
      for (const year of ["*", String(p.contract_year)]) {
        bump(`${l.clause}|*|*|${year}`, v);
        bump(`${l.clause}|${l.payer}|${l.payee}|${year}`, v);
        bump(`*|${l.payer}|${l.payee}|${year}`, v);
      }
    }
  }
  return totals;
}

/** The same keys from the bound report. */
function boundTotals(report: BoundReport): Map<string, Amount> {
  const bounds = new Map<string, Amount>();
  const put = (prefix: string, t: { term: Amount; contractYears: readonly Amount[] }): void => {
    bounds.set(`${prefix}|*`, t.term);
    report.contractYears.forEach((y, i) => bounds.set(`${prefix}|${y}`, t.contractYears[i]!));
  };
  for (const c of report.clauses) {
    put(`${c.name}|*|*`, c);
    for (const p of c.pairs) put(`${c.name}|${p.payer}|${p.payee}`, p);
  }
  for (const p of report.pairs) put(`*|${p.payer}|${p.payee}`, p);
  return bounds;
}

/** The totals above their bounds (none when the bound is a proof), and how many were finite. */
export function excesses(program: GeneratedProgram): { over: string[]; finite: number; checked: number } {
  const run = runSource(program.source, inputFiles(program));
  if (run.ledger === null) throw new Error(`seed ${program.seed} did not settle: ${run.diagnostics.map((d) => d.message).join("; ")}`);
  const bound = boundSource(program.source);
  if (bound.value === null) throw new Error(`seed ${program.seed} did not check`);
  const bounds = boundTotals(bound.value);
  const over: string[] = [];
  let finite = 0;
  let checked = 0;
  for (const [key, total] of ledgerTotals(run.ledger)) {
    const b = bounds.get(key);
    if (b === undefined) {
      if (!total.isZero()) over.push(`${key}: paid ${total.toString()} with no bound reported`);
      continue;
    }
    checked++;
    if (isUnbounded(b)) continue;
    finite++;
    if (total.gt(b)) over.push(`${key}: paid ${total.toString()} > bound ${b.toString()}`);
  }
  // The ledger's own totals per pair, as settled (they include lines cut to 0.00).
  for (const t of run.ledger.totals) {
    const b = bounds.get(`*|${t.payer}|${t.payee}|*`);
    if (b !== undefined && !isUnbounded(b) && Decimal.parse(t.amount)!.gt(b)) over.push(`totals ${t.payer} → ${t.payee}: ${t.amount} > ${b.toString()}`);
  }
  return { over, finite, checked };
}

describe("tenor bound over generated programs", () => {
  it(`holds every ledger total of ${CASES} generated programs with declared ranges under its bound`, () => {
    let finite = 0;
    let checked = 0;
    fc.assert(
      fc.property(programArbitrary({ ranges: true, maxPeriods: 18, tests: "never" }), (program) => {
        const r = excesses(program);
        finite += r.finite;
        checked += r.checked;
        if (r.over.length > 0) throw new Error(`seed ${program.seed}:\n${r.over.join("\n")}\n${program.source}`);
      }),
      { numRuns: CASES },
    );
    if (process.env["TENOR_BOUND_STATS"]) console.log(`finite ${finite} of ${checked}`);
    // The property is worth something only if many bounds are finite.
    expect(finite).toBeGreaterThan(checked / 10);
  }, 120_000);
});
