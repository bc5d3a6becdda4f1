/**
 * `tenor serve keys create|list|revoke`: API keys of the service, managed on
 * the database's machine (the first admin key has no other way in). The
 * new key is the one line on standard output, so a script can take it;
 * what it is goes to standard error. Each change is audited as `cli`.
 */
import { EXIT, type ExitCode } from "../exit-codes.ts";
import type { Io } from "../io.ts";

export interface KeysWhere {
  readonly data?: string;
  readonly database?: string;
}

export interface KeyCreateOptions extends KeysWhere {
  readonly role: string;
  readonly deal?: string;
  readonly party?: string;
}

/** Opens the database, runs `work`, closes it; a refusal or failure is one line and exit 2 (a usage problem, exit 64). */
async function withDatabase(io: Io, where: KeysWhere, work: (db: import("../../service/db/database.ts").Database) => Promise<void>): Promise<ExitCode> {
  const { openDatabase } = await import("../../service/open-database.ts");
  const { Problem } = await import("../../service/problem.ts");
  let db;
  try {
    db = await openDatabase(where);
  } catch (e) {
    io.stderr(`tenor serve keys: ${e instanceof Error ? e.message : String(e)}\n`);
    return EXIT.dataErrors;
  }
  try {
    await work(db);
    return EXIT.ok;
  } catch (e) {
    io.stderr(`tenor serve keys: ${e instanceof Error ? e.message : String(e)}\n`);
    return e instanceof Problem && e.status < 500 && e.status !== 404 ? EXIT.usage : EXIT.dataErrors;
  } finally {
    await db.close();
  }
}

export async function keysCreateCommand(io: Io, options: KeyCreateOptions): Promise<ExitCode> {
  const { addKey } = await import("../../service/keys.ts");
  const { system } = await import("../../service/audit.ts");
  const { ROLES } = await import("../../service/auth/roles.ts");
  if (!(ROLES as readonly string[]).includes(options.role)) {
    io.stderr(`tenor serve keys: --role must be one of ${ROLES.join(", ")}, not ${JSON.stringify(options.role)}\n`);
    return EXIT.usage;
  }
  return withDatabase(io, options, async (db) => {
    const request = { role: options.role as (typeof ROLES)[number], ...(options.deal === undefined ? {} : { deal: options.deal }), ...(options.party === undefined ? {} : { party: options.party }) };
    const key = await addKey(db, request, system("cli"));
    io.stdout(`${key.key}\n`);
    io.stderr(`tenor serve keys: created key ${key.id}: ${describeKey(key)} (shown once: it is stored only as a hash)\n`);
  });
}

export function keysListCommand(io: Io, where: KeysWhere): Promise<ExitCode> {
  return withDatabase(io, where, async (db) => {
    const { listKeys } = await import("../../service/auth/key-store.ts");
    for (const k of await listKeys(db)) io.stdout(`${k.id}  ${describeKey(k)}${k.revoked ? "  revoked" : ""}\n`);
  });
}

export function keysRevokeCommand(io: Io, id: string, where: KeysWhere): Promise<ExitCode> {
  return withDatabase(io, where, async (db) => {
    const { dropKey } = await import("../../service/keys.ts");
    const { system } = await import("../../service/audit.ts");
    const k = await dropKey(db, id, system("cli"));
    io.stdout(`revoked ${k.id}  ${describeKey(k)}\n`);
  });
}

function describeKey(k: { role: string; deal: string | null; party: string | null }): string {
  return [k.role, k.deal === null ? "every deal" : `deal ${k.deal}`, ...(k.party === null ? [] : [`party ${k.party}`])].join(", ");
}
