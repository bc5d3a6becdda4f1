/**
 * `npm run bench -- simulate`: tenor simulate on the bench deal (the buyback
 * deal of hand-written.ts, 120 monthly periods) — scenarios per second in
 * this thread and on the worker pool with 1 and 2 workers, against the
 * same deal written by hand on big.js settling the same scenarios' data in
 * this process (data generated beforehand, not timed). Target (issue 12):
 * 100,000 scenarios in under 60 s on 2 cores.
 *
 * TENOR_SIMULATE_SCENARIOS sets the pool runs' size (default 100,000).
 */
import { compileSource } from "../src/api.ts";
import { artifactText } from "../src/compile/artifact.ts";
import { loadTerms } from "../src/runtime/load-terms.ts";
import { simulateOnPool } from "../src/cli/portfolio/simulate-pool.ts";
import { planModel, runScenarios, scenarioInputs, summarize } from "../src/risk/simulate/index.ts";
import { BENCH_DEAL, settleByHand } from "./hand-written.ts";
import type { BenchRow } from "./hand-written.ts";

/** Revenue and utilization mean-reverting and correlated, capacity constant: the buyback's streak and cap are reached in some scenarios. */
export const BENCH_MODEL = JSON.stringify({
  inputs: {
    capacity_hours: { path: "constant", value: "28800000" },
    sold_hours: { path: "mean_reverting", of: "capacity_hours", start: "0.75", mean: "0.78", speed: "0.2", step: "0.12", low: "0.2", high: "1" },
    revenue: { path: "mean_reverting", start: "45000000", mean: "50000000", speed: "0.2", step: "8000000", low: "0" },
  },
  correlations: [{ inputs: ["sold_hours", "revenue"], weight: "0.7" }],
});

export interface SimulateFigures {
  readonly inProcessPerSecond: number;
  readonly handPerSecond: number;
  readonly generatePerSecond: number;
  readonly pool: { readonly workers: number; readonly scenarios: number; readonly seconds: number; readonly cpuSeconds: number }[];
  readonly capHit: string;
}

export async function measureSimulate(poolScenarios = Number(process.env.TENOR_SIMULATE_SCENARIOS ?? 100_000)): Promise<SimulateFigures> {
  const compiled = compileSource(BENCH_DEAL).value;
  if (compiled === null) throw new Error("the bench deal does not compile");
  const artifact = artifactText(compiled);
  const terms = loadTerms(artifact);
  const plan = planModel(terms.program, BENCH_MODEL).value;
  if (plan === null) throw new Error("the bench model is refused");

  // In this thread: warm up, then 2,000 scenarios.
  runScenarios(terms.program, plan, 1, 0, 200);
  const n = 2000;
  let t0 = performance.now();
  const batch = runScenarios(terms.program, plan, 1, 0, n);
  const inProcessPerSecond = n / ((performance.now() - t0) / 1000);
  const capHit = summarize(terms.program, [batch], 1).clauses[1]!.cap!.probability;

  // The same scenarios' data, generated first (timed apart), settled by hand on big.js; totals checked equal.
  t0 = performance.now();
  const data = Array.from({ length: n }, (_, i) => scenarioInputs(terms.program, plan, 1, i).periods as unknown as BenchRow[]);
  const generatePerSecond = n / ((performance.now() - t0) / 1000);
  for (let i = 0; i < 200; i++) settleByHand(data[i]!);
  t0 = performance.now();
  const ledgers = data.map((rows) => settleByHand(rows));
  const handPerSecond = n / ((performance.now() - t0) / 1000);
  ledgers.forEach((l, i) => {
    const buyback = l.periods.reduce((s, p) => s + p.lines.filter((x) => x.clause === "capacity_buyback").reduce((t, x) => t + BigInt(x.amount.replace(".", "")), 0n), 0n);
    if (buyback !== batch.clauseTotals[1]![i]) throw new Error(`scenario ${i}: the hand-written deal and the runtime disagree on the buyback`);
  });

  const pool: SimulateFigures["pool"][number][] = [];
  for (const workers of [1, 2]) {
    const scenarios = workers === 1 ? Math.min(poolScenarios, 20_000) : poolScenarios;
    const cpu0 = process.cpuUsage();
    const run = await simulateOnPool(artifact, BENCH_MODEL, { scenarios, seed: 1, workers });
    const cpu = process.cpuUsage(cpu0);
    summarize(terms.program, run.batches, 1);
    pool.push({ workers, scenarios, seconds: run.seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6 });
  }
  return { inProcessPerSecond, handPerSecond, generatePerSecond, pool, capHit };
}
