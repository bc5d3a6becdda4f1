/**
 * Amendments through the real `tenor serve` process (PGlite, and a Postgres
 * server): counsel proposes new terms in force from a period start not
 * settled yet (`POST /deals/:id/versions`), and they become the deal's next
 * version once counsel of every party has approved them. The periods before
 * it keep settling under the old terms, the periods from it on under the
 * new, and replay still finds every stored period identical.
 */
import Big from "big.js";
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { unrecorded } from "../../src/service/audit.ts";
import { openDatabase } from "../../src/service/open-database.ts";
import { requirePostgresInCi, serviceBackends, type Backend } from "./backends.ts";
import { asParty, periodBodies, putPeriod, request, ROOT, startService, tempDataDir, type Reply, type ServiceProcess } from "./service-process.ts";

const BACKENDS = await serviceBackends();

const CLI = join(ROOT, "bin", "tenor.mjs");
const tenor = (...args: string[]) => execFileSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: "utf8", maxBuffer: 64 * 1024 * 1024, stdio: ["ignore", "pipe", "pipe"] });
const scratch = tempDataDir();
afterAll(() => scratch.cleanUp());

const SHEET = join(ROOT, "examples/sharon-dsx.tenor");
const INPUTS = join(ROOT, "examples/sharon-dsx.inputs.json");
const SOURCE = readFileSync(SHEET, "utf8");
/** The amendment: the revenue share of contract year 2 cut from 12.5% to 11% (still tapering). */
const AMENDED = SOURCE.replace("  year 2: 12.5%", "  year 2: 11%");
/** From September 2027 (period 15), in the middle of contract year 2: July and August 2027 stay at 12.5%. */
const EFFECTIVE = "2027-09-01";
const EFFECTIVE_INDEX = 15;
const AMENDED_FILE = join(scratch.dir, "amended.tenor");
writeFileSync(AMENDED_FILE, AMENDED);
tenor("compile", AMENDED_FILE, "-o", join(scratch.dir, "amended.json"));
const AMENDED_ARTIFACT = JSON.parse(readFileSync(join(scratch.dir, "amended.json"), "utf8")) as Record<string, unknown> & { irSha256: string };
const OLD_SHA = (JSON.parse(tenor("compile", SHEET)) as { irSha256: string }).irSha256;

interface Line { clause: string; payer: string; payee: string; amount: string; trace?: { name: string; value: string }[] }
interface LedgerPeriod { index: number; start: string; end: string; contract_year?: number; lines: Line[]; [fact: string]: unknown }
interface Ledger { deal: string; currency: string; periods: LedgerPeriod[]; totals: { payer: string; payee: string; amount: string }[] }

/** The ledgers `tenor run` prints for the whole term under the old terms and under the amended ones. */
const OLD = JSON.parse(tenor("run", SHEET, "--inputs", INPUTS, "--format", "json")) as Ledger;
const NEW = JSON.parse(tenor("run", AMENDED_FILE, "--inputs", INPUTS, "--format", "json")) as Ledger;
const BODIES = periodBodies(JSON.parse(readFileSync(INPUTS, "utf8")), OLD.periods.map((p) => p.end));

/** A run's totals: what each payer paid each payee, summed over the lines, in order of first appearance. */
function totalsOf(periods: readonly LedgerPeriod[]): Ledger["totals"] {
  const sums = new Map<string, { payer: string; payee: string; sum: Big }>();
  for (const l of periods.flatMap((p) => p.lines)) {
    const key = `${l.payer}\u0000${l.payee}`;
    const s = sums.get(key) ?? { payer: l.payer, payee: l.payee, sum: new Big(0) };
    s.sum = s.sum.plus(l.amount);
    sums.set(key, s);
  }
  return [...sums.values()].map((s) => ({ payer: s.payer, payee: s.payee, amount: s.sum.toFixed(2) }));
}

/** The sheet without its `test` blocks: they name monthly periods and every input, which some rejected amendments below change. */
const withoutTests = (source: string) => source.replace(/^test [^\n]*\{\n[\s\S]*?^\}\n?/gm, "");

const shareRate = (p: LedgerPeriod) => p.lines.find((l) => l.clause === "revenue_share")?.trace?.find((t) => t.name === "share_rate")?.value;

function expectProblem(r: Reply, status: number, code: string, extra: Record<string, unknown> = {}): void {
  expect(r.status, r.text.slice(0, 400)).toBe(status);
  expect(r.type).toMatch(/^application\/problem\+json/);
  expect(r.json).toMatchObject({ type: `https://tenor.dev/problems/${code}`, status, code, detail: expect.any(String), ...extra });
}

describe("the reference ledgers", () => {
  it("differ from period 13 on (contract year 2), so the test can tell the versions apart", () => {
    expect(totalsOf(OLD.periods)).toEqual(OLD.totals);
    expect(OLD.periods.slice(0, 12)).toEqual(NEW.periods.slice(0, 12));
    expect([shareRate(OLD.periods[13]!), shareRate(NEW.periods[13]!)]).toEqual(["0.125", "0.11"]);
    expect(OLD.periods.slice(24)).toEqual(NEW.periods.slice(24));
  });

  requirePostgresInCi(BACKENDS, "the Postgres half has a server (required when CI=true)");
});

describe.each(BACKENDS)("amendments on $name", (backend) => {
  describe.skipIf(backend.skipped !== undefined)("POST /deals/:id/versions", () => {
    let service: ServiceProcess;
    let url: string;
    let where: Awaited<ReturnType<Backend["where"]>>;
    let deal = "";
    const call = (method: string, path: string, body?: unknown, headers?: Record<string, string>) => request(url, method, path, body, headers);
    /** NVIDIA's counsel proposes (the parties: nvidia, sharon, landlord). */
    const amend = async (body: object, key: string) => call("POST", `/deals/${deal}/versions`, body, { "idempotency-key": key, ...(await asParty(url, deal, "counsel", "nvidia")) });
    const approve = async (n: number, party: string) => call("POST", `/deals/${deal}/proposals/${n}/approve`, undefined, await asParty(url, deal, "counsel", party));
    const info = async () => (await call("GET", `/deals/${deal}`)).json;

    async function putPeriods(from: number, to: number): Promise<void> {
      for (const b of BODIES.slice(from, to)) expect((await putPeriod(url, deal, b.start, b.body, { operator: "sharon", counterparty: "nvidia" })).status).toBe(201);
    }

    beforeAll(async () => {
      where = await backend.where("amendments");
      service = await startService(where.database !== undefined ? { database: where.database } : { data: where.data! });
      url = service.url!;
      const created = await call("POST", "/deals", { source: SOURCE }, { "idempotency-key": "deal" });
      expect(created.status).toBe(201);
      deal = created.json.id;
      // Periods 1–10 settled, 11–20 stored and not settled yet.
      await putPeriods(0, 10);
      expect((await call("POST", `/deals/${deal}/settle`)).json.settledCount).toBe(10);
      await putPeriods(10, 20);
    }, 60_000);

    afterAll(async () => {
      await service?.stop();
      where?.cleanUp();
    });

    it("effective at a settled period is 409 TN5008, and nothing is stored", async () => {
      expectProblem(await amend({ source: AMENDED, effective: "2027-04-01" }, "late-1"), 409, "TN5008", { field: "effective", period: "2027-04-01", periodIndex: 10 });
      expectProblem(await amend({ source: AMENDED, effective: "2026-07-01" }, "late-2"), 409, "TN5008", { field: "effective" });
      expect((await info()).versions).toEqual([{ version: 1, effective: "2026-07-01", irSha256: OLD_SHA }]);
    });

    it("terms that change the periods before it are 422 TN5005; so is an effective date that is no period start", async () => {
      const term = "term 2026-07-01 to 2032-06-30, monthly";
      expect(AMENDED).toContain(term);
      const earlier = withoutTests(AMENDED.replace(term, "term 2026-06-01 to 2032-06-30, monthly"));
      expectProblem(await amend({ source: earlier, effective: EFFECTIVE }, "earlier"), 422, "TN5005", { field: "effective" });
      const quarterly = withoutTests(AMENDED.replace(term, "term 2026-07-01 to 2032-06-30, quarterly"));
      expectProblem(await amend({ source: quarterly, effective: "2027-10-01" }, "quarterly"), 422, "TN5005", { field: "effective" });
      expectProblem(await amend({ source: AMENDED, effective: "2027-09-15" }, "mid-month"), 422, "TN5005", { field: "effective", period: "2027-09-15" });
      // A term cut short before periods whose data is stored (19 and 20, January and February 2028).
      const shorter = withoutTests(AMENDED.replace(term, "term 2026-07-01 to 2027-12-31, monthly"));
      expectProblem(await amend({ source: shorter, effective: EFFECTIVE }, "shorter"), 422, "TN5005", { field: "effective", period: "2028-01-01", periodIndex: 19 });
      expect((await info()).versions).toHaveLength(1);
    });

    it("terms that cannot read the data stored from their period on are 422, naming the period", async () => {
      const newInput = withoutTests(AMENDED.replace("input revenue: USD", "input revenue: USD\ninput uptime: number"));
      expect(newInput).not.toBe(AMENDED);
      // Periods 15–20 are stored without an `uptime`.
      expectProblem(await amend({ source: newInput, effective: EFFECTIVE }, "new-input"), 422, "TN3101", { period: EFFECTIVE });
      expect((await info()).versions).toHaveLength(1);
    });

    it("terms that cannot count the periods before them are refused when posted, not at every settle after", async () => {
      // Effective from period 21, after all the data stored; but at the switch the amended terms count periods 1–20, which have no `uptime`.
      const newInput = withoutTests(AMENDED.replace("input revenue: USD", "input revenue: USD\ninput uptime: number"));
      const r = await amend({ source: newInput, effective: "2028-03-01" }, "new-input-later");
      expectProblem(r, 422, "TN3101", { period: "2026-07-01", periodIndex: 1 });
      expect(r.json.detail).toMatch(/^the amendment cannot count period 1 \(2026-07-01\) under its own terms: /);
      expect((await info()).versions).toHaveLength(1);
    });

    it("a sheet with errors is 422 TN5011; without an Idempotency-Key 400 TN5010; an unknown deal 404 TN5002", async () => {
      const r = await amend({ source: AMENDED.replace("base = revenue", "base = revenu"), effective: EFFECTIVE }, "typo");
      expectProblem(r, 422, "TN5011");
      expect(r.json.diagnostics[0]).toMatchObject({ code: "TN2001", line: expect.any(Number), column: expect.any(Number) });
      expectProblem(await call("POST", `/deals/${deal}/versions`, { source: AMENDED, effective: EFFECTIVE }, await asParty(url, deal, "counsel", "nvidia")), 400, "TN5010");
      expectProblem(await call("POST", "/deals/no-such-deal/versions", { source: AMENDED, effective: EFFECTIVE }, { "idempotency-key": "nobody", ...(await asParty(url, deal, "counsel", "nvidia")) }), 404, "TN5002");
      expect((await info()).versions).toHaveLength(1);
    });

    it("only counsel proposes: an admin, the operator, the counterparty and an auditor are 403 TN5015", async () => {
      const body = { artifact: AMENDED_ARTIFACT, effective: EFFECTIVE };
      const admin = await call("POST", `/deals/${deal}/versions`, body, { "idempotency-key": "by-admin" });
      expectProblem(admin, 403, "TN5015");
      for (const role of ["operator", "counterparty", "auditor"] as const) {
        expectProblem(await call("POST", `/deals/${deal}/versions`, body, { "idempotency-key": `by-${role}`, ...(await asParty(url, deal, role, "sharon")) }), 403, "TN5015");
      }
      expect((await info()).versions).toHaveLength(1);
    });

    it("a proposal is NVIDIA's approval; it becomes version 2 when Sharon AI's and the landlord's counsel approve too", async () => {
      const first = await amend({ artifact: AMENDED_ARTIFACT, effective: EFFECTIVE }, "amend-share-rate");
      expect(first.status, first.text).toBe(201);
      const open = { proposal: 1, effective: EFFECTIVE, irSha256: AMENDED_ARTIFACT.irSha256, proposedBy: expect.stringMatching(/^[0-9a-f]{12}$/), adopted: null };
      expect(first.json).toEqual({ ...open, approvedBy: ["nvidia"], waitingFor: ["sharon", "landlord"] });
      // A retry is the same answer, not proposal 2; another body under the key is refused.
      const retry = await amend({ artifact: AMENDED_ARTIFACT, effective: EFFECTIVE }, "amend-share-rate");
      expect([retry.status, retry.text]).toEqual([201, first.text]);
      expectProblem(await amend({ source: AMENDED, effective: EFFECTIVE }, "amend-share-rate"), 422, "TN5009");
      // Proposed is not in force.
      expect((await info()).versions).toHaveLength(1);

      // Nobody but counsel approves, and counsel only for its own party (its key's).
      expectProblem(await call("POST", `/deals/${deal}/proposals/1/approve`, undefined, await asParty(url, deal, "operator", "sharon")), 403, "TN5015");
      expectProblem(await call("POST", `/deals/${deal}/proposals/1/approve`), 403, "TN5015");
      const sharon = await approve(1, "sharon");
      expect([sharon.status, sharon.json]).toEqual([200, { ...open, approvedBy: ["nvidia", "sharon"], waitingFor: ["landlord"] }]);
      // Approving twice changes nothing.
      expect((await approve(1, "sharon")).json).toEqual(sharon.json);
      expect((await approve(1, "nvidia")).json).toEqual(sharon.json);
      expect((await info()).versions).toHaveLength(1);

      const landlord = await approve(1, "landlord");
      expect([landlord.status, landlord.json]).toEqual([200, { ...open, approvedBy: ["nvidia", "sharon", "landlord"], waitingFor: [], adopted: 2 }]);
      expect(await info()).toMatchObject({
        stored: 20,
        settled: 10,
        versions: [
          { version: 1, effective: "2026-07-01", irSha256: OLD_SHA },
          { version: 2, effective: EFFECTIVE, irSha256: AMENDED_ARTIFACT.irSha256 },
        ],
      });
      expect((await call("GET", `/deals/${deal}/proposals`)).json).toEqual({ proposals: [landlord.json] });
      // Adopted is closed; a proposal that does not exist is not found.
      expectProblem(await approve(1, "landlord"), 409, "TN5017", { field: "proposal" });
      expectProblem(await approve(9, "landlord"), 404, "TN5017");
      // The next amendment must come after this one's start.
      expectProblem(await amend({ source: SOURCE, effective: "2027-08-01" }, "before-v2"), 409, "TN5008", { field: "effective" });
    });

    it("a proposal still open when settling passes its start is refused at its last approval, and that approval is not stored", async () => {
      const stale = await amend({ source: SOURCE, effective: "2028-02-01" }, "stale");
      expect(stale.json).toMatchObject({ proposal: 2, waitingFor: ["sharon", "landlord"], adopted: null });
      await putPeriods(20, 24);
      expect((await call("POST", `/deals/${deal}/settle`)).json.settledCount).toBe(24);
      expect((await approve(2, "sharon")).json.waitingFor).toEqual(["landlord"]);
      expectProblem(await approve(2, "landlord"), 409, "TN5008", { periodIndex: 20 });
      expect((await call("GET", `/deals/${deal}/proposals`)).json.proposals[1]).toMatchObject({ proposal: 2, approvedBy: ["nvidia", "sharon"], waitingFor: ["landlord"], adopted: null });
      expect((await info()).versions).toHaveLength(2);
    });

    it("settling on: periods before the amendment keep the old terms' lines, periods from it on have the new ones", async () => {
      await putPeriods(24, 72);
      const settled = await call("POST", `/deals/${deal}/settle`);
      expect(settled.json).toEqual({ settled: BODIES.slice(24).map((b, i) => ({ index: i + 25, start: b.start })), settledCount: 72 });
      const ledger = JSON.parse((await call("GET", `/deals/${deal}/ledger`)).text) as Ledger;
      const expected = [...OLD.periods.slice(0, EFFECTIVE_INDEX - 1), ...NEW.periods.slice(EFFECTIVE_INDEX - 1)];
      expect(ledger.deal).toBe(OLD.deal);
      expect(ledger.periods).toEqual(expected);
      // The totals are what was actually paid: neither run's.
      expect(ledger.totals).toEqual(totalsOf(expected));
      expect(ledger.totals).not.toEqual(OLD.totals);
      expect(ledger.totals).not.toEqual(NEW.totals);

      // At the switch, July and August 2027 (year 2, version 1) at 12.5%, September on at 11%.
      for (const [start, version, rate] of [["2027-08-01", 1, "0.125"], [EFFECTIVE, 2, "0.11"], ["2028-06-01", 2, "0.11"], ["2028-07-01", 2, "0.1"]] as const) {
        const view = (await call("GET", `/deals/${deal}/periods/${start}`)).json;
        expect([view.version, shareRate(view.ledger)], start).toEqual([version, rate]);
      }
      // The CSV says the same as the JSON.
      const csv = (await call("GET", `/deals/${deal}/ledger?format=csv`)).text;
      expect(csv).toContain("2027-08-01");
      expect(csv.split("\n").length).toBeGreaterThan(72);
    });

    it("exposure after the amendment is what was actually paid", async () => {
      const exposure = (await call("GET", `/deals/${deal}/exposure`)).json;
      const expected = [...OLD.periods.slice(0, EFFECTIVE_INDEX - 1), ...NEW.periods.slice(EFFECTIVE_INDEX - 1)];
      const share = expected.flatMap((p) => p.lines).filter((l) => l.clause === "revenue_share").reduce((s, l) => s.plus(l.amount), new Big(0));
      expect(exposure).toMatchObject({ settled: 72, asOf: "2032-06-30" });
      expect(exposure.paid).toContainEqual({ clause: "revenue_share", payer: "sharon", payee: "nvidia", amount: share.toFixed(2) });
    });

    it("replay re-settles every period under the version that governed it: identical", async () => {
      const r = await call("POST", `/deals/${deal}/replay`);
      expect(r.json).toEqual({ deal, periods: 72, identical: true, differences: [] });
    });

    it("once all is settled, an amendment at the last period is 409 TN5008", async () => {
      expectProblem(await amend({ source: SOURCE, effective: "2032-06-01" }, "too-late"), 409, "TN5008", { periodIndex: 72 });
      expect((await info()).versions).toHaveLength(2);
    });

    it("the database holds the two versions, the adopted one naming its proposal, the approvals, and each period settled once under its version (read after the server stopped)", async () => {
      await service.stop();
      const db = await openDatabase(where.database !== undefined ? { database: where.database } : { data: where.data! });
      try {
        const versions = await db.query<{ version: number; effective_index: number; proposal: number | null }>("SELECT version, effective_index, proposal FROM tenor_versions ORDER BY version");
        expect(versions.map((v) => [Number(v.version), Number(v.effective_index), v.proposal === null ? null : Number(v.proposal)])).toEqual([[1, 1, null], [2, EFFECTIVE_INDEX, 1]]);
        const approvals = await db.query<{ proposal: number; party: string }>("SELECT proposal, party FROM tenor_approvals ORDER BY proposal, created_at");
        expect(approvals.map((a) => [Number(a.proposal), a.party])).toEqual([[1, "nvidia"], [1, "sharon"], [1, "landlord"], [2, "nvidia"], [2, "sharon"]]);
        const audited = await db.query<{ action: string; detail: string }>("SELECT action, detail FROM tenor_audit WHERE action LIKE 'amendment%' ORDER BY seq");
        expect(audited.map((a) => [a.action, JSON.parse(a.detail).proposal])).toEqual([
          ["amendment.propose", 1], ["amendment.approve", 1], ["amendment.approve", 1], ["amendment", 1], ["amendment.propose", 2], ["amendment.approve", 2],
        ]);
        // Every proposal, approval, inputs and events row has its audit row.
        expect(await unrecorded(db)).toEqual([]);
        const settled = await db.query<{ version: number; n: number }>("SELECT version, count(*)::int AS n FROM tenor_settled_periods GROUP BY version ORDER BY version");
        expect(settled.map((s) => [Number(s.version), Number(s.n)])).toEqual([[1, EFFECTIVE_INDEX - 1], [2, 72 - EFFECTIVE_INDEX + 1]]);
      } finally {
        await db.close();
      }
    });
  });
});
