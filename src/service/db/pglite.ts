/**
 * The embedded database: PGlite (Postgres compiled to WebAssembly) in a
 * directory, so `tenor serve` needs no server installed. It is a single
 * connection that queues callers itself: a `transaction` holds it for the
 * whole callback, so no other statement (the job queue's included) lands
 * between its BEGIN and COMMIT. The service therefore never sends BEGIN or
 * COMMIT as statements of their own.
 */
import { PGlite } from "@electric-sql/pglite";
import { readFileSync, unlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Database, Queryable } from "./database.ts";

export async function openPglite(dataDir: string): Promise<Database> {
  const unlock = lockDir(dataDir);
  let db: PGlite;
  try {
    db = await PGlite.create(dataDir);
  } catch (e) {
    unlock();
    throw e;
  }
  const on = (q: Pick<PGlite, "query">): Queryable => ({
    serialized: true,
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
    async close() {
      try {
        await db.close();
      } finally {
        unlock();
      }
    },
  };
}

export const LOCK_FILE = "tenor.lock";

/**
 * One process at a time in a directory. PGlite writes postmaster.pid with a
 * made-up pid (-42) and never checks it, so a second process (`tenor replay`
 * beside a running `tenor serve`) would run a second Postgres on the same
 * files, each overwriting the other's pages. The lock file holds the owner's
 * pid; one whose process is gone (killed with SIGKILL) is taken over, as
 * Postgres does with its postmaster.pid. Gives the unlock.
 */
function lockDir(dataDir: string): () => void {
  const path = join(dataDir, LOCK_FILE);
  for (let attempt = 0; ; attempt++) {
    try {
      writeFileSync(path, `${process.pid}\n`, { flag: "wx" });
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST" || attempt > 0) throw e;
    }
    const owner = Number(readFileSync(path, "utf8").trim());
    if (Number.isInteger(owner) && owner > 0 && alive(owner)) {
      throw new Error(`the embedded database in ${dataDir} is open in process ${owner}: stop that first (more processes on one database need a Postgres server, --database)`);
    }
    unlinkSync(path);
  }
  return () => {
    try {
      if (readFileSync(path, "utf8").trim() === String(process.pid)) unlinkSync(path);
    } catch {
      // gone already
    }
  };
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it exists, under another user.
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}
