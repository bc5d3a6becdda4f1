/**
 * Settling a portfolio of compiled deals on worker threads (piscina, a
 * maintained pool): `tenor settle-many` and `npm run bench` use it. Deals
 * go to the workers in batches (few messages, little copying: workers read
 * artifacts and inputs from disk themselves), results come back as small
 * summaries, in the jobs' order.
 *
 * Not part of `tenor/runtime` (a service embeds the runtime in its own
 * workers); this module is Node-only.
 *
 * The worker is a CommonJS bundle (dist/portfolio-worker.cjs). piscina loads
 * a worker file with `require()` first; on Node >= 20.19 `require()` of an
 * ES module (.mjs) loads it synchronously (require(esm)), and when the pool
 * is destroyed — the threads terminated — while a thread is still inside
 * that synchronous load, Node 20 aborts the whole process in a native
 * assertion (`ModuleWrap::CreateRequiredModuleFacade`, `InstantiateSync`:
 * exit 134). A CommonJS file is plain `require()`, which a terminated thread
 * leaves cleanly. The pool also starts no more threads than there are
 * batches, and none for no deals.
 */
import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { Piscina } from "piscina";
import type { PortfolioJob, PortfolioResult, PortfolioTask } from "./worker.ts";

export type { PortfolioJob, PortfolioResult };

export interface PortfolioOptions {
  /** Worker threads at most (default: the machine's available parallelism); no more start than there are batches. */
  readonly workers?: number;
  /** Deals per message to a worker (default: the deals shared out over the workers, at most 25 a batch). */
  readonly batch?: number;
  /** Ledgers written with each line's trace (default true). */
  readonly trace?: boolean;
  /** Return each ledger's SHA-256 (default false). */
  readonly digest?: boolean;
  /** Called after each batch with how many deals are done. */
  readonly onProgress?: (done: number, total: number) => void;
  /** The bundled worker (dist/portfolio-worker.cjs); found beside this module's bundle by default. */
  readonly workerFile?: string;
}

export interface PortfolioRun {
  readonly results: PortfolioResult[];
  /** Worker threads started (0 for no deals). */
  readonly workers: number;
  /** Wall-clock seconds, pool start-up included. */
  readonly seconds: number;
}

/** Where the worker bundle is: beside the CLI bundle, or in dist/ when running from source. */
export function defaultWorkerFile(): string {
  const here = import.meta.url;
  const url = here.endsWith(".ts") ? new URL("../../../dist/portfolio-worker.cjs", here) : new URL("./portfolio-worker.cjs", here);
  return fileURLToPath(url);
}

/** The most worker threads `tenor settle-many --workers` takes: 4 a core (os.availableParallelism()). */
export function maxWorkers(): number {
  return 4 * availableParallelism();
}

/** Deals per batch and threads to start for `count` deals: every thread gets work, at most 25 deals a message. */
export function planPool(count: number, options: Pick<PortfolioOptions, "workers" | "batch"> = {}): { workers: number; batch: number } {
  const requested = options.workers ?? availableParallelism();
  if (!Number.isSafeInteger(requested) || requested < 1) throw new RangeError(`workers must be a whole number from 1 up, not ${requested}`);
  if (options.batch !== undefined && (!Number.isSafeInteger(options.batch) || options.batch < 1)) throw new RangeError(`batch must be a whole number from 1 up, not ${options.batch}`);
  const batch = options.batch ?? Math.min(25, Math.max(1, Math.ceil(count / requested)));
  return { workers: Math.min(requested, Math.ceil(count / batch)), batch };
}

/**
 * The pool `settleMany` runs on: `workers` threads, all started at once, of
 * the CommonJS worker bundle. Exported for the start-up stress test
 * (test/cli/settle-many-stress.test.ts), which destroys pools mid-start-up.
 */
export function createPool(workers: number, workerFile: string = defaultWorkerFile()): Piscina {
  if (!existsSync(workerFile)) throw new Error(`the settle-many worker ${workerFile} is missing: run npm run build:cli`);
  return new Piscina({
    filename: workerFile,
    minThreads: workers,
    maxThreads: workers,
    concurrentTasksPerWorker: 1,
    // The worker is a plain bundle: it needs none of the parent's flags (a TypeScript loader such as tsx would be loaded again in every worker).
    execArgv: [],
    // big.js makes many short-lived objects: a larger young generation means fewer scavenges.
    resourceLimits: { maxYoungGenerationSizeMb: 64 },
  });
}

/** Settles every job; never rejects for a bad deal (its result says why), only if the pool itself fails. */
export async function settleMany(jobs: readonly PortfolioJob[], options: PortfolioOptions = {}): Promise<PortfolioRun> {
  const t0 = performance.now();
  const { workers, batch: size } = planPool(jobs.length, options);
  if (jobs.length === 0) return { results: [], workers: 0, seconds: (performance.now() - t0) / 1000 };
  const pool = createPool(workers, options.workerFile);
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
