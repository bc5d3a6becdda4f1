/**
 * The audit log (issue 18, item 3): every write of the service appends a
 * row chained by hash; `tenor audit verify` walks the chain, holds the
 * stored records against it, and names the first broken link. The table
 * refuses UPDATE and DELETE in SQL; the tampering below first turns the
 * triggers off (`session_replication_role = replica`, as a superuser at
 * psql could) to show that even then the change is found.
 */
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/service/open-database.ts";
import { request, ROOT, startService, tempDataDir, asOperator } from "./service-process.ts";

const DEAL = `deal "Audited"
parties {
  vendor: "GPU vendor"
  operator: "AI cloud operator"
}
term 2026-01-01 to 2026-12-31, monthly
currency USD
input revenue: USD
clause share "Revenue share" {
  operator pays vendor revenue * 10%
}
`;
const MONTHS = ["2026-01-01", "2026-02-01", "2026-03-01"];

const data = tempDataDir();
const copies: string[] = [];

/** `tenor audit verify` on a database folder. */
function verify(dir: string): { code: number | null; out: string; err: string } {
  const r = spawnSync(process.execPath, [join(ROOT, "bin", "tenor.mjs"), "audit", "verify", "--data", dir], { encoding: "utf8" });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** A copy of the settled database with `sql` run on it, the triggers off. */
async function tampered(...sql: string[]): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), "tenor-audit-"));
  copies.push(dir);
  cpSync(data.dir, dir, { recursive: true });
  const db = await openDatabase({ data: dir });
  try {
    await db.transaction(async (tx) => {
      await tx.query("SET LOCAL session_replication_role = replica");
      for (const s of sql) await tx.query(s);
    });
  } finally {
    await db.close();
  }
  return dir;
}

beforeAll(async () => {
  const service = await startService({ data: data.dir });
  const created = await request(service.url!, "POST", "/deals", { source: DEAL }, { "idempotency-key": "audit-1" });
  expect(created.status).toBe(201);
  const id = created.json.id as string;
  for (const [i, start] of MONTHS.entries()) {
    expect((await request(service.url!, "PUT", `/deals/${id}/periods/${start}`, { inputs: { revenue: `${1000 + i}.00` } }, await asOperator(service.url!, id))).status).toBe(201);
  }
  expect((await request(service.url!, "POST", `/deals/${id}/settle`)).json.settledCount).toBe(3);
  expect(await service.stop()).toBe(0);
}, 120_000);

afterAll(() => {
  data.cleanUp();
  for (const dir of copies) rmSync(dir, { recursive: true, force: true });
});

describe("tenor audit verify", () => {
  it("finds the chain whole: the two keys, the deal, three periods' data and three settlements, nine rows", () => {
    const r = verify(data.dir);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^audit log: 9 rows, the chain holds and records every stored write \(head [0-9a-f]{64}\)\n$/);
  }, 60_000);

  it("names a row whose fields were edited", async () => {
    const dir = await tampered("UPDATE tenor_audit SET actor = 'someone else' WHERE seq = 4");
    const r = verify(dir);
    expect(r.code).toBe(2);
    expect(r.out).toMatch(/^audit log: broken at row 4: row 4 was altered: its fields hash to [0-9a-f]{12}…, it says [0-9a-f]{12}… \(rows 1 to 3 hold\)\n$/);
  }, 60_000);

  it("names the gap where a row was cut out", async () => {
    const r = verify(await tampered("DELETE FROM tenor_audit WHERE seq = 2"));
    expect(r.code).toBe(2);
    expect(r.out).toBe("audit log: broken at row 2: row 2 is missing (the next row is 3) (rows 1 to 1 hold)\n");
  }, 60_000);

  it("finds the last row cut off by the settled period it recorded", async () => {
    const r = verify(await tampered("DELETE FROM tenor_audit WHERE seq = 9"));
    expect(r.code).toBe(2);
    expect(r.out).toMatch(/^audit log: deal [0-9a-f-]{36}: settled period 3 has no audit row with its hash\n$/);
  }, 60_000);

  it("finds a settled period rewritten past the service", async () => {
    const r = verify(await tampered(`UPDATE tenor_settled_periods SET period_json = replace(period_json, '"amount":"100.20"', '"amount":"0.00"') WHERE period_index = 3`));
    expect(r.code).toBe(2);
    expect(r.out).toMatch(/settled period 3 has no audit row with its hash\n$/);
  }, 60_000);
});

describe("the audit table", () => {
  it("names who wrote: the command line for the first key, then each request's key id and role", async () => {
    const dir = await tampered();
    const db = await openDatabase({ data: dir });
    try {
      const rows = await db.query<{ actor: string; role: string; action: string }>("SELECT actor, role, action FROM tenor_audit ORDER BY seq");
      const admin = rows[1]!.actor;
      const operator = rows[3]!.actor;
      expect(admin).toMatch(/^[0-9a-f]{12}$/);
      expect(operator).toMatch(/^[0-9a-f]{12}$/);
      expect(rows.map((r) => [r.actor === admin ? "ADMIN" : r.actor === operator ? "OPERATOR" : r.actor, r.role, r.action])).toEqual([
        ["cli", "system", "key.create"],
        ["ADMIN", "admin", "deal.create"],
        ["ADMIN", "admin", "key.create"],
        ...Array.from({ length: 3 }, () => ["OPERATOR", "operator", "period.inputs"]),
        ...Array.from({ length: 3 }, () => ["ADMIN", "admin", "settle"]),
      ]);
    } finally {
      await db.close();
    }
  }, 60_000);

  it("refuses UPDATE, DELETE and TRUNCATE in SQL while its triggers stand", async () => {
    const dir = await tampered();
    const db = await openDatabase({ data: dir });
    try {
      for (const sql of ["UPDATE tenor_audit SET actor = 'x'", "DELETE FROM tenor_audit WHERE seq = 9", "TRUNCATE tenor_audit"]) {
        await expect(db.query(sql), sql).rejects.toThrow(/never rewritten/);
      }
      const [n] = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM tenor_audit");
      expect(n!.n).toBe(9);
    } finally {
      await db.close();
    }
  }, 60_000);
});
