/**
 * Settling a portfolio of compiled deals on worker threads (piscina, a
 * maintained pool): `tenor settle-many` and `npm run bench` use it. Deals
 * go to the workers in batches (few messages, little copying: workers read
 * artifacts and inputs from disk themselves), results come back as small
 * summaries, in the jobs' order.
 *
 * Not part of `tenor/runtime` (a service embeds the runtime in its own
 * workers); this module is Node-only.
 */
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { Piscina } from "piscina";
import type { PortfolioJob, PortfolioResult, PortfolioTask } from "./worker.ts";

export type { PortfolioJob, PortfolioResult };

export interface PortfolioOptions {
  /** Worker threads (default: the machine's available parallelism). */
  readonly workers?: number;
  /** Deals per message to a worker (default 25). */
  readonly batch?: number;
  /** Ledgers written with each line's trace (default true). */
  readonly trace?: boolean;
  /** Return each ledger's SHA-256 (default false). */
  readonly digest?: boolean;
  /** Called after each batch with how many deals are done. */
  readonly onProgress?: (done: number, total: number) => void;
  /** The bundled worker (dist/portfolio-worker.mjs); found beside this module's bundle by default. */
  readonly workerFile?: string;
}

export interface PortfolioRun {
  readonly results: PortfolioResult[];
  readonly workers: number;
  /** Wall-clock seconds, pool start-up included. */
  readonly seconds: number;
}

/** Where the worker bundle is: beside the CLI bundle, or in dist/ when running from source. */
export function defaultWorkerFile(): string {
  const here = import.meta.url;
  const url = here.endsWith(".ts") ? new URL("../../../dist/portfolio-worker.mjs", here) : new URL("./portfolio-worker.mjs", here);
  return fileURLToPath(url);
}

/** Settles every job; never rejects for a bad deal (its result says why), only if the pool itself fails. */
export async function settleMany(jobs: readonly PortfolioJob[], options: PortfolioOptions = {}): Promise<PortfolioRun> {
  const t0 = performance.now();
  const workers = Math.max(1, Math.floor(options.workers ?? availableParallelism()));
  const size = Math.max(1, Math.floor(options.batch ?? 25));
  const pool = new Piscina({
    filename: options.workerFile ?? defaultWorkerFile(),
    minThreads: workers,
    maxThreads: workers,
    concurrentTasksPerWorker: 1,
    // The worker is a plain bundle: it needs none of the parent's flags (a TypeScript loader such as tsx would be loaded again in every worker).
    execArgv: [],
    // big.js makes many short-lived objects: a larger young generation means fewer scavenges.
    resourceLimits: { maxYoungGenerationSizeMb: 64 },
  });
  const results: PortfolioResult[] = new Array(jobs.length);
  let done = 0;
  try {
    const runs: Promise<void>[] = [];
    for (let start = 0; start < jobs.length; start += size) {
      const task: PortfolioTask = { jobs: jobs.slice(start, start + size), trace: options.trace !== false, digest: options.digest === true };
      runs.push(pool.run(task).then((batch: PortfolioResult[]) => {
        batch.forEach((r, i) => (results[start + i] = r));
        done += batch.length;
        options.onProgress?.(done, jobs.length);
      }));
    }
    await Promise.all(runs);
  } finally {
    await pool.destroy();
  }
  return { results, workers, seconds: (performance.now() - t0) / 1000 };
}
