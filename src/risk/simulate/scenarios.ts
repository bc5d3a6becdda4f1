/**
 * Settling scenarios (docs/risk.md "How a scenario settles"): each one's data
 * generated period by period, checked against the terms' declared ranges and
 * event counts as `settlePeriod` checks a service's data, and settled by the
 * runtime's engine (the code `settle` and `settlePeriod` run), without
 * traces. What is kept of a scenario is small: each clause's total and the
 * period its cap first cut a payment, and each payer → payee total, in minor
 * units of the currency (whole cents as BigInt).
 *
 * Scenario i's numbers come from its own stream (seed, i), so a batch of
 * scenarios [from, to) gives the same outcomes wherever and in whatever
 * order it runs: workers split runs by index.
 */
import { SIMULATE } from "../../diagnostics/codes/simulate.ts";
import { checkPeriodData } from "../../runtime/data-bounds.ts";
import { isFailure, newEngineState, settleOne } from "../../runtime/engine.ts";
import type { PreparedProgram } from "../../runtime/prepare.ts";
import { ScenarioGenerator, ScenarioState } from "./generate.ts";
import type { ModelPlan } from "./model.ts";
import { Rng } from "./prng.ts";
import { SimulateError } from "./simulate-error.ts";

/** The outcomes of scenarios [from, to), by column. */
export interface ScenarioBatch {
  readonly from: number;
  readonly to: number;
  /** [clause][scenario − from]: the clause's total paid over the term, in minor units. */
  readonly clauseTotals: bigint[][];
  /** [clause][scenario − from]: the index of the first period in which the clause's cap cut a payment; 0 for none. */
  readonly firstCapped: number[][];
  /** [pair][scenario − from]: the pair's total, pairs as pairIndex numbers them. */
  readonly pairTotals: bigint[][];
}

/** The ordered pairs of distinct parties, payer-major in declaration order: pair (i, j) has index i·(n−1) + j′. */
export function partyPairs(program: PreparedProgram): { payer: string; payee: string }[] {
  const names = program.header.parties.map((p) => p.name);
  return names.flatMap((payer) => names.filter((payee) => payee !== payer).map((payee) => ({ payer, payee })));
}

/** Settles scenarios [from, to) of a run with `seed`. Throws SimulateError when one cannot settle. */
export function runScenarios(program: PreparedProgram, plan: ModelPlan, seed: number, from: number, to: number): ScenarioBatch {
  const clauses = program.clauses;
  const clauseIndex = new Map(clauses.map((c, i) => [c.name, i]));
  const pairs = partyPairs(program);
  const pairIndex = new Map(pairs.map((p, i) => [`${p.payer}\u0000${p.payee}`, i]));
  const count = to - from;
  const clauseTotals = clauses.map(() => new Array<bigint>(count).fill(0n));
  const firstCapped = clauses.map(() => new Array<number>(count).fill(0));
  const pairTotals = pairs.map(() => new Array<bigint>(count).fill(0n));
  const generator = new ScenarioGenerator(program, plan);
  // Amounts are written with exactly the currency's decimals: dropping the point gives minor units.
  const minor = program.decimals === 0 ? (s: string) => BigInt(s) : (s: string) => BigInt(s.replace(".", ""));

  for (let s = from; s < to; s++) {
    const k = s - from;
    const rng = new Rng(seed, s);
    const gen = new ScenarioState(program);
    const engine = newEngineState(program);
    for (const period of program.periods) {
      const input = generator.period(rng, period, gen);
      const refused = checkPeriodData(program, input, engine.events);
      if (refused.length > 0) {
        throw new SimulateError(SIMULATE.scenarioFailed, `scenario ${s}`, `scenario ${s}: the data drawn was refused: ${refused[0]!.message} [${refused[0]!.code}]`);
      }
      const settled = settleOne(program, engine, input, false);
      if (isFailure(settled)) {
        const d = settled.diagnostic;
        throw new SimulateError(SIMULATE.scenarioFailed, `scenario ${s}`, `scenario ${s} (seed ${seed}): ${d.message} [${d.code}]`);
      }
      for (const line of settled.lines) {
        const ci = clauseIndex.get(line.clause)!;
        const amount = minor(line.amount);
        clauseTotals[ci]![k]! += amount;
        if (line.capped && firstCapped[ci]![k] === 0) firstCapped[ci]![k] = period.index;
        const pi = pairIndex.get(`${line.payer}\u0000${line.payee}`)!;
        pairTotals[pi]![k]! += amount;
      }
    }
  }
  return { from, to, clauseTotals, firstCapped, pairTotals };
}

/** The inputs file (docs/language.md §11 "JSON") of one scenario: to settle it with `tenor run`, or to look at it. */
export function scenarioInputs(program: PreparedProgram, plan: ModelPlan, seed: number, index: number): { periods: Record<string, string>[]; events: Record<string, string>[] } {
  const rng = new Rng(seed, index);
  const gen = new ScenarioState(program);
  const generator = new ScenarioGenerator(program, plan);
  const periods: Record<string, string>[] = [];
  const events: Record<string, string>[] = [];
  for (const period of program.periods) {
    const input = generator.period(rng, period, gen);
    const row: Record<string, string> = { period: period.start };
    program.header.inputs.forEach((decl, slot) => (row[decl.name] = input.inputs[slot]!.toString()));
    periods.push(row);
    const inPeriod: { date: string; order: number; row: Record<string, string> }[] = [];
    program.header.events.forEach((decl, slot) => {
      for (const e of input.events[slot]!) {
        const r: Record<string, string> = { date: e.date, event: decl.name };
        decl.params.forEach((p, i) => (r[p.name] = e.args[i]!.toString()));
        inPeriod.push({ date: e.date, order: inPeriod.length, row: r });
      }
    });
    events.push(...inPeriod.map((x) => x.row));
  }
  return { periods, events };
}
