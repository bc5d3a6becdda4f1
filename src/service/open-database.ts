/**
 * The database a `tenor serve`/`tenor replay` names: a Postgres server
 * (`--database postgres://…` or DATABASE_URL), else the embedded PGlite
 * database in `--data DIR` (default ./.tenor-data); migrated to the
 * current schema before use.
 */
import { mkdirSync } from "node:fs";
import type { Database } from "./db/database.ts";
import { migrate } from "./db/migrations.ts";
import { openPglite } from "./db/pglite.ts";
import { openPostgres } from "./db/postgres.ts";

export interface WhereOptions {
  readonly data?: string;
  readonly database?: string;
}

export const DEFAULT_DATA_DIR = ".tenor-data";

export function describe(where: WhereOptions): string {
  const url = where.database ?? process.env["DATABASE_URL"];
  return url !== undefined && url !== "" ? `Postgres at ${url.replace(/\/\/[^@/]*@/, "//…@")}` : `embedded PGlite in ${where.data ?? DEFAULT_DATA_DIR}`;
}

export async function openDatabase(where: WhereOptions): Promise<Database> {
  const url = where.database ?? process.env["DATABASE_URL"];
  let db: Database;
  if (url !== undefined && url !== "") db = await openPostgres(url);
  else {
    const dir = where.data ?? DEFAULT_DATA_DIR;
    mkdirSync(dir, { recursive: true });
    db = await openPglite(dir);
  }
  try {
    await migrate(db);
  } catch (e) {
    await db.close();
    throw e;
  }
  return db;
}
