/**
 * Keys as stored (tenor_keys): the id, the scrypt hash of the secret, the
 * role, and for all but admins the deal and party the key speaks for.
 * Revoking keeps the row (the audit log names keys by id) and marks it.
 */
import { SERVICE } from "../../diagnostics/codes/service.ts";
import type { Queryable } from "../db/database.ts";
import { Problem } from "../problem.ts";
import { findDeal, versions } from "../store.ts";
import { termsOf } from "../settlement.ts";
import { newKey, parseKey, secretMatches } from "./keys.ts";
import { aRole, ROLES, type Principal, type Role } from "./roles.ts";

export interface KeyRequest {
  readonly role: Role;
  readonly deal?: string;
  readonly party?: string;
}

export interface KeyInfo {
  readonly id: string;
  readonly role: Role;
  readonly deal: string | null;
  readonly party: string | null;
  readonly revoked: boolean;
}

/** Checks what a key may be bound to: admins to nothing, auditors to nothing or a deal, every other role to a deal and one of its parties. */
async function checkBinding(db: Queryable, r: KeyRequest): Promise<void> {
  if (!(ROLES as readonly string[]).includes(r.role)) throw new Problem(400, SERVICE.badRequest, `the role must be one of ${ROLES.join(", ")}`, { field: "role" });
  if (r.role === "admin") {
    if (r.deal !== undefined || r.party !== undefined) throw new Problem(400, SERVICE.badRequest, "an admin key is for every deal: give no deal and no party", { field: "deal" });
    return;
  }
  if (r.deal === undefined) {
    if (r.role === "auditor" && r.party === undefined) return;
    throw new Problem(400, SERVICE.badRequest, `${aRole(r.role)} key speaks for one party of one deal: give the deal and the party`, { field: "deal" });
  }
  if ((await findDeal(db, r.deal)) === null) throw new Problem(404, SERVICE.unknownDeal, `there is no deal ${r.deal}`, { field: "deal" });
  if (r.party === undefined) {
    if (r.role === "auditor") return;
    throw new Problem(400, SERVICE.badRequest, `${aRole(r.role)} key speaks for one party: give the party`, { field: "party" });
  }
  const all = await versions(db, r.deal);
  const parties = termsOf(all[all.length - 1]!).header.parties.map((p) => p.name);
  if (!parties.includes(r.party)) throw new Problem(422, SERVICE.badRequest, `the deal has no party ${JSON.stringify(r.party)} (its parties: ${parties.join(", ")})`, { field: "party" });
}

/** Creates a key; gives its text (shown once) and what it may do. */
export async function createKey(tx: Queryable, r: KeyRequest): Promise<KeyInfo & { readonly key: string }> {
  await checkBinding(tx, r);
  const key = await newKey();
  await tx.query("INSERT INTO tenor_keys (id, hash, role, deal_id, party) VALUES ($1, $2, $3, $4, $5)", [key.id, key.hash, r.role, r.deal ?? null, r.party ?? null]);
  return { id: key.id, key: key.text, role: r.role, deal: r.deal ?? null, party: r.party ?? null, revoked: false };
}

export async function listKeys(db: Queryable): Promise<KeyInfo[]> {
  const rows = await db.query<{ id: string; role: Role; deal: string | null; party: string | null; revoked: boolean }>(
    `SELECT id, role, deal_id AS deal, party, revoked_at IS NOT NULL AS revoked FROM tenor_keys ORDER BY created_at, id`,
  );
  return rows;
}

export async function revokeKey(tx: Queryable, id: string): Promise<KeyInfo> {
  const rows = await tx.query<KeyInfo>(
    `UPDATE tenor_keys SET revoked_at = coalesce(revoked_at, now()) WHERE id = $1 RETURNING id, role, deal_id AS deal, party, true AS revoked`,
    [id],
  );
  if (rows[0] === undefined) throw new Problem(404, SERVICE.notFound, `there is no key ${id}`);
  return rows[0];
}

/** The principal of a key's text, or null when it is not a live key. */
export async function principalOfKey(db: Queryable, text: string): Promise<Principal | null> {
  const parsed = parseKey(text);
  if (parsed === null) return null;
  const [row] = await db.query<{ hash: string; role: Role; deal: string | null; party: string | null }>(
    "SELECT hash, role, deal_id AS deal, party FROM tenor_keys WHERE id = $1 AND revoked_at IS NULL",
    [parsed.id],
  );
  if (row === undefined || !(await secretMatches(parsed.secret, row.hash))) return null;
  return { id: parsed.id, via: "key", role: row.role, deal: row.deal, party: row.party };
}
