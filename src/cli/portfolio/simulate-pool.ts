/**
 * `tenor simulate` on the portfolio worker pool (pool.ts): scenarios split
 * by index into batches [from, to), each settled by a worker thread from
 * its own streams (seed, index), joined back in index order — so the
 * report is the same for any number of workers and any batch size.
 */
import { availableParallelism } from "node:os";
import type { ScenarioBatch } from "../../risk/simulate/index.ts";
import { splitScenarios } from "../../risk/simulate/index.ts";
import { createPool } from "./pool.ts";
import type { SimulateTask, SimulateTaskResult } from "./simulate-task.ts";

export interface SimulatePoolOptions {
  readonly scenarios: number;
  readonly seed: number;
  /** Worker threads at most (default: available parallelism); no more start than there are batches. */
  readonly workers?: number;
  /** Scenarios per message (default: about eight batches a worker, at most 1,000 scenarios each). */
  readonly batch?: number;
  readonly onProgress?: (done: number, total: number) => void;
  readonly workerFile?: string;
}

export interface SimulatePoolRun {
  readonly batches: ScenarioBatch[];
  readonly workers: number;
  readonly seconds: number;
}

/** Thrown when a scenario (or the model, in a worker) fails: the first failure by scenario index. */
export class PoolSimulateError extends Error {
  constructor(readonly code: string, readonly field: string, message: string) {
    super(message);
  }
}

export async function simulateOnPool(artifact: string, model: string, options: SimulatePoolOptions): Promise<SimulatePoolRun> {
  const t0 = performance.now();
  const requested = options.workers ?? availableParallelism();
  const size = options.batch ?? Math.max(1, Math.min(1000, Math.ceil(options.scenarios / (requested * 8))));
  const parts = splitScenarios(options.scenarios, size);
  const workers = Math.min(requested, parts.length);
  const pool = createPool(workers, options.workerFile);
  const results: SimulateTaskResult[] = new Array(parts.length);
  let done = 0;
  try {
    await Promise.all(parts.map(({ from, to }, i) => {
      const task: SimulateTask = { simulate: { artifact, model, seed: options.seed, from, to } };
      return pool.run(task).then((r: SimulateTaskResult) => {
        results[i] = r;
        done += to - from;
        options.onProgress?.(done, options.scenarios);
      });
    }));
  } finally {
    await pool.destroy();
  }
  const batches: ScenarioBatch[] = [];
  for (const r of results) {
    if ("error" in r) throw new PoolSimulateError(r.error.code, r.error.field, r.error.message);
    batches.push(r.batch);
  }
  return { batches, workers, seconds: (performance.now() - t0) / 1000 };
}
