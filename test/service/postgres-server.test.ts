import pg from "pg";
import { describe, expect, it } from "vitest";
import { startPostgres } from "./postgres-server.ts";

// Started at collection time, so that it.skipIf knows whether a server is there.
const started = Date.now();
const server = await startPostgres();
const startMs = Date.now() - started;
const skipped = "skipped" in server ? server.skipped : undefined;
if (skipped !== undefined) console.warn(`skipped: no Postgres server: ${skipped}`);

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

describe("a throwaway Postgres server starts, answers SQL and stops", () => {
  // In CI the server must be there: a skip would hide the whole Postgres half.
  it("starts (required when CI=true)", () => {
    if (process.env.CI === "true") expect(skipped).toBeUndefined();
  });

  it.skipIf(skipped !== undefined)("answers SQL, creates databases, stops", async () => {
    if ("skipped" in server) return;
    console.info(`postgres started in ${startMs} ms at ${server.url}`);
    try {
      expect(await query<{ sum: number }>(server.url, "select 1+1 as sum")).toEqual([{ sum: 2 }]);
      const [row] = await query<{ db: string; user: string }>(server.url, "select current_database() as db, current_user as user");
      expect(row).toEqual({ db: "tenor", user: "tenor" });

      const url = await server.createDatabase("settlement_test");
      expect(url).toBe(server.url.replace(/\/tenor$/, "/settlement_test"));
      expect(await query<{ db: string }>(url, "select current_database() as db")).toEqual([{ db: "settlement_test" }]);
      await expect(server.createDatabase("settlement_test")).rejects.toThrow(/already exists/);
    } finally {
      const t = Date.now();
      await server.stop();
      console.info(`postgres stopped in ${Date.now() - t} ms`);
    }
    // Stopped means stopped: no more connections, and stop() is idempotent.
    await expect(query(server.url, "select 1")).rejects.toThrow();
    await server.stop();
  });
});
