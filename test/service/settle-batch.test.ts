/**
 * Settling stores a whole batch of periods with a few statements (each
 * table's rows as one JSON parameter, the audit rows with them). A batch
 * must store exactly what settling one period a transaction stores: the
 * same settled periods, ledger rows and audit records, byte for byte, on
 * both databases; and the data stored before must read back as sent,
 * each record with its audit row.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compileSource } from "../../src/api.ts";
import { artifactText } from "../../src/compile/artifact.ts";
import { nodeHost } from "../../src/modules/node-host.ts";
import { loadTerms } from "../../src/runtime/load-terms.ts";
import { system, unrecorded, verifyAudit } from "../../src/service/audit.ts";
import type { Database } from "../../src/service/db/database.ts";
import { createDeal, putPeriodEvents, putPeriodInputs } from "../../src/service/deals.ts";
import { openDatabase } from "../../src/service/open-database.ts";
import { replayDeal } from "../../src/service/replay.ts";
import { settleDeal } from "../../src/service/settlement.ts";
import { requirePostgresInCi, serviceBackends } from "./backends.ts";
import { ROOT } from "./service-process.ts";

const FILE = join(ROOT, "examples", "sharon-dsx.tenor");
const compiled = compileSource(readFileSync(FILE, "utf8"), { modules: nodeHost(FILE, (p) => readFileSync(p, "utf8")) });
const ARTIFACT = artifactText(compiled.value!);
const PERIODS = loadTerms(ARTIFACT).program.periods;
const INPUTS = JSON.parse(readFileSync(join(ROOT, "examples", "sharon-dsx.inputs.json"), "utf8")) as { periods: Record<string, string>[]; events: { date: string }[] };
const BODIES = INPUTS.periods.map(({ period: _period, ...inputs }, i) => {
  const p = PERIODS[i]!;
  return { start: p.start, inputs, events: INPUTS.events.filter((e) => e.date >= p.start && e.date <= p.end) };
});

const backends = await serviceBackends();
requirePostgresInCi(backends);

for (const backend of backends) {
  describe.skipIf(backend.skipped !== undefined)(`settling a batch on ${backend.name}`, () => {
    let db: Database;
    let cleanUp = () => {};
    const who = system("test");
    const deal = async () => (await db.transaction((tx) => createDeal(tx, { artifact: JSON.parse(ARTIFACT) as Record<string, unknown> }, who))).id;
    const putAll = async (id: string) => {
      for (const b of BODIES) {
        await putPeriodInputs(db, id, b.start, b.inputs, who);
        await putPeriodEvents(db, id, b.start, b.events, who);
      }
    };
    /** What is stored for a deal, its id left out: settled periods, ledger rows (numbers as text), audit records. */
    const storedOf = async (id: string) => ({
      settled: await db.query("SELECT period_index, version, period_json, totals_json, snapshot FROM tenor_settled_periods WHERE deal_id = $1 ORDER BY period_index", [id]),
      rows: await db.query(
        `SELECT period_index, row_no, kind, clause, title, payer, payee, computed::text, amount::text, capped, quantity::text, instrument, price::text
           FROM tenor_ledger_rows WHERE deal_id = $1 ORDER BY period_index, row_no`, [id]),
      audit: await db.query("SELECT actor, role, action, request_sha256, detail FROM tenor_audit WHERE deal_id = $1 ORDER BY seq", [id]),
    });

    beforeAll(async () => {
      const where = await backend.where("settle_batch");
      cleanUp = where.cleanUp;
      db = await openDatabase(where);
    }, 120_000);
    afterAll(async () => {
      await db?.close();
      cleanUp();
    });

    it("stores exactly what settling one period a transaction stores: the same rows and audit records, byte for byte", async () => {
      const batched = await deal();
      const single = await deal();
      await putAll(batched);
      await putAll(single);
      const a = await settleDeal(db, batched, who, 500);
      const b = await settleDeal(db, single, who, 1);
      expect(a).toEqual(b);
      expect(a.settledCount).toBe(72);
      const [x, y] = [await storedOf(batched), await storedOf(single)];
      expect(x.settled).toHaveLength(72);
      expect(x.rows.length).toBeGreaterThan(72);
      expect(x.audit.filter((r) => (r as { action: string }).action === "settle")).toHaveLength(72);
      expect(x).toEqual(y);
      expect((await replayDeal(db, batched)).identical).toBe(true);
    }, 120_000);

    it("splits a deal into batches of the size asked, each going on from the last stored snapshot", async () => {
      const seven = await deal();
      const one = await deal();
      await putAll(seven);
      await putAll(one);
      expect((await settleDeal(db, seven, who, 7)).settledCount).toBe(72);
      expect((await settleDeal(db, one, who, 72)).settledCount).toBe(72);
      expect(await storedOf(seven)).toEqual(await storedOf(one));
    }, 120_000);

    it("keeps the data as sent and the audit chain whole, every stored record with its audit row", async () => {
      const id = await deal();
      await putAll(id);
      const data = await db.query<{ data: string; events: string }>(
        "SELECT d.data, e.events FROM tenor_period_data d JOIN tenor_period_events e USING (deal_id, period_index) WHERE deal_id = $1 ORDER BY period_index", [id]);
      expect(data.map((r) => JSON.parse(r.data))).toEqual(BODIES.map((b) => ({ inputs: b.inputs })));
      expect(data.map((r) => JSON.parse(r.events))).toEqual(BODIES.map((b) => b.events));
      // The same data again changes nothing; a retry stores no second audit record.
      expect(await putPeriodInputs(db, id, BODIES[3]!.start, BODIES[3]!.inputs, who)).toEqual({ index: 4, start: BODIES[3]!.start, created: false });
      const actions = (await db.query<{ action: string }>("SELECT action FROM tenor_audit WHERE deal_id = $1 ORDER BY seq", [id])).map((r) => r.action);
      expect(actions).toEqual(["deal.create", ...BODIES.flatMap(() => ["period.inputs", "period.events"])]);
      expect(await verifyAudit(db)).toMatchObject({ ok: true });
      expect(await unrecorded(db)).toEqual([]);
    }, 120_000);
  });
}
