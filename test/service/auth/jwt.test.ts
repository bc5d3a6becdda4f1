import { exportJWK, generateKeyPair, SignJWT, type JWK } from "jose";
import { beforeAll, describe, expect, it } from "vitest";
import { jwtVerifier, type JwtVerifier } from "../../../src/service/auth/jwt.ts";

let verify: JwtVerifier;
let signingKey: CryptoKey;
let otherKey: CryptoKey;

beforeAll(async () => {
  const pair = await generateKeyPair("ES256");
  signingKey = pair.privateKey;
  otherKey = (await generateKeyPair("ES256")).privateKey;
  const jwk: JWK = { ...(await exportJWK(pair.publicKey)), kid: "k1", alg: "ES256", use: "sig" };
  verify = jwtVerifier({ jwks: { keys: [jwk] }, issuer: "https://idp.example", audience: "tenor" });
});

function token(claims: Record<string, unknown>, key: CryptoKey = signingKey, expires = "5m"): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ alg: "ES256", kid: "k1" }).setIssuer("https://idp.example").setAudience("tenor")
    .setSubject("alice@sharon.example").setIssuedAt().setExpirationTime(expires).sign(key);
}

describe("bearer JWTs", () => {
  it("give the role, deal and party of their claims", async () => {
    expect(await verify(await token({ tenor_role: "operator", tenor_deal: "d1", tenor_party: "sharon" }))).toEqual({
      id: "jwt:alice@sharon.example", via: "jwt", role: "operator", deal: "d1", party: "sharon",
    });
  });

  it("refuse a token signed with another key, unsigned (alg none), expired, or for another audience", async () => {
    const claims = { tenor_role: "admin" };
    const forged = await token(claims, otherKey);
    const header = Buffer.from(JSON.stringify({ alg: "none", typ: "JWT" })).toString("base64url");
    const body = Buffer.from(JSON.stringify({ ...claims, sub: "mallory", iss: "https://idp.example", aud: "tenor", exp: 4102444800 })).toString("base64url");
    const unsigned = `${header}.${body}.`;
    const expired = await token(claims, signingKey, "-1m");
    const elsewhere = await new SignJWT(claims).setProtectedHeader({ alg: "ES256", kid: "k1" }).setIssuer("https://idp.example").setAudience("billing").setSubject("a").setExpirationTime("5m").sign(signingKey);
    for (const t of [forged, unsigned, expired, elsewhere, "not.a.jwt"]) {
      const r = await verify(t);
      expect(r, t).toHaveProperty("refused");
      expect((r as { refused: string }).refused).toMatch(/^the token is not valid: /);
    }
  });

  it("refuse a role they do not name, and a party role without its deal", async () => {
    expect(await verify(await token({ tenor_role: "root" }))).toEqual({ refused: "the token's tenor_role claim must be one of admin, operator, counterparty, counsel, auditor" });
    expect(await verify(await token({ tenor_role: "counsel", tenor_party: "sharon" }))).toEqual({ refused: "a counsel token must name its deal (tenor_deal) and party (tenor_party)" });
  });
});
