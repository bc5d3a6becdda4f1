/**
 * `tenor simulate` as a library (docs/risk.md "tenor simulate"): Monte Carlo
 * over input paths, every scenario settled exactly by the runtime.
 * Browser-safe (no Node imports): the CLI runs batches of scenarios on the
 * portfolio worker pool, the playground's analysis worker runs them in one go;
 * both join the same batches into the same report.
 *
 *   const plan = planModel(terms.program, modelJson);          // diagnostics name the field
 *   const report = simulate(terms.program, plan.value!, { scenarios: 10_000, seed: 7 });
 */
import { SIMULATE } from "../../diagnostics/codes/simulate.ts";
import type { PreparedProgram } from "../../runtime/prepare.ts";
import type { ModelPlan } from "./model.ts";
import { runScenarios } from "./scenarios.ts";
import type { ScenarioBatch } from "./scenarios.ts";
import { SimulateError } from "./simulate-error.ts";
import { summarize } from "./summary.ts";
import type { SimulationReport } from "./summary.ts";

export { planModel, PATH_KINDS, MAX_RATE, MAX_PLACES } from "./model.ts";
export type { ModelDiagnostic, ModelPlan, PathKind } from "./model.ts";
export { runScenarios, scenarioInputs } from "./scenarios.ts";
export type { ScenarioBatch } from "./scenarios.ts";
export { summarize, percentile, PRNG_NAME } from "./summary.ts";
export type { SimulationReport, ClauseReport, PairReport, TotalStats, CapStats } from "./summary.ts";
export { reportTable, reportJson } from "./format.ts";
export { SimulateError } from "./simulate-error.ts";
export { Rng } from "./prng.ts";

/** The most scenarios one run may have. */
export const MAX_SCENARIOS = 10_000_000;
/** Seeds are whole numbers below 2^32. */
export const MAX_SEED = 0xffff_ffff;

export interface SimulateOptions {
  readonly scenarios: number;
  readonly seed: number;
}

/** Checks the run's options: a SimulateError naming the option otherwise. */
export function checkRunOptions(options: SimulateOptions): void {
  const { scenarios, seed } = options;
  if (!Number.isSafeInteger(scenarios) || scenarios < 1 || scenarios > MAX_SCENARIOS) {
    throw new SimulateError(SIMULATE.badRunOptions, "scenarios", `the number of scenarios must be a whole number from 1 to ${MAX_SCENARIOS}, not ${scenarios}`);
  }
  if (!Number.isSafeInteger(seed) || seed < 0 || seed > MAX_SEED) {
    throw new SimulateError(SIMULATE.badRunOptions, "seed", `the seed must be a whole number from 0 to ${MAX_SEED}, not ${seed}`);
  }
}

/** Splits scenarios 0 … N−1 into `parts` batches of consecutive indexes (what a pool hands out). */
export function splitScenarios(scenarios: number, size: number): { from: number; to: number }[] {
  const out: { from: number; to: number }[] = [];
  for (let from = 0; from < scenarios; from += size) out.push({ from, to: Math.min(scenarios, from + size) });
  return out;
}

/** Every scenario in this thread, in batches of `batch` (calling `onProgress` after each), joined into the report. */
export function simulate(program: PreparedProgram, plan: ModelPlan, options: SimulateOptions & { readonly batch?: number; readonly onProgress?: (done: number, total: number) => void }): SimulationReport {
  checkRunOptions(options);
  const batches: ScenarioBatch[] = [];
  let done = 0;
  for (const { from, to } of splitScenarios(options.scenarios, options.batch ?? 1000)) {
    batches.push(runScenarios(program, plan, options.seed, from, to));
    done = to;
    options.onProgress?.(done, options.scenarios);
  }
  return summarize(program, batches, options.seed);
}
