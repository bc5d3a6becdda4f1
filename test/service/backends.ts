/**
 * The two databases the service tests run on: a new embedded PGlite folder,
 * and a new database on a throwaway Debian Postgres server. The server is
 * started at collection time (so `describe.skipIf` knows whether it is
 * there) and stopped after the file; where none can be started its half is
 * skipped, saying why — except in CI, where `requirePostgresInCi` fails.
 */
import { afterAll, expect, it } from "vitest";
import { startPostgres } from "./postgres-server.ts";
import { tempDataDir } from "./service-process.ts";

export interface Backend {
  readonly name: string;
  readonly kind: "pglite" | "postgres";
  /** Why this half is skipped (no Postgres server), or undefined. */
  readonly skipped: string | undefined;
  /** Where the service keeps its data: a new embedded database, or a new database on the server. */
  where(db: string): Promise<{ data?: string; database?: string; cleanUp(): void }>;
}

export async function serviceBackends(): Promise<Backend[]> {
  const postgres = await startPostgres();
  const skipped = "skipped" in postgres ? postgres.skipped : undefined;
  if (skipped !== undefined) console.warn(`skipped: no Postgres server: ${skipped}`);
  afterAll(async () => {
    if (!("skipped" in postgres)) await postgres.stop();
  });
  return [
    { name: "PGlite", kind: "pglite", skipped: undefined, where: async () => { const t = tempDataDir(); return { data: t.dir, cleanUp: t.cleanUp }; } },
    { name: "Postgres", kind: "postgres", skipped, where: async (db) => ({ database: await (postgres as { createDatabase(n: string): Promise<string> }).createDatabase(db), cleanUp: () => {} }) },
  ];
}

/** In CI the server must be there: a skip would hide the whole Postgres half. */
export function requirePostgresInCi(backends: readonly Backend[], title = "has a server (required when CI=true)"): void {
  it(title, () => {
    if (process.env.CI === "true") expect(backends.find((b) => b.kind === "postgres")!.skipped).toBeUndefined();
  });
}
