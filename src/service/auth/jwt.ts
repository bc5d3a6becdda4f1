/**
 * Bearer JWTs from a company's identity provider, verified with `jose`
 * against its JWKS (a URL, or a file of keys): signature, issuer,
 * audience, expiry (and not-before), asymmetric algorithms only — `none`
 * and shared-secret HMAC are refused. The role, party and deal are read
 * from claims named in the configuration.
 */
import { createLocalJWKSet, createRemoteJWKSet, jwtVerify, type JSONWebKeySet, type JWTVerifyGetKey } from "jose";
import { ROLES, type Principal, type Role } from "./roles.ts";

export interface JwtConfig {
  /** Where the signing keys are: an https URL, or the JWKS itself. */
  readonly jwks: URL | JSONWebKeySet;
  readonly issuer: string;
  readonly audience: string;
  /** Claim names (defaults: tenor_role, tenor_party, tenor_deal). */
  readonly roleClaim?: string;
  readonly partyClaim?: string;
  readonly dealClaim?: string;
}

const ALGORITHMS = ["RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA"];

export type JwtVerifier = (token: string) => Promise<Principal | { readonly refused: string }>;

export function jwtVerifier(config: JwtConfig): JwtVerifier {
  const keys: JWTVerifyGetKey = config.jwks instanceof URL ? createRemoteJWKSet(config.jwks) : createLocalJWKSet(config.jwks);
  const roleClaim = config.roleClaim ?? "tenor_role";
  const partyClaim = config.partyClaim ?? "tenor_party";
  const dealClaim = config.dealClaim ?? "tenor_deal";
  return async (token) => {
    let payload;
    try {
      ({ payload } = await jwtVerify(token, keys, { issuer: config.issuer, audience: config.audience, algorithms: ALGORITHMS, requiredClaims: ["exp", "sub"] }));
    } catch (e) {
      return { refused: `the token is not valid: ${e instanceof Error ? e.message : String(e)}` };
    }
    const role = payload[roleClaim];
    if (typeof role !== "string" || !(ROLES as readonly string[]).includes(role)) return { refused: `the token's ${roleClaim} claim must be one of ${ROLES.join(", ")}` };
    const party = payload[partyClaim];
    const deal = payload[dealClaim];
    const str = (v: unknown) => (typeof v === "string" && v !== "" ? v : null);
    if (role !== "admin" && role !== "auditor" && (str(party) === null || str(deal) === null)) {
      return { refused: `a ${role} token must name its deal (${dealClaim}) and party (${partyClaim})` };
    }
    return { id: `jwt:${payload.sub!}`, via: "jwt", role: role as Role, deal: role === "admin" ? null : str(deal), party: role === "admin" ? null : str(party) };
  };
}
