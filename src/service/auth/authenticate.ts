/**
 * Who is speaking: `Authorization: Bearer …` holds an API key (`tnr_…`,
 * ./keys.ts) or, when the service is configured with a JWKS, a JWT of the
 * company's identity provider (./jwt.ts). Anything else is refused.
 */
import { performance } from "node:perf_hooks";
import type { Queryable } from "../db/database.ts";
import { principalOfKey } from "./key-store.ts";
import { VerifiedKeys } from "./keys.ts";
import type { JwtVerifier } from "./jwt.ts";
import type { Principal } from "./roles.ts";

export interface Authenticator {
  authenticate(authorization: string | undefined): Promise<Principal | { readonly refused: string }>;
  /** Forgets every verified key (after a key is revoked here; other processes forget within KEY_CACHE_MS). */
  forget(): void;
}

/** How long a verified key is taken without asking scrypt again (a revoked key is refused within this time). */
export const KEY_CACHE_MS = 30_000;

export function authenticator(db: Queryable, jwt: JwtVerifier | null): Authenticator {
  const verified = new VerifiedKeys<Principal>(KEY_CACHE_MS, () => performance.now());
  const authenticate: Authenticator["authenticate"] = async (authorization) => {
    const m = /^Bearer ([^\s]+)$/i.exec(authorization ?? "");
    if (m === null) return { refused: "send your key or token as Authorization: Bearer …" };
    const token = m[1]!;
    if (token.startsWith("tnr_")) {
      const known = verified.get(token);
      if (known !== undefined) return known;
      const p = await principalOfKey(db, token);
      if (p === null) return { refused: "the key is not valid (unknown, revoked or mistyped)" };
      verified.set(token, p);
      return p;
    }
    if (jwt === null) return { refused: "this service takes API keys only (tnr_…)" };
    return jwt(token);
  };
  return { authenticate, forget: () => verified.clear() };
}
