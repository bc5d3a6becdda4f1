/**
 * Bad input never becomes a 500: against the real `tenor serve` process (on
 * PGlite, and on a Postgres server), every defect a client can send is a 4xx
 * `application/problem+json` with its TN code, and what is stored — the
 * deal, its settled ledger, its period data — is byte for byte what it was.
 */
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { canonicalJson } from "../../src/ir/canonical-json.ts";
import { sha256Hex } from "../../src/ir/sha256.ts";
import { openDatabase } from "../../src/service/open-database.ts";
import { requirePostgresInCi, serviceBackends, type Backend } from "./backends.ts";
import { asParty, request, ROOT, startService, tempDataDir, type Reply, type ServiceProcess } from "./service-process.ts";

const BACKENDS = await serviceBackends();

/** Six monthly periods, one input, one event. */
const FEE = `deal "Monthly fee deal"
parties {
  vendor: "GPU vendor"
  operator: "AI cloud operator"
}
term 2026-07-01 to 2026-12-31, monthly
currency USD
input revenue: USD
event credit(amount: USD)
clause share "Revenue share" {
  operator pays vendor revenue * 10%
}
clause credits "Service credits" {
  on credit {
    vendor pays operator amount
  }
}
`;
const STARTS = ["2026-07-01", "2026-08-01", "2026-09-01", "2026-10-01", "2026-11-01", "2026-12-01"];
const data = (revenue: string) => ({ inputs: { revenue } });

/** The deal of test/cli/compile.test.ts whose second period's payment goes negative: a run-time error. */
const MARGIN = `deal "Fee deal"
parties {
  vendor: "GPU vendor"
  operator: "AI cloud operator"
}
term 2026-07-01 to 2026-12-31, quarterly
currency USD
settle net
input revenue: USD
clause share "Revenue share" {
  operator pays vendor revenue * 10%
}
clause margin { vendor pays operator revenue - 100_000 USD }
`;

const CLI = join(ROOT, "bin", "tenor.mjs");
const scratch = tempDataDir();
afterAll(() => scratch.cleanUp());
function tenor(...args: string[]): { code: number; out: string; err: string } {
  try {
    return { code: 0, out: execFileSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }), err: "" };
  } catch (e) {
    const x = e as { status: number; stdout: string; stderr: string };
    return { code: x.status, out: x.stdout, err: x.stderr };
  }
}
const file = (name: string, text: string) => {
  const path = join(scratch.dir, name);
  writeFileSync(path, text);
  return path;
};
const FEE_FILE = file("fee.tenor", FEE);
tenor("compile", FEE_FILE, "-o", join(scratch.dir, "fee.json"));
const FEE_ARTIFACT = JSON.parse(readFileSync(join(scratch.dir, "fee.json"), "utf8")) as { ir: any; irSha256: string; header: any };
const MARGIN_FILE = file("margin.tenor", MARGIN);
const MARGIN_RUN = tenor("run", MARGIN_FILE, "--inputs", file("margin.inputs.json", JSON.stringify({ periods: [{ period: "2026-07-01", revenue: "120000.00" }, { period: "2026-10-01", revenue: "80000.05" }] })), "--format", "json");
const MARGIN_FIRST = tenor("run", MARGIN_FILE, "--inputs", file("margin-1.inputs.json", JSON.stringify({ periods: [{ period: "2026-07-01", revenue: "120000.00" }] })), "--format", "json");

/** A 4xx problem: the media type, the code, the status in the body, and whatever else is named. */
function expectProblem(r: Reply, status: number, code: string, extra: Record<string, unknown> = {}): void {
  expect(r.status, r.text.slice(0, 400)).toBe(status);
  expect(r.type).toMatch(/^application\/problem\+json/);
  expect(r.json).toMatchObject({ type: `https://tenor.dev/problems/${code}`, title: expect.any(String), status, code, detail: expect.any(String), ...extra });
}

describe("the Postgres half", () => {
  requirePostgresInCi(BACKENDS);
});

describe.each(BACKENDS)("bad input to tenor serve on $name", (backend) => {
  describe.skipIf(backend.skipped !== undefined)("is a 4xx problem and changes nothing", () => {
    let service: ServiceProcess;
    let url: string;
    let where: Awaited<ReturnType<Backend["where"]>>;
    /** The deal every test tries to damage: periods 1–2 settled, period 3's inputs stored (not its events), 4–6 nothing yet. */
    let deal = "";
    const created = new Set<string>();
    let before: string[] = [];
    const call = (method: string, path: string, body?: unknown, headers?: Record<string, string>) => request(url, method, path, body, headers);
    /** The AI cloud operator posts the inputs, the vendor the events, its counsel amendments. */
    const operator = (id = deal) => asParty(url, id, "operator", "operator");
    const counsel = async (key?: string) => ({ ...(key === undefined ? {} : { "idempotency-key": key }), ...(await asParty(url, deal, "counsel", "vendor")) });
    const put = async (start: string, body: unknown, id = deal) => call("PUT", `/deals/${id}/periods/${start}`, body, await operator(id));
    const putEvents = async (start: string, body: unknown, id = deal) => call("PUT", `/deals/${id}/periods/${start}/events`, body, await asParty(url, id, "counterparty", "vendor"));

    /** What is stored, as the API shows it: the deal, its ledger (JSON and CSV), its periods' data. */
    async function stored(): Promise<string[]> {
      const paths = [`/deals/${deal}`, `/deals/${deal}/ledger`, `/deals/${deal}/ledger?format=csv`, `/deals/${deal}/exposure`, ...STARTS.map((s) => `/deals/${deal}/periods/${s}`)];
      const replies = await Promise.all(paths.map((p) => call("GET", p)));
      for (const r of replies) expect(r.status).toBe(200);
      return replies.map((r) => r.text);
    }
    const expectUnchanged = async () => expect(await stored()).toEqual(before);

    async function createDeal(body: object, key: string): Promise<string> {
      const r = await call("POST", "/deals", body, { "idempotency-key": key });
      expect(r.status, r.text).toBe(201);
      created.add(r.json.id);
      return r.json.id as string;
    }

    beforeAll(async () => {
      where = await backend.where("bad_input");
      service = await startService(where.database !== undefined ? { database: where.database } : { data: where.data! });
      url = service.url!;
      deal = await createDeal({ source: FEE }, "the-deal");
      expect((await put(STARTS[0]!, data("120000.00"))).status).toBe(201);
      expect((await putEvents(STARTS[0]!, { events: [] })).status).toBe(201);
      expect((await put(STARTS[1]!, data("80000.00"))).status).toBe(201);
      expect((await putEvents(STARTS[1]!, { events: [{ date: "2026-08-20", event: "credit", amount: "1500.00" }] })).status).toBe(201);
      expect((await call("POST", `/deals/${deal}/settle`)).json.settledCount).toBe(2);
      expect((await put(STARTS[2]!, data("95000.00"))).status).toBe(201);
      before = await stored();
      expect(JSON.parse(before[0]!)).toMatchObject({ stored: 3, settled: 2 });
    }, 60_000);

    afterAll(async () => {
      await service?.stop();
      where?.cleanUp();
    });

    it("malformed JSON is 400 TN5001", async () => {
      for (const text of ["{", '{"inputs": {"revenue": "1"}', "{'inputs': {}}", '{"inputs": {"revenue": "1",}}', "nul", '{"inputs": {}} {}', "\u00ff"]) {
        expectProblem(await put(STARTS[3]!, text), 400, "TN5001");
      }
      expectProblem(await put(STARTS[3]!, ""), 400, "TN5001");
      expectProblem(await call("POST", "/deals", "{", { "idempotency-key": "malformed" }), 400, "TN5001");
      await expectUnchanged();
    });

    it("wrong types are 400 TN5001 naming the field: no number is taken for a string", async () => {
      for (const inputs of [[], "x", 5, null, true]) expectProblem(await put(STARTS[3]!, { inputs }), 400, "TN5001", { field: "inputs" });
      for (const events of [{}, "x", null]) expectProblem(await putEvents(STARTS[2]!, { events }), 400, "TN5001", { field: "events" });
      expectProblem(await putEvents(STARTS[2]!, { events: [5] }), 400, "TN5001", { field: "events.0" });
      expectProblem(await putEvents(STARTS[2]!, {}), 400, "TN5001", { field: "events" });
      for (const body of [null, [], "x", 5]) expectProblem(await put(STARTS[3]!, JSON.stringify(body)), 400, "TN5001");
      // Numbers and booleans where the schema says string: refused, not coerced to text.
      expectProblem(await call("POST", "/deals", { source: 5 }, { "idempotency-key": "types-1" }), 400, "TN5001", { field: "source" });
      expectProblem(await call("POST", "/deals", { source: true }, { "idempotency-key": "types-2" }), 400, "TN5001", { field: "source" });
      expectProblem(await call("POST", "/deals", { source: FEE, files: { "common.tenor": 5 } }, { "idempotency-key": "types-3" }), 400, "TN5001", { field: "files.common.tenor" });
      expectProblem(await call("POST", "/deals", { artifact: "{}" }, { "idempotency-key": "types-4" }), 400, "TN5001", { field: "artifact" });
      expectProblem(await call("POST", `/deals/${deal}/versions`, { source: FEE, effective: 20261101 }, await counsel("types-5")), 400, "TN5001", { field: "effective" });
      expectProblem(await call("POST", "/settle", { deals: [5] }), 400, "TN5001", { field: "deals.0" });
      expectProblem(await call("POST", "/settle", { deals: deal }), 400, "TN5001", { field: "deals" });
      expectProblem(await call("GET", `/deals/${deal}/ledger?trace=0`), 400, "TN5001", { field: "trace" });
      expectProblem(await call("GET", `/deals/${deal}/ledger?format=xml`), 400, "TN5001", { field: "format" });
      await expectUnchanged();
    });

    it("a field the body does not take is 400 TN5001 naming it", async () => {
      expectProblem(await put(STARTS[3]!, { inputs: { revenue: "1" }, extra: 1 }), 400, "TN5001", { field: "extra" });
      expectProblem(await call("POST", "/deals", { source: FEE, sourceCode: FEE }, { "idempotency-key": "extra-1" }), 400, "TN5001", { field: "sourceCode" });
      expectProblem(await call("POST", "/settle", { deals: [deal], all: true }), 400, "TN5001", { field: "all" });
      expectProblem(await call("GET", `/deals/${deal}/ledger?sql=1`), 400, "TN5001", { field: "sql" });
      expectProblem(await call("POST", "/deals", { source: FEE, artifact: FEE_ARTIFACT }, { "idempotency-key": "extra-2" }), 400, "TN5001");
      expectProblem(await call("POST", "/deals", {}, { "idempotency-key": "extra-3" }), 400, "TN5001");
      await expectUnchanged();
    });

    it("an unknown deal is 404 TN5002 on every endpoint", async () => {
      const id = "00000000-0000-0000-0000-000000000000";
      const replies = [
        await call("GET", `/deals/${id}`),
        await call("GET", `/deals/${id}/ledger`),
        await call("GET", `/deals/${id}/ledger?format=csv`),
        await call("GET", `/deals/${id}/exposure`),
        await call("GET", `/deals/${id}/periods/${STARTS[0]}`),
        // An operator of another deal: the unknown deal is not its (an admin may not PUT inputs at all, 403).
        await call("PUT", `/deals/${id}/periods/${STARTS[0]}`, data("1"), await operator()),
        await call("PUT", `/deals/${id}/periods/${STARTS[0]}/events`, { events: [] }, await asParty(url, deal, "counterparty", "vendor")),
        await call("POST", `/deals/${id}/settle`),
        await call("POST", `/deals/${id}/replay`),
        await call("POST", `/deals/${id}/versions`, { source: FEE, effective: STARTS[4] }, await counsel("unknown-version")),
      ];
      for (const r of replies) expectProblem(r, 404, "TN5002");
      expectProblem(await call("POST", "/settle", { deals: [deal, id] }), 404, "TN5002", { field: "deals" });
      await expectUnchanged();
    });

    it("a date that is not a period start is 404 TN5005; a path date that is no date at all is 400", async () => {
      for (const start of ["2026-07-02", "2026-06-01", "2027-01-01", "2026-02-30", "2026-13-01"]) {
        expectProblem(await put(start, data("1")), 404, "TN5005", { period: start });
        expectProblem(await call("GET", `/deals/${deal}/periods/${start}`), 404, "TN5005", { period: start });
      }
      for (const start of ["2026-7-1", "july", "2026-07-01T00:00"]) expectProblem(await put(start, data("1")), 400, "TN5001", { field: "start" });
      await expectUnchanged();
    });

    it("a period out of order, or after a gap, is 409 TN5006", async () => {
      // Period 4 has no data: period 5 must wait.
      expectProblem(await put(STARTS[4]!, data("1")), 409, "TN5006", { period: STARTS[4], periodIndex: 5 });
      expectProblem(await put(STARTS[5]!, data("1")), 409, "TN5006", { period: STARTS[5], periodIndex: 6 });
      // Events come after the period's inputs.
      const early = await putEvents(STARTS[3]!, { events: [] });
      expectProblem(early, 409, "TN5006", { period: STARTS[3], periodIndex: 4 });
      expect(early.json.detail).toBe(`period 4 (${STARTS[3]}) has no inputs yet: its events are posted once the operator's inputs are stored`);
      // A new deal's first data must be period 1's.
      const fresh = await createDeal({ artifact: FEE_ARTIFACT }, "out-of-order");
      expectProblem(await put(STARTS[1]!, data("1"), fresh), 409, "TN5006", { periodIndex: 2 });
      expect((await call("GET", `/deals/${fresh}`)).json).toMatchObject({ stored: 0, settled: 0 });
      expect((await call("POST", `/deals/${fresh}/settle`)).json).toEqual({ settled: [], settledCount: 0 });
      await expectUnchanged();
    });

    it("a period's data again, different, is 409 TN5007 (stored or settled); the same again is 200", async () => {
      expectProblem(await put(STARTS[2]!, data("95000.01")), 409, "TN5007", { period: STARTS[2], periodIndex: 3 });
      expectProblem(await putEvents(STARTS[1]!, { events: [] }), 409, "TN5007", { periodIndex: 2, field: "events" });
      expectProblem(await put(STARTS[0]!, data("1")), 409, "TN5007", { period: STARTS[0], periodIndex: 1 });
      const same = await put(STARTS[2]!, data("95000.00"));
      expect(same.status).toBe(200);
      expect(same.json).toEqual({ index: 3, start: STARTS[2], created: false });
      for (const again of [await put(STARTS[1]!, data("80000.00")), await putEvents(STARTS[1]!, { events: [{ date: "2026-08-20", event: "credit", amount: "1500.00" }] })]) {
        expect([again.status, again.json]).toEqual([200, { index: 2, start: STARTS[1], created: false }]);
      }
      await expectUnchanged();
    });

    it("__proto__ and constructor.prototype keys are 400 TN5001, wherever they are", async () => {
      const bodies = [
        '{"inputs": {"revenue": "1", "__proto__": {"polluted": true}}}',
        '{"__proto__": {"inputs": {"revenue": "1"}}, "inputs": {"revenue": "1"}}',
        '{"inputs": {"revenue": "1"}, "events": [{"date": "2026-10-02", "event": "credit", "amount": "1", "__proto__": {"x": 1}}]}',
        '{"inputs": {"revenue": "1", "constructor": {"prototype": {"polluted": true}}}}',
        '{"inputs": {"revenue": "1", "\\u005f_proto__": {"polluted": true}}}',
      ];
      for (const body of bodies) {
        const r = await put(STARTS[3]!, body);
        expectProblem(r, 400, "TN5001");
        expect(r.json.detail).toMatch(/__proto__|prototype/);
      }
      const artifact = JSON.stringify({ artifact: FEE_ARTIFACT }).replace('"format":', '"__proto__":{"polluted":true},"format":');
      expectProblem(await call("POST", "/deals", artifact, { "idempotency-key": "proto" }), 400, "TN5001");
      expect(({} as Record<string, unknown>)["polluted"]).toBeUndefined();
      expect((await call("GET", "/health")).json).toMatchObject({ ok: true });
      await expectUnchanged();
    });

    it("a 50 MB body is 413 TN5003", async () => {
      const big = JSON.stringify({ inputs: { revenue: "1", pad: "x".repeat(50 * 1024 * 1024) } });
      expectProblem(await put(STARTS[3]!, big), 413, "TN5003");
      expectProblem(await call("POST", "/deals", JSON.stringify({ source: FEE + "//".padEnd(50 * 1024 * 1024, "x") }), { "idempotency-key": "big" }), 413, "TN5003");
      await expectUnchanged();
    });

    it("a body that is not application/json is 415 TN5013", async () => {
      for (const type of ["text/plain", "application/x-www-form-urlencoded", "application/xml", "application/octet-stream", "multipart/form-data; boundary=x"]) {
        expectProblem(await call("PUT", `/deals/${deal}/periods/${STARTS[3]}`, JSON.stringify(data("1")), { "content-type": type, ...(await operator()) }), 415, "TN5013");
      }
      expectProblem(await call("POST", "/deals", JSON.stringify({ source: FEE }), { "content-type": "text/plain", "idempotency-key": "text" }), 415, "TN5013");
      await expectUnchanged();
    });

    it("a body nested too deep is 400 TN5001, not a stack overflow", async () => {
      const deep = (n: number) => "[".repeat(n) + "]".repeat(n);
      expectProblem(await put(STARTS[3]!, `{"inputs": {"revenue": ${deep(5000)}}}`), 400, "TN5001");
      expectProblem(await put(STARTS[3]!, `{"inputs": {"revenue": "1"}, "events": [{"date": "2026-10-02", "event": "credit", "amount": ${deep(20000)}}]}`), 400, "TN5001");
      expectProblem(await call("POST", "/deals", `{"artifact": {"format": "tenor-terms", "ir": ${deep(5000)}}}`, { "idempotency-key": "deep" }), 400, "TN5001");
      // Deep, but within the body limit: the inputs reader refuses it (its own limit).
      const r = await put(STARTS[3]!, `{"inputs": {"revenue": ${deep(100)}}}`);
      expect(r.status).toBeGreaterThanOrEqual(400);
      expect(r.status).toBeLessThan(500);
      await expectUnchanged();
    });

    it("a term sheet with errors is 422 TN5011 with each diagnostic's line and column", async () => {
      const typo = FEE.replace("revenue * 10%", "revenu * 10%");
      const lines = typo.split("\n");
      const line = lines.findIndex((l) => l.includes("revenu *")) + 1;
      const column = lines[line - 1]!.indexOf("revenu *") + 1;
      const r = await call("POST", "/deals", { source: typo }, { "idempotency-key": "typo" });
      expectProblem(r, 422, "TN5011");
      expect(r.json.diagnostics).toEqual([{ code: "TN2001", severity: "error", message: "unknown name revenu; did you mean revenue?", line, column }]);
      expect(r.json.detail).toContain(`deal.tenor:${line}:${column}: error: unknown name revenu`);

      const syntax = await call("POST", "/deals", { source: FEE.replace("currency USD", "currency USD USD {") }, { "idempotency-key": "syntax" });
      expectProblem(syntax, 422, "TN5011");
      expect(syntax.json.diagnostics[0]).toMatchObject({ severity: "error", line: 7, column: expect.any(Number) });

      const missing = await call("POST", "/deals", { source: `import x from "./common"\n${FEE}` }, { "idempotency-key": "import" });
      expectProblem(missing, 422, "TN5011");
      expect(missing.json.diagnostics[0]).toMatchObject({ severity: "error", line: 1 });
      // The same with a title the database cannot store.
      expectProblem(await call("POST", "/deals", { source: FEE.replace("Monthly fee deal", "Monthly\u0000fee") }, { "idempotency-key": "nul-title" }), 400, "TN5001", { field: "source" });
      await expectUnchanged();
    });

    it("an edited artifact is refused: TN4004 when its IR or header no longer matches the hash, TN4007 when rehashed but not a compiler's", async () => {
      const edited = structuredClone(FEE_ARTIFACT);
      edited.ir.clauses[0].body[0].amount.right.value = "0.01";
      expect(canonicalJson(edited.ir)).not.toBe(canonicalJson(FEE_ARTIFACT.ir));
      expectProblem(await call("POST", "/deals", { artifact: edited }, { "idempotency-key": "edited-ir" }), 422, "TN4004");

      const header = structuredClone(FEE_ARTIFACT);
      header.header.inputs[0].unit = "EUR";
      expectProblem(await call("POST", "/deals", { artifact: header }, { "idempotency-key": "edited-header" }), 422, "TN4004");

      // A consistent hash proves nobody changed the file, not that a compiler wrote it.
      const rehashed = structuredClone(FEE_ARTIFACT);
      rehashed.ir.clauses[0].body[0].amount.op = "**";
      rehashed.irSha256 = sha256Hex(canonicalJson(rehashed.ir));
      expectProblem(await call("POST", "/deals", { artifact: rehashed }, { "idempotency-key": "rehashed" }), 422, "TN4007");

      expectProblem(await call("POST", "/deals", { artifact: { ...FEE_ARTIFACT, formatVersion: 99 } }, { "idempotency-key": "version" }), 422, "TN4003");
      expectProblem(await call("POST", "/deals", { artifact: { hello: "world" } }, { "idempotency-key": "not-artifact" }), 422, "TN4002");
      await expectUnchanged();
    });

    it("inputs the deal cannot read are 422 TN31xx naming the period and the field", async () => {
      const start = STARTS[3]!;
      const cases: [unknown, string, string][] = [
        [{ inputs: { revenue: "12,000.00" } }, "TN3102", "revenue"],
        [{ inputs: { revenue: "1e3" } }, "TN3102", "revenue"],
        [{ inputs: { revenue: " 1" } }, "TN3102", "revenue"],
        [{ inputs: { revenue: "1", revenu: "2" } }, "TN3107", "revenu"],
        [{ inputs: {} }, "TN3101", "revenue"],
        // A JSON number a float reader cannot read without loss, as `tenor run` refuses it.
        ['{"inputs": {"revenue": 12345678901234567890}}', "TN3103", "revenue"],
        ['{"inputs": {"revenue": 1.00000000000000001}}', "TN3103", "revenue"],
        // Two values for one input: JSON.parse would silently keep the second.
        ['{"inputs": {"revenue": "1", "revenue": "2"}}', "TN3118", "revenue"],
      ];
      for (const [body, code, field] of cases) {
        const r = await put(start, body);
        expectProblem(r, 422, code, { period: start, field });
        expect(r.json.detail).toContain(`period ${start}`);
      }
      // Events the deal cannot read, for period 3 (its inputs are stored).
      const events: [object, string][] = [
        [{ date: "2026-09-02", event: "refund", amount: "1" }, "TN3109"],
        [{ date: "2026-09-02", event: "credit" }, "TN3111"],
        [{ date: "2026-09-02", event: "credit", amount: "1", extra: "2" }, "TN3112"],
        [{ date: "2026-09-02", event: "credit", amount: "one" }, "TN3102"],
        [{ date: "2026-11-02", event: "credit", amount: "1" }, "TN4006"],
        [{ date: "09/02/2026", event: "credit", amount: "1" }, "TN3117"],
      ];
      for (const [event, code] of events) expectProblem(await putEvents(STARTS[2]!, { events: [event] }), 422, code, { period: STARTS[2] });
      // A lossless JSON number is taken, as `tenor run` takes it.
      const fresh = await createDeal({ artifact: FEE_ARTIFACT }, "lossless");
      expect((await put(STARTS[0]!, '{"inputs": {"revenue": 100.5}}', fresh)).status).toBe(201);
      await expectUnchanged();
    });

    it("a write without an Idempotency-Key is 400 TN5010", async () => {
      expectProblem(await call("POST", "/deals", { source: FEE }), 400, "TN5010", { field: "Idempotency-Key" });
      expectProblem(await call("POST", "/deals", { source: FEE }, { "idempotency-key": "" }), 400, "TN5001");
      expectProblem(await call("POST", `/deals/${deal}/versions`, { source: FEE, effective: STARTS[4] }, await counsel()), 400, "TN5010");
      expectProblem(await call("POST", "/deals", { source: FEE }, { "idempotency-key": "k".repeat(201) }), 400, "TN5001", { field: "idempotency-key" });
      await expectUnchanged();
    });

    it("SQL in ids, fields and keys is only text: 4xx, and every table is intact", async () => {
      const ids = ["x' OR '1'='1", "1; DROP TABLE tenor_deals; --", `${deal}' --`, "' UNION SELECT artifact FROM tenor_versions --", "%"];
      for (const id of ids) {
        const path = `/deals/${encodeURIComponent(id)}`;
        for (const r of [await call("GET", path), await call("GET", `${path}/ledger`), await call("POST", `${path}/settle`), await call("PUT", `${path}/periods/${STARTS[3]}`, data("1"), await operator())]) {
          expectProblem(r, 404, "TN5002");
        }
      }
      expectProblem(await call("POST", "/settle", { deals: ["'; DELETE FROM tenor_settled_periods; --"] }), 404, "TN5002");
      expectProblem(await put(STARTS[3]!, { inputs: { revenue: "1", "revenue'); DROP TABLE tenor_period_data; --": "1" } }), 422, "TN3107");
      expectProblem(await put(STARTS[3]!, data("1'; DROP TABLE tenor_period_data; --")), 422, "TN3102");
      expectProblem(await putEvents(STARTS[2]!, { events: [{ date: "2026-09-02", event: "x'); DROP TABLE tenor_deals; --" }] }), 422, "TN3109");
      expectProblem(await call("POST", "/deals", { source: "deal \"'); DROP TABLE tenor_deals; --\"" }, { "idempotency-key": "'; DROP TABLE tenor_idempotency; --" }), 422, "TN5011");
      expectProblem(await call("GET", `/jobs?jobs=${encodeURIComponent("'; DROP SCHEMA tenor_jobs CASCADE; --")}`), 400, "TN5001", { field: "jobs" });
      expect((await call("GET", "/jobs?jobs=")).json).toEqual({ pending: 0, failed: [] });
      await expectUnchanged();
    });

    it("POST /settle with more than 1000 deals is 400 TN5012; none, or one twice, is 400 TN5001", async () => {
      expectProblem(await call("POST", "/settle", { deals: Array.from({ length: 1001 }, () => deal).map((d, i) => `${d}-${i}`) }), 400, "TN5012", { field: "deals" });
      expectProblem(await call("POST", "/settle", { deals: [] }), 400, "TN5001", { field: "deals" });
      expectProblem(await call("POST", "/settle", { deals: [deal, deal] }), 400, "TN5001", { field: "deals" });
      expectProblem(await call("POST", "/settle", { deals: ["x".repeat(101)] }), 400, "TN5001", { field: "deals.0" });
      expectProblem(await call("POST", "/settle", {}), 400, "TN5001", { field: "deals" });
      await expectUnchanged();
    });

    it("paths the router cannot read, U+0000 in ids, unknown routes: problems too", async () => {
      expectProblem(await call("GET", "/deals/%zz"), 400, "TN5001");
      expectProblem(await call("GET", "/deals/%ED%A0%80/ledger"), 400, "TN5001");
      expectProblem(await call("GET", "/deals/a%00b"), 400, "TN5001", { field: "id" });
      expectProblem(await call("POST", "/deals/a%00b/settle"), 400, "TN5001", { field: "id" });
      expectProblem(await call("POST", "/settle", { deals: ["a\u0000b"] }), 400, "TN5001", { field: "deals.0" });
      expectProblem(await call("GET", `/deals/${"x".repeat(150)}`), 404, "TN5004");
      expectProblem(await call("GET", "/nowhere"), 404, "TN5004");
      expectProblem(await call("DELETE", `/deals/${deal}`), 404, "TN5004");
      expectProblem(await call("PATCH", `/deals/${deal}/periods/${STARTS[2]}`, data("1")), 404, "TN5004");
      await expectUnchanged();
    });

    it("a run-time error while settling is 422 with the period and clause, as `tenor run` says it; the periods before stay settled", async () => {
      expect(MARGIN_RUN.code).toBe(2);
      // Its first line: `FILE:LINE:COL: error: MESSAGE [CODE]`, then the source excerpt.
      const cli = /^.*?: error: (.*) \[(TN\d{4})\]$/m.exec(MARGIN_RUN.err)!;
      expect(cli[2]).toBe("TN3001");
      const margin = await createDeal({ source: MARGIN }, "margin");
      // The data is well formed: it is stored; only settling it fails.
      expect((await put("2026-07-01", data("120000.00"), margin)).status).toBe(201);
      expect((await put("2026-10-01", data("80000.05"), margin)).status).toBe(201);
      for (let attempt = 0; attempt < 2; attempt++) {
        const r = await call("POST", `/deals/${margin}/settle`);
        expectProblem(r, 422, "TN3001", { period: "2026-10-01", periodIndex: 2, clause: "margin", detail: cli[1] });
        expect((await call("GET", `/deals/${margin}`)).json).toMatchObject({ stored: 2, settled: 1 });
        expect((await call("GET", `/deals/${margin}/ledger`)).text).toBe(MARGIN_FIRST.out);
      }
      expect((await call("POST", `/deals/${margin}/replay`)).json).toMatchObject({ periods: 1, identical: true });
      // Queued as a job, it fails after its retries; GET /jobs says so, with the problem, rather than counting it done.
      const queued = await call("POST", "/settle", { deals: [margin] });
      expect(queued.status).toBe(202);
      const job = queued.json.jobs[0] as string;
      let status: { pending: number; failed: { job: string; deal: string; error: string }[] } = { pending: 1, failed: [] };
      for (const started = Date.now(); status.pending > 0 && Date.now() - started < 30_000; await new Promise((r) => setTimeout(r, 200))) {
        status = (await call("GET", `/jobs?jobs=${job}`)).json;
      }
      expect(status).toEqual({ pending: 0, failed: [{ job, deal: margin, error: cli[1] }] });
      await expectUnchanged();
    }, 60_000);

    it("afterwards the database holds the deals created and nothing else (read after the server stopped)", async () => {
      await service.stop();
      const db = await openDatabase(where.database !== undefined ? { database: where.database } : { data: where.data! });
      try {
        const ids = (await db.query<{ id: string }>("SELECT id FROM tenor_deals ORDER BY id")).map((r) => r.id);
        expect(ids).toEqual([...created].sort());
        const count = async (table: string) => Number((await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))[0]!.n);
        // The deal's three periods, the lossless one, the margin deal's two.
        expect(await count("tenor_period_data")).toBe(6);
        expect(await count("tenor_settled_periods")).toBe(3);
        expect(await count("tenor_versions")).toBe(created.size);
      } finally {
        await db.close();
      }
    });
  });
});
