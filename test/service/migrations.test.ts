/**
 * The schema: migrations run once each (twice opening the same database
 * changes nothing), and what is settled cannot be rewritten even in SQL.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../src/service/db/database.ts";
import { migrate, MIGRATIONS, statements } from "../../src/service/db/migrations.ts";
import { openDatabase } from "../../src/service/open-database.ts";
import { tempDataDir } from "./service-process.ts";

describe("the migration splitter", () => {
  it("cuts at semicolons that end a line, never inside a $$ body", () => {
    const sql = "CREATE TABLE a (x int);\n-- a comment\nCREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$\nBEGIN\n  RAISE EXCEPTION 'no';\nEND\n$$;\nCREATE TABLE b (y int);\n";
    expect(statements(sql)).toEqual([
      "CREATE TABLE a (x int);",
      "CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$\nBEGIN\n  RAISE EXCEPTION 'no';\nEND\n$$;",
      "CREATE TABLE b (y int);",
    ]);
  });
});

describe("the schema on the embedded database", () => {
  const data = tempDataDir();
  let db: Database;

  beforeAll(async () => {
    db = await openDatabase({ data: data.dir });
  }, 60_000);
  afterAll(async () => {
    await db.close();
    data.cleanUp();
  });

  it("is migrated once: a second run applies nothing", async () => {
    expect(await migrate(db)).toEqual([]);
    const rows = await db.query<{ id: number }>("SELECT id FROM tenor_migrations ORDER BY id");
    expect(rows.map((r) => Number(r.id))).toEqual(MIGRATIONS.map((m) => m.id));
  });

  it("refuses UPDATE, DELETE and TRUNCATE of settled periods and ledger rows, and UPDATE and DELETE of events, proposals and approvals, in SQL", async () => {
    await db.transaction(async (tx) => {
      await tx.query("INSERT INTO tenor_deals (id, title, currency, period_count) VALUES ('d', 'Deal', 'USD', 0)");
      await tx.query("INSERT INTO tenor_versions (deal_id, version, effective_index, effective_start, ir_sha256, artifact) VALUES ('d', 1, 1, '2026-01-01', 'h', '{}')");
      await tx.query("INSERT INTO tenor_period_data (deal_id, period_index, period_start, data, data_sha256) VALUES ('d', 1, '2026-01-01', '{}', 'h')");
      await tx.query("INSERT INTO tenor_settled_periods (deal_id, period_index, version, period_json, totals_json, snapshot) VALUES ('d', 1, 1, '{}', '[]', '{}')");
      await tx.query("INSERT INTO tenor_ledger_rows (deal_id, period_index, row_no, kind, payer, payee, amount) VALUES ('d', 1, 1, 'line', 'a', 'b', 10.00)");
      await tx.query("INSERT INTO tenor_period_events (deal_id, period_index, period_start, events, events_sha256) VALUES ('d', 1, '2026-01-01', '[]', 'h')");
      await tx.query("INSERT INTO tenor_proposals (deal_id, proposal, effective_start, ir_sha256, artifact, proposed_by) VALUES ('d', 1, '2026-02-01', 'h', '{}', 'k')");
      await tx.query("INSERT INTO tenor_approvals (deal_id, proposal, party, actor) VALUES ('d', 1, 'a', 'k')");
    });
    const refused = [
      "UPDATE tenor_settled_periods SET period_json = '{\"forged\":1}'",
      "DELETE FROM tenor_settled_periods",
      "UPDATE tenor_ledger_rows SET amount = 0",
      "DELETE FROM tenor_ledger_rows",
      "TRUNCATE tenor_ledger_rows",
      "UPDATE tenor_period_data SET data = '{}'",
      "DELETE FROM tenor_versions",
      "UPDATE tenor_period_events SET events = '[]'",
      "DELETE FROM tenor_period_events",
      "UPDATE tenor_proposals SET artifact = '{}'",
      "DELETE FROM tenor_proposals",
      "UPDATE tenor_approvals SET party = 'x'",
      "DELETE FROM tenor_approvals",
    ];
    for (const sql of refused) await expect(db.query(sql), sql).rejects.toThrow(/never rewritten/);
    const [row] = await db.query<{ amount: string; json: string }>(
      "SELECT r.amount::text AS amount, s.period_json AS json FROM tenor_ledger_rows r JOIN tenor_settled_periods s USING (deal_id, period_index)",
    );
    expect(row).toEqual({ amount: "10.00", json: "{}" });
  });
});
