/**
 * Issue 10, the crash test, with authentication on (issue 18): the
 * 72-period Sharon deal is stored with all its period data, each party's
 * with its own key, settling starts, and the server process is killed with
 * SIGKILL while it settles — three times: early, midway and near the end.
 * After each restart on the same database it goes on from the last settled
 * period; at the end the ledger is `tenor run`'s, byte for byte, `tenor
 * replay` finds every stored period identical, and the database holds each
 * of the 72 periods exactly once. On the embedded
 * database (PGlite: Postgres's WAL recovery on reopen, and its directory's
 * lock, left behind by the killed process, taken over) and on a Postgres server.
 */
import { PGlite } from "@electric-sql/pglite";
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startPostgres } from "./postgres-server.ts";
import { periodBodies, putPeriod, request, ROOT, startService, tempDataDir, type ServiceProcess, type StartOptions } from "./service-process.ts";

const DEAL = join(ROOT, "examples", "sharon-dsx.tenor");
const INPUTS = join(ROOT, "examples", "sharon-dsx.inputs.json");
const PERIODS = 72;
/** Kill once at least this many periods are settled: early, in the middle, near the end. */
const KILL_AT = [1, 25, 50];

const server = await startPostgres();
const skipped = "skipped" in server ? server.skipped : undefined;
if (skipped !== undefined) console.warn(`skipped: the crash test on a Postgres server: no Postgres server: ${skipped}`);

/** `node bin/tenor.mjs ARGS`: exit code and output. */
function cli(args: readonly string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(ROOT, "bin", "tenor.mjs"), ...args], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (t: string) => (stdout += t));
    child.stderr.setEncoding("utf8").on("data", (t: string) => (stderr += t));
    child.once("error", reject);
    child.once("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/** What the database holds for the deal: settled-period rows (all, distinct, lowest and highest index) and ledger rows. */
interface Stored {
  readonly n: number;
  readonly distinct: number;
  readonly lo: number;
  readonly hi: number;
  readonly ledgerRows: number;
}

const STORED_SQL = `SELECT count(*)::int AS n, count(DISTINCT period_index)::int AS distinct, min(period_index) AS lo, max(period_index) AS hi,
  (SELECT count(*)::int FROM tenor_ledger_rows WHERE deal_id = $1) AS "ledgerRows"
  FROM tenor_settled_periods WHERE deal_id = $1`;

let expected = "";
let bodies: ReturnType<typeof periodBodies> = [];
beforeAll(async () => {
  const run = await cli(["run", DEAL, "--inputs", INPUTS, "--format", "json"]);
  expect(run.code, run.stderr).toBe(0);
  expected = run.stdout;
  const ends = (JSON.parse(expected) as { periods: { end: string }[] }).periods.map((p) => p.end);
  expect(ends).toHaveLength(PERIODS);
  bodies = periodBodies(JSON.parse(readFileSync(INPUTS, "utf8")), ends);
});

afterAll(async () => {
  if (!("skipped" in server)) await server.stop();
});

/**
 * Starts the settle of deal `id` and kills the server with SIGKILL as soon as
 * it has settled `at` periods or more (polled as fast as it answers). Gives
 * the count it last saw, which must be short of all 72.
 */
async function killWhileSettling(service: ServiceProcess, id: string, at: number): Promise<number> {
  let answered: string | null = null;
  const settle = request(service.url!, "POST", `/deals/${id}/settle`).then(
    (r) => (answered = `answered ${r.status} ${r.text.slice(0, 200)}`),
    () => "cut off",
  );
  let seen = 0;
  while (seen < at) {
    if (answered !== null) throw new Error(`the settle ended before ${at} periods were settled: ${answered}`);
    const r = await request(service.url!, "GET", `/deals/${id}`);
    expect(r.status, r.text).toBe(200);
    seen = r.json.settled as number;
  }
  await service.kill();
  // Killed in the middle: the settle request never got its answer.
  expect(await settle).toBe("cut off");
  expect(seen, "settling finished before the kill: nothing was interrupted").toBeLessThan(PERIODS);
  return seen;
}

/**
 * The whole crash test on one database; `stored` reads the deal's rows once
 * no server has the database open, `whileServing` runs while the first does.
 */
async function crashAndRecover(where: StartOptions, stored: (id: string) => Promise<Stored>, replayWhere: string[], whileServing = async () => {}): Promise<void> {
  const t0 = Date.now();
  // One period a transaction (the default settles hundreds in one): progress shows between
  // periods, so the kill lands part-way through the deal, between transactions or inside one.
  where = { ...where, args: [...(where.args ?? []), "--settle-batch", "1"] };
  let service = await startService(where);
  try {
    await crashes();
  } finally {
    // A failed expectation must not leave a server running.
    if (service.child.exitCode === null && service.child.signalCode === null) await service.kill();
  }

  async function crashes(): Promise<void> {
    await whileServing();
    const created = await request(service.url!, "POST", "/deals", { source: readFileSync(DEAL, "utf8") }, { "idempotency-key": "crash-deal" });
    expect(created.status, created.text).toBe(201);
    const id = created.json.id as string;
    for (const p of bodies) {
      // Sharon AI's meter readings, NVIDIA's events: each party with its own key (authentication is on).
      const r = await putPeriod(service.url!, id, p.start, p.body, { operator: "sharon", counterparty: "nvidia" });
      expect(r.status, r.text).toBe(201);
    }

    const history: string[] = [];
    let settled = 0;
    for (const at of KILL_AT) {
      const seen = await killWhileSettling(service, id, at);
      const t = Date.now();
      service = await startService(where);
      const restart = Date.now() - t;
      const info = await request(service.url!, "GET", `/deals/${id}`);
      expect(info.status, info.text).toBe(200);
      // What was seen settled stays settled (committed); at most the periods after it were added before the kill.
      expect(info.json.settled).toBeGreaterThanOrEqual(seen);
      expect(info.json.settled).toBeLessThan(PERIODS);
      expect(info.json.stored).toBe(PERIODS);
      history.push(`${settled} → seen ${seen} → ${info.json.settled} after restart (${restart} ms)`);
      settled = info.json.settled as number;
    }

    const rest = await request(service.url!, "POST", `/deals/${id}/settle`);
    expect(rest.status, rest.text).toBe(200);
    expect(rest.json.settledCount).toBe(PERIODS);
    // The rest, in order, from where the last crash left off: none settled again.
    expect(rest.json.settled.map((s: { index: number }) => s.index)).toEqual(Array.from({ length: PERIODS - settled }, (_x, i) => settled + i + 1));
    expect((await request(service.url!, "GET", `/deals/${id}`)).json.settled).toBe(PERIODS);

    const ledger = await request(service.url!, "GET", `/deals/${id}/ledger`);
    expect(ledger.status).toBe(200);
    expect(ledger.text === expected, "the ledger after the crashes is not tenor run's, byte for byte").toBe(true);
    expect((JSON.parse(ledger.text) as { periods: { index: number }[] }).periods.map((p) => p.index)).toEqual(Array.from({ length: PERIODS }, (_x, i) => i + 1));
    expect(await service.stop()).toBe(0);

    // In the database: each period once, and as many ledger rows as the ledger has lines, grants and net transfers.
    const rows = (JSON.parse(expected) as { periods: { lines: unknown[]; grants: unknown[]; net?: unknown[] }[] }).periods
      .reduce((n, p) => n + p.lines.length + p.grants.length + (p.net?.length ?? 0), 0);
    expect(await stored(id)).toEqual({ n: PERIODS, distinct: PERIODS, lo: 1, hi: PERIODS, ledgerRows: rows });

    const replay = await cli(["replay", ...replayWhere]);
    expect(replay.code, replay.stdout + replay.stderr).toBe(0);
    expect(replay.stdout).toContain(`${id}: ${PERIODS} periods identical`);
    console.info(`crash test on ${where.database === undefined ? "PGlite" : "Postgres"} in ${Date.now() - t0} ms: ${history.join("; ")}`);
  }
}

describe("a server killed with SIGKILL mid-settlement loses and doubles nothing", () => {
  it("on the embedded database (PGlite), which recovers its directory after the kill", async () => {
    const data = tempDataDir();
    try {
      await crashAndRecover({ data: data.dir }, async (id) => {
        // No server has the directory open now: read it here.
        const db = await PGlite.create(data.dir);
        try {
          return (await db.query<Stored>(STORED_SQL, [id])).rows[0]!;
        } finally {
          await db.close();
        }
      }, ["--data", data.dir], async () => {
        // PGlite does not lock its directory (its postmaster.pid says -42): a second process must be refused, not run a second Postgres on the same files.
        const replay = await cli(["replay", "--data", data.dir]);
        expect(replay.code).toBe(2);
        expect(replay.stderr).toMatch(/^tenor replay: the embedded database in .* is open in process \d+/);
      });
    } finally {
      data.cleanUp();
    }
  }, 120_000);

  it("has a Postgres server (required when CI=true)", () => {
    if (process.env.CI === "true") expect(skipped).toBeUndefined();
  });

  it.skipIf(skipped !== undefined)("on a Postgres server", async () => {
    if ("skipped" in server) return;
    const url = await server.createDatabase("crash");
    await crashAndRecover({ database: url }, async (id) => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        return (await client.query<Stored>(STORED_SQL, [id])).rows[0]!;
      } finally {
        await client.end();
      }
    }, ["--database", url]);
  }, 120_000);
});
