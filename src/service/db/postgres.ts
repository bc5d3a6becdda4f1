/**
 * A Postgres server through `pg`'s connection pool: what several service
 * and worker processes share when one machine is not enough.
 */
import pg from "pg";
import type { Database, Queryable } from "./database.ts";

export async function openPostgres(url: string): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: 8 });
  // An idle connection that the server drops must not crash the process.
  pool.on("error", () => {});
  await pool.query("select 1");
  const queryOn = (client: pg.Pool | pg.PoolClient): Queryable => ({
    query: async <R>(sql: string, params: readonly unknown[] = []) => (await client.query(sql, [...params])).rows as R[],
  });
  return {
    kind: "postgres",
    ...queryOn(pool),
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query("BEGIN");
        const result = await fn(queryOn(client));
        await client.query("COMMIT");
        return result;
      } catch (e) {
        await client.query("ROLLBACK").catch(() => {});
        throw e;
      } finally {
        client.release();
      }
    },
    exec: async (sql) => void (await pool.query(sql)),
    executeSql: async (text, values) => ({ rows: (await pool.query(text, values === undefined ? undefined : [...values])).rows }),
    close: () => pool.end(),
  };
}
