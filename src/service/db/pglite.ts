/**
 * The embedded database: PGlite (Postgres compiled to WebAssembly) in a
 * directory, so `tenor serve` needs no server installed. It is a single
 * connection that queues callers itself: a `transaction` holds it for the
 * whole callback, so no other statement (the job queue's included) lands
 * between its BEGIN and COMMIT. The service therefore never sends BEGIN or
 * COMMIT as statements of their own.
 */
import { PGlite } from "@electric-sql/pglite";
import type { Database, Queryable } from "./database.ts";

export async function openPglite(dataDir: string): Promise<Database> {
  const db = await PGlite.create(dataDir);
  const on = (q: Pick<PGlite, "query">): Queryable => ({
    query: async <R>(sql: string, params: readonly unknown[] = []) => (await q.query<R>(sql, [...params])).rows,
  });
  return {
    kind: "pglite",
    ...on(db),
    transaction: (fn) => db.transaction((tx) => fn(on(tx))),
    exec: async (sql) => void (await db.exec(sql)),
    async executeSql(text, values) {
      // The job queue's statements: one with parameters, or a script of several (its BEGIN; …; COMMIT; maintenance) without.
      try {
        if (values !== undefined && values.length > 0) return { rows: (await db.query(text, [...values])).rows };
        return { rows: (await db.exec(text)).at(-1)?.rows ?? [] };
      } catch (e) {
        // A script that failed part-way leaves its transaction open and aborted: close it, or every later statement fails.
        if (db.isInTransaction()) await db.exec("ROLLBACK");
        throw e;
      }
    },
    close: () => db.close(),
  };
}
