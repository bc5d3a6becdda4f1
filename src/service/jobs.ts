/**
 * Settlement as jobs on pg-boss, a Postgres-backed job queue (SKIP LOCKED):
 * any number of `tenor serve --worker` processes on one Postgres server
 * share the work, and the embedded database runs the same queue in-process.
 * A job settles one deal (settlement.ts); a job run twice, or two workers
 * on one deal, settle nothing twice: each period is settled under the
 * deal's row lock, once.
 */
import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import PgBoss from "pg-boss";
import type { Database } from "./db/database.ts";
import { settleDeal } from "./settlement.ts";
import { system } from "./audit.ts";

export const SETTLE_QUEUE = "tenor-settle";

export interface JobQueue {
  /** Queues one settle job per deal; gives the job ids. */
  enqueue(dealIds: readonly string[]): Promise<string[]>;
  /** How many of these jobs are not finished yet (queued, running or to be retried), and which failed for good and why. */
  status(jobIds: readonly string[]): Promise<JobStatus>;
  stop(): Promise<void>;
}

export interface JobStatus {
  readonly pending: number;
  readonly failed: readonly { readonly job: string; readonly deal: string; readonly error: string }[];
}

/** What pg-boss kept of a failed job's error (its message, or the problem the settlement gave). */
function failureText(output: unknown): string {
  const o = (typeof output === "string" ? JSON.parse(output) : output) as { message?: unknown; detail?: unknown } | null;
  return typeof o?.message === "string" ? o.message : JSON.stringify(output);
}

export interface JobOptions {
  /** Work the queue in this process with this many concurrent workers (0: only queue). */
  readonly workers: number;
  /** Periods settled in one transaction. */
  readonly settleBatch: number;
  /** Called when a job fails (the error stays in the job's row too). */
  readonly onError?: (error: unknown) => void;
}

export async function startJobs(db: Database, options: JobOptions): Promise<JobQueue> {
  const boss = new PgBoss({
    db: { executeSql: (text, values) => db.executeSql(text, values) },
    schema: "tenor_jobs",
    schedule: false,
    retryLimit: 3,
    retryDelay: 1,
  });
  boss.on("error", (e) => options.onError?.(e));
  await oneAtATime(db, async () => {
    await boss.start();
    await boss.createQueue(SETTLE_QUEUE);
  });
  // Who settled a job, kept in its output (tenor_jobs.job.output): which of many worker processes did the work.
  const worker = `${hostname()}:${process.pid}`;
  const workerIds: string[] = [];
  for (let i = 0; i < options.workers; i++) {
    const id: string = await boss.work<{ deal: string }>(SETTLE_QUEUE, { batchSize: 1, pollingIntervalSeconds: 0.5 }, async ([job]) => {
      // pg-boss waits the polling interval after every fetch, a job or none: a worker that found one looks for the next at once.
      boss.notifyWorker(id);
      const outcome = await settleDeal(db, job!.data.deal, system(`job:${job!.id}`), options.settleBatch);
      return { settled: outcome.settled.length, settledCount: outcome.settledCount, worker };
    });
    workerIds.push(id);
  }
  return {
    async enqueue(dealIds) {
      const jobs = dealIds.map((deal) => ({ id: randomUUID(), name: SETTLE_QUEUE, data: { deal } }));
      if (jobs.length > 0) await boss.insert(jobs);
      for (const w of workerIds) boss.notifyWorker(w);
      return jobs.map((j) => j.id);
    },
    async status(jobIds) {
      if (jobIds.length === 0) return { pending: 0, failed: [] };
      const rows = await db.query<{ id: string; state: string; deal: string; output: unknown }>(
        "SELECT id::text AS id, state, data->>'deal' AS deal, output FROM tenor_jobs.job WHERE name = $1 AND id = ANY($2::uuid[])",
        [SETTLE_QUEUE, [...jobIds]],
      );
      const pending = rows.filter((r) => !["completed", "failed", "cancelled"].includes(r.state)).length;
      const failed = rows.filter((r) => r.state === "failed" || r.state === "cancelled").map((r) => ({ job: r.id, deal: r.deal, error: failureText(r.output) }));
      return { pending, failed };
    },
    stop: () => boss.stop({ graceful: true, wait: true, timeout: 5000 }),
  };
}

/**
 * Installs the queue one process at a time. pg-boss's own lock is taken
 * inside its install transaction, after that transaction began: a process
 * that waited for it still sees the catalog from before the first one's
 * commit, so `CREATE SCHEMA IF NOT EXISTS` fails with a duplicate key
 * (several `tenor serve --worker` started together on a new database).
 * Held here from before pg-boss looks, it sees the queue installed and
 * leaves it. PGlite is one process, and its one connection must stay free.
 */
async function oneAtATime(db: Database, install: () => Promise<void>): Promise<void> {
  if (db.kind !== "postgres") return install();
  await db.transaction(async (tx) => {
    await tx.query("SELECT pg_advisory_xact_lock(7345902)");
    await install();
  });
}
