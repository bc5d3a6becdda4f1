/**
 * Key changes as writes of the service: creating and revoking a key, each
 * with its audit row (the key's id, role and binding — never its secret),
 * in one transaction. Used by the HTTP API (/keys) and by
 * `tenor serve keys` on the database's machine.
 */
import type { Database } from "./db/database.ts";
import { audit, type Who } from "./audit.ts";
import { createKey, revokeKey, type KeyInfo, type KeyRequest } from "./auth/key-store.ts";

export function addKey(db: Database, r: KeyRequest, who: Who): Promise<KeyInfo & { readonly key: string }> {
  return db.transaction(async (tx) => {
    const created = await createKey(tx, r);
    await audit(tx, who, created.deal, "key.create", { key: created.id, role: created.role, party: created.party });
    return created;
  });
}

export function dropKey(db: Database, id: string, who: Who): Promise<KeyInfo> {
  return db.transaction(async (tx) => {
    const revoked = await revokeKey(tx, id);
    await audit(tx, who, revoked.deal, "key.revoke", { key: revoked.id, role: revoked.role, party: revoked.party });
    return revoked;
  });
}
