/**
 * `tenor serve` and `tenor replay`: the settlement service (src/service).
 * The service's modules (Fastify, PGlite, pg, pg-boss) load only when one of
 * these commands runs, so the other commands start as fast as before.
 */
import { EXIT, type ExitCode } from "../exit-codes.ts";
import type { Io } from "../io.ts";
import type { Database } from "../../service/db/database.ts";
import { countOption, securityOptions, UsageError, type SecurityCliOptions } from "./serve-security.ts";

export interface ServeCliOptions extends SecurityCliOptions {
  readonly host: string;
  readonly port: string;
  readonly data?: string;
  readonly database?: string;
  readonly worker?: boolean;
  /** Commander's `--no-jobs`: false when the HTTP server must not work jobs itself. */
  readonly jobs: boolean;
  readonly concurrency: string;
  readonly bodyLimit?: string;
  readonly settleBatch: string;
  readonly log: boolean;
}

export async function serveCommand(io: Io, options: ServeCliOptions): Promise<ExitCode> {
  let port, concurrency, bodyLimit, settleBatch, security;
  try {
    port = countOption(options.port, "--port", 0, 65535);
    concurrency = countOption(options.concurrency, "--concurrency", 1, 64);
    bodyLimit = options.bodyLimit === undefined ? undefined : countOption(options.bodyLimit, "--body-limit", 1024, 1 << 30);
    settleBatch = countOption(options.settleBatch, "--settle-batch", 1, 10_000);
    security = await securityOptions(io, options.host, options.worker !== true, options);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.stderr(`tenor serve: ${e.message}\n`);
    return EXIT.usage;
  }
  if (security.warning !== null) io.stderr(`${security.warning}\n`);
  const { serve } = await import("../../service/serve.ts");
  try {
    const running = await serve({
      host: options.host,
      port,
      ...(options.data === undefined ? {} : { data: options.data }),
      ...(options.database === undefined ? {} : { database: options.database }),
      workerOnly: options.worker === true,
      workers: options.worker === true || options.jobs ? concurrency : 0,
      ...(bodyLimit === undefined ? {} : { bodyLimit }),
      settleBatch,
      log: options.log,
      ...(security.jwt === undefined ? {} : { jwt: security.jwt }),
      transport: security.transport,
    }, (line) => io.stderr(`${line}\n`));
    await running.stopped;
    return EXIT.ok;
  } catch (e) {
    io.stderr(`tenor serve: ${e instanceof Error ? e.message : String(e)}\n`);
    return EXIT.dataErrors;
  }
}

/** Runs `fn` on the database `options` name, closed afterwards; a database that cannot be opened or read ends `command` with exit 2. */
async function withDatabase(io: Io, command: string, options: { readonly data?: string; readonly database?: string }, fn: (db: Database) => Promise<ExitCode>): Promise<ExitCode> {
  const { openDatabase } = await import("../../service/open-database.ts");
  let db: Database;
  try {
    db = await openDatabase(options);
  } catch (e) {
    io.stderr(`tenor ${command}: ${e instanceof Error ? e.message : String(e)}\n`);
    return EXIT.dataErrors;
  }
  try {
    return await fn(db);
  } catch (e) {
    io.stderr(`tenor ${command}: ${e instanceof Error ? e.message : String(e)}\n`);
    return EXIT.dataErrors;
  } finally {
    await db.close();
  }
}

export async function replayCommand(io: Io, options: { readonly data?: string; readonly database?: string; readonly deal?: string }): Promise<ExitCode> {
  const { replayDeal } = await import("../../service/replay.ts");
  const { dealIds } = await import("../../service/store.ts");
  return withDatabase(io, "replay", options, async (db) => {
    const ids = options.deal === undefined ? await dealIds(db) : [options.deal];
    let same = true;
    for (const id of ids) {
      const report = await replayDeal(db, id);
      same &&= report.identical;
      io.stdout(`${id}: ${report.periods} period${report.periods === 1 ? "" : "s"} ${report.identical ? "identical" : "DIFFER"}\n`);
      for (const d of report.differences) io.stdout(`  period ${d.index} (${d.start}): ${d.what.join(", ")}\n`);
    }
    io.stdout(`${ids.length} deal${ids.length === 1 ? "" : "s"} replayed: ${same ? "every stored period is byte-identical" : "some stored periods differ"}\n`);
    return same ? EXIT.ok : EXIT.dataErrors;
  });
}

/** `tenor audit verify`: walks the audit chain and holds the stored records against it; exit 2 at the first broken link. */
export async function auditVerifyCommand(io: Io, options: { readonly data?: string; readonly database?: string }): Promise<ExitCode> {
  const { unrecorded, verifyAudit } = await import("../../service/audit.ts");
  return withDatabase(io, "audit", options, async (db) => {
    const chain = await verifyAudit(db);
    if (!chain.ok) {
      io.stdout(`audit log: broken at row ${chain.seq}: ${chain.why} (rows 1 to ${chain.rows} hold)\n`);
      return EXIT.dataErrors;
    }
    const missing = await unrecorded(db);
    for (const m of missing) io.stdout(`audit log: ${m}\n`);
    if (missing.length > 0) return EXIT.dataErrors;
    io.stdout(`audit log: ${chain.rows} row${chain.rows === 1 ? "" : "s"}, the chain holds and records every stored write (head ${chain.head})\n`);
    return EXIT.ok;
  });
}
