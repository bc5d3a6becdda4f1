/**
 * The HTTP API of `tenor serve`, spoken to as its users do: the real server
 * process on a free loopback port, on the embedded PGlite database and on a
 * Postgres server (the same tests). A deal stored as a term sheet and as a
 * compiled artifact, its 72 periods put and settled, must give the very
 * bytes `tenor run` prints for the same data.
 */
import Big from "big.js";
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/service/open-database.ts";
import { requirePostgresInCi, serviceBackends, type Backend } from "./backends.ts";
import { asParty, periodBodies, putPeriod, request, ROOT, startService, tempDataDir, type Reply, type ServiceProcess } from "./service-process.ts";

const BACKENDS = await serviceBackends();

const CLI = join(ROOT, "bin", "tenor.mjs");
const tenor = (...args: string[]) => execFileSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: "utf8", maxBuffer: 64 * 1024 * 1024, stdio: ["ignore", "pipe", "pipe"] });

const SHEET = "examples/sharon-dsx.tenor";
const INPUTS = "examples/sharon-dsx.inputs.json";
const SOURCE = readFileSync(join(ROOT, SHEET), "utf8");
const inputsFile = JSON.parse(readFileSync(join(ROOT, INPUTS), "utf8")) as { periods: Record<string, string>[]; events: { date: string }[] };

/** What `tenor run` prints for the same deal and data: the reference every answer is held to. */
const scratch = tempDataDir();
const ARTIFACT_FILE = join(scratch.dir, "sharon.json");
tenor("compile", SHEET, "-o", ARTIFACT_FILE);
const ARTIFACT = JSON.parse(readFileSync(ARTIFACT_FILE, "utf8")) as Record<string, unknown> & { irSha256: string };
const REF_JSON = tenor("run", SHEET, "--inputs", INPUTS, "--format", "json");
const REF_CSV = tenor("run", SHEET, "--inputs", INPUTS, "--format", "csv");
const REF_NO_TRACE = tenor("run", SHEET, "--inputs", INPUTS, "--format", "json", "--no-trace");
const REF = JSON.parse(REF_JSON) as Ledger;
const ENDS = REF.periods.map((p) => p.end);
const BODIES = periodBodies(inputsFile, ENDS);
/** Who posts what in the Sharon deal: Sharon AI runs the factory and meters it, NVIDIA posts its events. */
const SHARON_PARTIES = { operator: "sharon", counterparty: "nvidia" };
/** `tenor run` over the first ten periods only (and the events dated in them). */
const FIRST_10_FILE = join(scratch.dir, "first-10.json");
writeFileSync(FIRST_10_FILE, JSON.stringify({ periods: inputsFile.periods.slice(0, 10), events: inputsFile.events.filter((e) => e.date <= ENDS[9]!) }));
const REF_10_JSON = tenor("run", SHEET, "--inputs", FIRST_10_FILE, "--format", "json");
afterAll(() => scratch.cleanUp());

interface Line { clause: string; payer: string; payee: string; amount: string }
interface LedgerPeriod { index: number; start: string; end: string; contract_year?: number; lines: Line[]; [fact: string]: unknown }
interface Ledger { deal: string; currency: string; periods: LedgerPeriod[]; totals: unknown[] }

/** Paid so far per clause and payer → payee, in order of first appearance: the sums of the ledger's line amounts. */
function paidFrom(periods: readonly LedgerPeriod[]): { clause: string; payer: string; payee: string; amount: string }[] {
  const sums = new Map<string, { clause: string; payer: string; payee: string; sum: Big }>();
  for (const p of periods) {
    for (const l of p.lines) {
      const key = `${l.clause}\u0000${l.payer}\u0000${l.payee}`;
      const s = sums.get(key) ?? { clause: l.clause, payer: l.payer, payee: l.payee, sum: new Big(0) };
      s.sum = s.sum.plus(l.amount);
      sums.set(key, s);
    }
  }
  return [...sums.values()].map((s) => ({ clause: s.clause, payer: s.payer, payee: s.payee, amount: s.sum.toFixed(2) }));
}

interface Cap { clause: string; cap: number; window: string; windowKey: number; paid: string; amount: string; headroom: string }

/** Each cap's figures checked against the ledger: paid is the clause's lines in the cap's window, headroom what is left. */
function expectCapsAgree(caps: readonly Cap[], periods: readonly LedgerPeriod[]): void {
  expect(caps.length).toBeGreaterThan(0);
  for (const c of caps) {
    const inWindow = periods.filter((p) => c.window === "term" || p[c.window] === c.windowKey);
    expect(inWindow.length, `${c.clause} cap ${c.cap}: no period in window ${c.window} ${c.windowKey}`).toBeGreaterThan(0);
    const paid = inWindow.flatMap((p) => p.lines).filter((l) => l.clause === c.clause).reduce((s, l) => s.plus(l.amount), new Big(0));
    expect(c.paid, `${c.clause} cap ${c.cap} paid`).toBe(paid.toFixed(2));
    expect(c.headroom, `${c.clause} cap ${c.cap} headroom`).toBe(new Big(c.amount).minus(c.paid).toFixed(2));
    expect(new Big(c.headroom).gte(0)).toBe(true);
  }
}

function expectJson(r: Reply, status: number): void {
  expect(r.status, r.text.slice(0, 500)).toBe(status);
  expect(r.type).toMatch(/^application\/json/);
}

describe("the Postgres half", () => {
  requirePostgresInCi(BACKENDS);
});

describe.each(BACKENDS)("tenor serve on $name", (backend) => {
  describe.skipIf(backend.skipped !== undefined)("the API", () => {
    let service: ServiceProcess;
    let url: string;
    let where: Awaited<ReturnType<Backend["where"]>>;
    /** Every deal this file created, to hold the database to at the end. */
    const created = new Set<string>();
    const call = (method: string, path: string, body?: unknown, headers?: Record<string, string>) => request(url, method, path, body, headers);

    async function createDeal(body: object, key: string): Promise<string> {
      const r = await call("POST", "/deals", body, { "idempotency-key": key });
      expectJson(r, 201);
      created.add(r.json.id);
      return r.json.id as string;
    }

    async function putPeriods(id: string, from: number, to: number): Promise<void> {
      for (const [i, b] of BODIES.slice(from, to).entries()) {
        const r = await putPeriod(url, id, b.start, b.body, SHARON_PARTIES);
        expectJson(r, 201);
        expect(r.json).toEqual({ index: from + i + 1, start: b.start, created: true });
      }
    }

    beforeAll(async () => {
      where = await backend.where("api");
      service = await startService(where.database !== undefined ? { database: where.database } : { data: where.data! });
      url = service.url!;
    }, 60_000);

    afterAll(async () => {
      await service?.stop();
      where?.cleanUp();
    });

    it("GET /health answers ok, with the database kind", async () => {
      const r = await call("GET", "/health");
      expectJson(r, 200);
      expect(r.json).toMatchObject({ ok: true, database: backend.kind });
    });

    it("GET /openapi.json is an OpenAPI 3 document of every endpoint, from the schemas that validate", async () => {
      const r = await call("GET", "/openapi.json");
      expectJson(r, 200);
      const doc = r.json;
      expect(doc.openapi).toMatch(/^3\./);
      const ops = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`));
      expect(ops.sort()).toEqual([
        "GET /deals/{id}", "GET /deals/{id}/exposure", "GET /deals/{id}/ledger", "GET /deals/{id}/periods/{start}", "GET /health", "GET /jobs",
        "POST /deals", "POST /deals/{id}/replay", "POST /deals/{id}/settle", "POST /deals/{id}/versions", "POST /settle", "PUT /deals/{id}/periods/{start}",
        "PUT /deals/{id}/periods/{start}/events", "GET /deals/{id}/proposals", "POST /deals/{id}/proposals/{n}/approve",
        "GET /keys", "POST /keys", "DELETE /keys/{keyId}",
      ].sort());
      // Every endpoint but the health check takes a bearer key or token.
      expect(doc.components.securitySchemes.bearer).toEqual({ type: "http", scheme: "bearer" });
      expect(doc.security).toEqual([{ bearer: [] }]);
      expect(doc.paths["/health"].get.security).toEqual([]);
      // The limits the server enforces are the ones documented.
      const put = doc.paths["/deals/{id}/periods/{start}"].put;
      expect(put.requestBody.content["application/json"].schema).toMatchObject({ required: ["inputs"], additionalProperties: false });
      expect(doc.paths["/settle"].post.requestBody.content["application/json"].schema.properties.deals).toMatchObject({ maxItems: 1000 });
      expect(JSON.stringify(doc.paths["/deals"].post.parameters)).toContain("idempotency-key");
    });

    let sourceDeal = "";

    it("POST /deals stores a term sheet (with its stdlib imports) and answers with its summary", async () => {
      const r = await call("POST", "/deals", { source: SOURCE }, { "idempotency-key": `source-${backend.name}` });
      expectJson(r, 201);
      expect(r.json).toEqual({ id: expect.any(String), version: 1, title: "Sharon AI - DSX AI Factory", currency: "USD", periods: 72, irSha256: ARTIFACT.irSha256 });
      sourceDeal = r.json.id;
      created.add(sourceDeal);
      const info = await call("GET", `/deals/${sourceDeal}`);
      expectJson(info, 200);
      expect(info.json).toEqual({
        id: sourceDeal, title: "Sharon AI - DSX AI Factory", currency: "USD", periods: 72, parties: ["nvidia", "sharon", "landlord"], stored: 0, settled: 0,
        versions: [{ version: 1, effective: "2026-07-01", irSha256: ARTIFACT.irSha256 }],
      });
    });

    it("settles all 72 periods: the ledger is `tenor run` byte for byte, as JSON, CSV and without traces", async () => {
      await putPeriods(sourceDeal, 0, 72);
      const settled = await call("POST", `/deals/${sourceDeal}/settle`);
      expectJson(settled, 200);
      expect(settled.json).toEqual({ settled: BODIES.map((b, i) => ({ index: i + 1, start: b.start })), settledCount: 72 });

      const json = await call("GET", `/deals/${sourceDeal}/ledger`);
      expectJson(json, 200);
      expect(json.text).toBe(REF_JSON);
      const csv = await call("GET", `/deals/${sourceDeal}/ledger?format=csv`);
      expect(csv.status).toBe(200);
      expect(csv.type).toMatch(/^text\/csv/);
      expect(csv.text).toBe(REF_CSV);
      const noTrace = await call("GET", `/deals/${sourceDeal}/ledger?trace=false`);
      expect(noTrace.text).toBe(REF_NO_TRACE);
      expect((await call("GET", `/deals/${sourceDeal}/ledger?format=json&trace=true`)).text).toBe(REF_JSON);

      // Nothing is left to settle: a second call settles nothing.
      expect((await call("POST", `/deals/${sourceDeal}/settle`)).json).toEqual({ settled: [], settledCount: 72 });
      expect((await call("GET", `/deals/${sourceDeal}`)).json).toMatchObject({ stored: 72, settled: 72 });
    });

    it("GET /deals/:id/periods/:start gives the period's data, version and ledger lines with traces", async () => {
      for (const index of [1, 21, 72]) {
        const b = BODIES[index - 1]!;
        const r = await call("GET", `/deals/${sourceDeal}/periods/${b.start}`);
        expectJson(r, 200);
        const ref = REF.periods[index - 1]!;
        expect(r.json).toEqual({ index, start: ref.start, end: ref.end, data: { inputs: b.body.inputs, events: b.body.events }, complete: true, version: 1, ledger: ref });
      }
      // Period 21 (March 2028) is the one with the lease default: its event is stored, and its line traces the event's argument.
      const march = (await call("GET", `/deals/${sourceDeal}/periods/2028-03-01`)).json;
      expect(march.data.events).toEqual([{ date: "2028-03-15", event: "lease_default", missed_rent: "12960000.00", days_uncured: "45" }]);
      const guarantee = march.ledger.lines.find((l: Line) => l.clause === "lease_guarantee");
      expect(guarantee).toMatchObject({ amount: "12960000.00", trace: [{ name: "missed_rent", value: "12960000", unit: "USD" }] });
    });

    it("GET /deals/:id/exposure: paid so far per clause is the sum of the ledger's lines; each cap's headroom is what is left", async () => {
      const r = await call("GET", `/deals/${sourceDeal}/exposure`);
      expectJson(r, 200);
      expect(r.json.settled).toBe(72);
      expect(r.json.asOf).toBe("2032-06-30");
      expect(r.json.paid).toEqual(paidFrom(REF.periods));
      expectCapsAgree(r.json.caps, REF.periods);
      // The buyback's term cap (75 million USD) is used up: no headroom left.
      expect(r.json.caps).toContainEqual(expect.objectContaining({ clause: "capacity_buyback", window: "term", paid: "75000000.00", headroom: "0.00" }));
    });

    it("POST /deals/:id/replay re-settles every stored period: identical", async () => {
      const r = await call("POST", `/deals/${sourceDeal}/replay`);
      expectJson(r, 200);
      expect(r.json).toEqual({ deal: sourceDeal, periods: 72, identical: true, differences: [] });
    });

    let artifactDeal = "";

    it("POST /deals stores the same deal as a compiled artifact: the same IR hash", async () => {
      const r = await call("POST", "/deals", { artifact: ARTIFACT }, { "idempotency-key": `artifact-${backend.name}` });
      expectJson(r, 201);
      expect(r.json).toMatchObject({ version: 1, title: "Sharon AI - DSX AI Factory", currency: "USD", periods: 72, irSha256: ARTIFACT.irSha256 });
      expect(r.json.id).not.toBe(sourceDeal);
      artifactDeal = r.json.id;
      created.add(artifactDeal);
    });

    it("settled in steps (10 periods, then the rest) the ledger is the same; in between it is `tenor run` on the ten", async () => {
      await putPeriods(artifactDeal, 0, 10);
      const first = await call("POST", `/deals/${artifactDeal}/settle`);
      expect(first.json).toEqual({ settled: BODIES.slice(0, 10).map((b, i) => ({ index: i + 1, start: b.start })), settledCount: 10 });
      expect((await call("GET", `/deals/${artifactDeal}/ledger`)).text).toBe(REF_10_JSON);

      // Between the steps: period 11 has no data, nothing of it is settled; exposure is as of period 10.
      const eleven = await call("GET", `/deals/${artifactDeal}/periods/${BODIES[10]!.start}`);
      expect(eleven.json).toEqual({ index: 11, start: BODIES[10]!.start, end: ENDS[10], data: null, complete: false, version: 1, ledger: null });
      // Its inputs alone do not make it complete: it waits for NVIDIA's events (none, in this period).
      expectJson(await call("PUT", `/deals/${artifactDeal}/periods/${BODIES[10]!.start}`, { inputs: BODIES[10]!.body.inputs }, await asParty(url, artifactDeal, "operator", "sharon")), 201);
      expect((await call("POST", `/deals/${artifactDeal}/settle`)).json).toEqual({ settled: [], settledCount: 10 });
      const waiting = await call("GET", `/deals/${artifactDeal}/periods/${BODIES[10]!.start}`);
      expect(waiting.json).toMatchObject({ index: 11, data: { inputs: BODIES[10]!.body.inputs, events: null }, complete: false, ledger: null });
      const exposure = (await call("GET", `/deals/${artifactDeal}/exposure`)).json;
      expect(exposure).toMatchObject({ settled: 10, asOf: ENDS[9], paid: paidFrom(REF.periods.slice(0, 10)) });
      expectCapsAgree(exposure.caps, REF.periods.slice(0, 10));

      await putPeriods(artifactDeal, 10, 72);
      const rest = await call("POST", `/deals/${artifactDeal}/settle`);
      expect(rest.json).toEqual({ settled: BODIES.slice(10).map((b, i) => ({ index: i + 11, start: b.start })), settledCount: 72 });
      expect((await call("GET", `/deals/${artifactDeal}/ledger`)).text).toBe(REF_JSON);
      expect((await call("GET", `/deals/${artifactDeal}/ledger?format=csv`)).text).toBe(REF_CSV);
      expect((await call("POST", `/deals/${artifactDeal}/replay`)).json).toMatchObject({ identical: true, periods: 72 });
    });

    it("PUT of a period's inputs or events again, the same, is 200 and changes nothing (keys in another order are the same data)", async () => {
      const b = BODIES[20]!; // March 2028, with NVIDIA's lease default
      const operator = await asParty(url, artifactDeal, "operator", "sharon");
      for (const inputs of [b.body.inputs, Object.fromEntries(Object.entries(b.body.inputs).reverse())]) {
        const r = await call("PUT", `/deals/${artifactDeal}/periods/${b.start}`, { inputs }, operator);
        expectJson(r, 200);
        expect(r.json).toEqual({ index: 21, start: b.start, created: false });
      }
      const counterparty = await asParty(url, artifactDeal, "counterparty", "nvidia");
      const reordered = b.body.events.map((e) => Object.fromEntries(Object.entries(e).reverse()));
      for (const events of [b.body.events, reordered]) {
        const r = await call("PUT", `/deals/${artifactDeal}/periods/${b.start}/events`, { events }, counterparty);
        expectJson(r, 200);
        expect(r.json).toEqual({ index: 21, start: b.start, created: false });
      }
      // Different data is never written over what is stored.
      const other = await call("PUT", `/deals/${artifactDeal}/periods/${b.start}/events`, { events: [] }, counterparty);
      expect(other.status).toBe(409);
      expect(other.json).toMatchObject({ code: "TN5007", period: b.start, periodIndex: 21, field: "events" });
      expect((await call("GET", `/deals/${artifactDeal}/ledger`)).text).toBe(REF_JSON);
    });

    it("Idempotency-Key: POST /deals twice with one key is one deal, the same answer; another body under it is 422 TN5009", async () => {
      const key = `once-${backend.name}`;
      const body = { source: SOURCE };
      const first = await call("POST", "/deals", body, { "idempotency-key": key });
      expectJson(first, 201);
      created.add(first.json.id);
      const again = await call("POST", "/deals", body, { "idempotency-key": key });
      expectJson(again, 201);
      expect(again.text).toBe(first.text);

      const other = await call("POST", "/deals", { artifact: ARTIFACT }, { "idempotency-key": key });
      expect(other.status).toBe(422);
      expect(other.type).toMatch(/^application\/problem\+json/);
      expect(other.json).toMatchObject({ status: 422, code: "TN5009", field: "Idempotency-Key" });
      // The key still gives the first answer.
      expect((await call("POST", "/deals", body, { "idempotency-key": key })).text).toBe(first.text);
    });

    it("Idempotency-Key: a retried settle gets the first answer and settles nothing more", async () => {
      const id = await createDeal({ artifact: ARTIFACT }, `settle-retry-${backend.name}`);
      await putPeriods(id, 0, 3);
      const key = `settle-${id}`;
      const first = await call("POST", `/deals/${id}/settle`, undefined, { "idempotency-key": key });
      expectJson(first, 200);
      expect(first.json).toEqual({ settled: [1, 2, 3].map((i) => ({ index: i, start: BODIES[i - 1]!.start })), settledCount: 3 });

      await putPeriods(id, 3, 5);
      const retry = await call("POST", `/deals/${id}/settle`, undefined, { "idempotency-key": key });
      expect(retry.status).toBe(200);
      expect(retry.text).toBe(first.text);
      expect((await call("GET", `/deals/${id}`)).json).toMatchObject({ stored: 5, settled: 3 });

      // The same key on another deal's settle is another request.
      const elsewhere = await call("POST", `/deals/${artifactDeal}/settle`, undefined, { "idempotency-key": key });
      expect(elsewhere.status).toBe(422);
      expect(elsewhere.json).toMatchObject({ code: "TN5009" });

      // A new key settles the periods that arrived since.
      const next = await call("POST", `/deals/${id}/settle`, undefined, { "idempotency-key": `${key}-2` });
      expect(next.json).toEqual({ settled: [4, 5].map((i) => ({ index: i, start: BODIES[i - 1]!.start })), settledCount: 5 });
    });

    it("POST /settle queues jobs that settle the deals; GET /jobs counts them down to 0", async () => {
      const a = await createDeal({ artifact: ARTIFACT }, `jobs-a-${backend.name}`);
      const b = await createDeal({ source: SOURCE }, `jobs-b-${backend.name}`);
      await putPeriods(a, 0, 72);
      await putPeriods(b, 0, 10);
      const queued = await call("POST", "/settle", { deals: [a, b] });
      expectJson(queued, 202);
      expect(queued.json.jobs).toHaveLength(2);
      for (const job of queued.json.jobs) expect(job).toMatch(/^[0-9a-f-]{36}$/);
      const deadline = Date.now() + 30_000;
      let pending = -1;
      while (Date.now() < deadline) {
        const r = await call("GET", `/jobs?jobs=${queued.json.jobs.join(",")}`);
        expectJson(r, 200);
        pending = r.json.pending;
        if (pending === 0) break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(pending).toBe(0);
      expect((await call("GET", `/deals/${a}/ledger`)).text).toBe(REF_JSON);
      expect((await call("GET", `/deals/${b}/ledger`)).text).toBe(REF_10_JSON);
    });

    it("the database holds exactly the deals the API created, once each (read after the server stopped)", async () => {
      await service.stop();
      const db = await openDatabase(where.database !== undefined ? { database: where.database } : { data: where.data! });
      try {
        const deals = await db.query<{ id: string }>("SELECT id FROM tenor_deals ORDER BY id");
        expect(deals.map((d) => d.id)).toEqual([...created].sort());
        const versions = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM tenor_versions");
        expect(Number(versions[0]!.n)).toBe(created.size);
        // 72 + 72 + 5 + 72 + 10 periods of data, each once, and settled once.
        const data = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM tenor_period_data");
        const settled = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM tenor_settled_periods");
        expect([Number(data[0]!.n), Number(settled[0]!.n)]).toEqual([231, 231]);
      } finally {
        await db.close();
      }
    });
  });
});
