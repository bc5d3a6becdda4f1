/**
 * /keys (admin only): create a key (its text is in this answer and nowhere
 * else, ever), list them without secrets, revoke one. The key's parameter
 * is `:keyId`, not `:id`: the deal-visibility check reads `:id` as a deal.
 */
import type { FastifyInstance } from "fastify";
import type { Authenticator } from "../auth/authenticate.ts";
import { listKeys, type KeyRequest } from "../auth/key-store.ts";
import type { Database } from "../db/database.ts";
import { addKey, dropKey } from "../keys.ts";
import { whoOf } from "./access.ts";
import * as S from "./schemas.ts";

export function keyRoutes(app: FastifyInstance, db: Database, auth: Authenticator): void {
  app.post<{ Body: KeyRequest }>("/keys", {
    config: { action: "keys.manage" },
    schema: { summary: "Create an API key (shown once, in this answer)", body: S.KEY_BODY, response: { 201: S.answer("{ id, key, role, deal, party }"), ...S.PROBLEMS } },
  }, async (request, reply) => {
    const { revoked: _, ...created } = await addKey(db, request.body, whoOf(request));
    return reply.code(201).send(created);
  });

  app.get("/keys", {
    config: { action: "keys.manage" },
    schema: { summary: "Every key: id, role, deal, party, revoked (no secrets)", response: { 200: S.answer("{ keys: [...] }"), ...S.PROBLEMS } },
  }, async () => ({ keys: await listKeys(db) }));

  app.delete<{ Params: { keyId: string } }>("/keys/:keyId", {
    config: { action: "keys.manage" },
    schema: { summary: "Revoke a key (refused from then on; the row stays for the audit log)", params: S.KEY_PARAMS, response: { 200: S.answer("the revoked key"), ...S.PROBLEMS } },
  }, async (request) => {
    const revoked = await dropKey(db, request.params.keyId, whoOf(request));
    // This process forgets at once; other processes within KEY_CACHE_MS.
    auth.forget();
    return revoked;
  });
}
