/**
 * Issue 10, "scale past one machine": one HTTP process (`--no-jobs`) and
 * two `--worker` processes on one Postgres database settle 200 deals queued
 * by one POST /settle. Every ledger equals `tenor run` on the same data, byte
 * for byte; every period is settled exactly once; both workers did work.
 * Postgres only: PGlite is one process's database.
 */
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runSource } from "../../src/api.ts";
import { ledgerToJson } from "../../src/ledger/format-json.ts";
import { startPostgres, type PostgresServer } from "./postgres-server.ts";
import { putPeriod, request, startService, type ServiceProcess } from "./service-process.ts";

const server = await startPostgres();
const skipped = "skipped" in server ? server.skipped : undefined;
if (skipped !== undefined) console.warn(`skipped: two workers on one Postgres: no Postgres server: ${skipped}`);

const DEALS = 200;

/** Twelve months; a capped share and a two-period streak, so each period goes on from the snapshot before it. */
const SOURCE = `deal "Small deal"
parties {
  vendor: "GPU vendor"
  operator: "AI cloud operator"
}
term 2026-07-01 to 2027-06-30, monthly
currency USD
input revenue: USD
clause share "Revenue share" {
  operator pays vendor revenue * 10%
  cap 500000 USD over term
}
clause support "Low-revenue support" {
  when revenue < 1 million USD for 2 consecutive periods {
    vendor pays operator 25000 USD
  }
}
`;
const STARTS = Array.from({ length: 12 }, (_x, i) => `${2026 + Math.floor((6 + i) / 12)}-${String(((6 + i) % 12) + 1).padStart(2, "0")}-01`);

/** Deal `n`'s revenue, different for every deal (some months under the streak's threshold, some caps reached). */
function revenues(n: number): string[] {
  return STARTS.map((_s, i) => `${300_000 + ((n * 7919 + i * 104_729) % 2_000_000)}.${String((n + i) % 100).padStart(2, "0")}`);
}

/** The ledger `tenor run --format json` prints for deal `n` (the same bytes: test/cli/streamed-ledger.test.ts). */
function expectedLedger(n: number): string {
  const periods = revenues(n).map((revenue, i) => ({ period: STARTS[i]!, revenue }));
  const run = runSource(SOURCE, [{ name: "inputs.json", text: JSON.stringify({ periods }) }]);
  if (run.ledger === null) throw new Error(`deal ${n} does not run: ${JSON.stringify(run.diagnostics)}`);
  return ledgerToJson(run.ledger, { trace: true });
}

/** Runs `fn` over `items`, `width` at a time. */
async function pool<T, R>(items: readonly T[], width: number, fn: (item: T, i: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(Array.from({ length: width }, async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!, i);
    }
  }));
  return out;
}

async function query<T extends pg.QueryResultRow>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

describe("two worker processes on one Postgres settle 200 deals", () => {
  it("has a Postgres server (required when CI=true)", () => {
    if (process.env.CI === "true") expect(skipped).toBeUndefined();
  });

  const processes: ServiceProcess[] = [];
  let url = "";
  beforeAll(async () => {
    if ("skipped" in server) return;
    url = await server.createDatabase("workers");
  });
  afterAll(async () => {
    await Promise.all(processes.map((p) => p.stop()));
    if (!("skipped" in server)) await (server as PostgresServer).stop();
  });

  it.skipIf(skipped !== undefined)("every ledger equals tenor run, each period settled once, by both workers", async () => {
    const t0 = Date.now();
    // All three start at once: they migrate the one database together (migrations.ts takes an advisory lock).
    const starts = await Promise.allSettled([
      startService({ database: url, args: ["--no-jobs"] }),
      startService({ database: url, args: ["--worker", "--concurrency", "4"] }),
      startService({ database: url, args: ["--worker", "--concurrency", "4"] }),
    ]);
    for (const s of starts) if (s.status === "fulfilled") processes.push(s.value);
    for (const s of starts) if (s.status === "rejected") throw s.reason;
    const [http, ...workers] = processes;
    const base = http!.url!;
    const started = Date.now() - t0;

    const ids = await pool(Array.from({ length: DEALS }, (_x, n) => n), 8, async (n) => {
      const r = await request(base, "POST", "/deals", { source: SOURCE }, { "idempotency-key": `workers-deal-${n}` });
      expect(r.status, r.text).toBe(201);
      return r.json.id as string;
    });
    // A deal's periods arrive in order (a gap is refused); the deals side by side.
    await pool(ids, 16, async (id, n) => {
      for (const [i, revenue] of revenues(n).entries()) {
        const r = await putPeriod(base, id, STARTS[i]!, { inputs: { revenue }, events: [] });
        expect(r.status, r.text).toBe(201);
      }
    });
    const stored = Date.now() - t0 - started;

    const queued = await request(base, "POST", "/settle", { deals: ids }, { "idempotency-key": "workers-settle" });
    expect(queued.status, queued.text).toBe(202);
    const jobs = queued.json.jobs as string[];
    expect(jobs).toHaveLength(DEALS);
    const t1 = Date.now();
    for (;;) {
      const r = await request(base, "GET", `/jobs?jobs=${jobs.join(",")}`);
      expect(r.status, r.text).toBe(200);
      if (r.json.pending === 0) break;
      if (Date.now() - t1 > 40_000) throw new Error(`${r.json.pending} of ${DEALS} jobs still pending after 40 s\n${workers.map((w) => w.stderr()).join("\n")}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const settling = Date.now() - t1;

    // Every job completed (pending 0 counts failed ones too), each by one of the two workers, and together they settled 200 × 12 periods.
    const done = await query<{ id: string; state: string; settled: number; worker: string }>(
      url,
      `SELECT id::text, state, (output->>'settled')::int AS settled, output->>'worker' AS worker FROM tenor_jobs.job WHERE id = ANY($1::uuid[])
       UNION ALL
       SELECT id::text, state, (output->>'settled')::int, output->>'worker' FROM tenor_jobs.archive WHERE id = ANY($1::uuid[])`,
      [jobs],
    );
    expect(done.map((j) => j.id).sort()).toEqual([...jobs].sort());
    expect(done.filter((j) => j.state !== "completed")).toEqual([]);
    expect(done.reduce((n, j) => n + j.settled, 0)).toBe(DEALS * 12);
    const byWorker = new Map<string, number>();
    for (const j of done) byWorker.set(j.worker, (byWorker.get(j.worker) ?? 0) + 1);
    const pids = workers.map((w) => w.child.pid);
    expect([...byWorker.keys()].map((w) => Number(w.split(":").at(-1))).sort()).toEqual([...pids].sort());

    // Exactly 12 settled periods per deal, indexes 1 to 12, and no more.
    const counts = await query<{ deal_id: string; n: number; distinct: number; lo: number; hi: number }>(
      url,
      `SELECT deal_id, count(*)::int AS n, count(DISTINCT period_index)::int AS distinct, min(period_index) AS lo, max(period_index) AS hi
         FROM tenor_settled_periods GROUP BY deal_id`,
    );
    expect(counts).toHaveLength(DEALS);
    expect(counts.filter((c) => c.n !== 12 || c.distinct !== 12 || c.lo !== 1 || c.hi !== 12)).toEqual([]);

    // Every ledger: the bytes of tenor run on the same data (different deal by deal).
    const t2 = Date.now();
    const ledgers = await pool(ids, 8, async (id, n) => {
      const r = await request(base, "GET", `/deals/${id}/ledger`);
      expect(r.status).toBe(200);
      expect(r.text === expectedLedger(n), `deal ${n} (${id}): the service's ledger differs from tenor run's`).toBe(true);
      return r.text;
    });
    expect(new Set(ledgers).size).toBe(DEALS);
    console.info(
      `two workers: started in ${started} ms, ${DEALS} deals stored in ${stored} ms, settled in ${settling} ms ` +
        `(${[...byWorker.values()].join(" + ")} jobs), ledgers checked in ${Date.now() - t2} ms`,
    );
  }, 120_000);
});
