/**
 * Bearer JWTs of a company's identity provider, against the real server
 * (issue 18): `tenor serve --jwks FILE|URL --jwt-issuer --jwt-audience
 * [--jwt-claims]` lets a token in with the role, deal and party of its
 * claims, and refuses every forgery with 401 TN5014. The keys are made
 * here with jose; the JWKS is a file for one server and an http URL on
 * this machine for the other (with claim names of its own).
 */
import { createServer, type Server } from "node:http";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { exportJWK, generateKeyPair, SignJWT, type JWK } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bearer, request, ROOT, startService, tempDataDir, type Reply, type ServiceProcess } from "./service-process.ts";

const SOURCE = readFileSync(join(ROOT, "examples/sharon-dsx.tenor"), "utf8");
const ISSUER = "https://idp.sharon.example";
const AUDIENCE = "tenor-settlement";
const INPUTS = { inputs: { gpus_live: "5000", sold_hours: "2046000", revenue: "6649500.00" } };

let signingKey: CryptoKey;
let otherKey: CryptoKey;
let jwks: { keys: JWK[] };

beforeAll(async () => {
  const pair = await generateKeyPair("ES256");
  signingKey = pair.privateKey;
  otherKey = (await generateKeyPair("ES256")).privateKey;
  jwks = { keys: [{ ...(await exportJWK(pair.publicKey)), kid: "idp-1", alg: "ES256", use: "sig" }] };
});

interface TokenOptions {
  readonly key?: CryptoKey;
  readonly issuer?: string;
  readonly audience?: string;
  readonly expires?: string;
}

function token(claims: Record<string, unknown>, o: TokenOptions = {}): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ alg: "ES256", kid: "idp-1" }).setIssuer(o.issuer ?? ISSUER).setAudience(o.audience ?? AUDIENCE)
    .setSubject("alice@sharon.example").setIssuedAt().setExpirationTime(o.expires ?? "5m").sign(o.key ?? signingKey);
}

function expectRefused(r: Reply, what: string): void {
  expect(r.status, `${what}: ${r.text}`).toBe(401);
  expect(r.type).toMatch(/^application\/problem\+json/);
  expect(r.json.code, what).toBe("TN5014");
}

describe("tenor serve --jwks FILE", () => {
  let service: ServiceProcess;
  let url: string;
  let deal = "";
  const data = tempDataDir();
  const claims = (role: string) => ({ tenor_role: role, tenor_deal: deal, tenor_party: "sharon" });

  beforeAll(async () => {
    const file = join(data.dir, "jwks.json");
    writeFileSync(file, JSON.stringify(jwks));
    service = await startService({ data: data.dir, args: ["--jwks", file, "--jwt-issuer", ISSUER, "--jwt-audience", AUDIENCE] });
    url = service.url!;
    const created = await request(url, "POST", "/deals", { source: SOURCE }, { "idempotency-key": "idp-deal" });
    expect(created.status, created.text).toBe(201);
    deal = created.json.id;
  }, 120_000);

  afterAll(async () => {
    await service?.stop();
    data.cleanUp();
  });

  it("lets an operator's token in with the deal and party of its claims: it posts that deal's inputs and nothing else", async () => {
    const operator = bearer(await token(claims("operator")));
    const put = await request(url, "PUT", `/deals/${deal}/periods/2026-07-01`, INPUTS, operator);
    expect(put.status, put.text).toBe(201);
    expect(put.json).toEqual({ index: 1, start: "2026-07-01", created: true });
    expect((await request(url, "GET", `/deals/${deal}`, undefined, operator)).json.stored).toBe(1);
    // Its role may not create deals (403), and another deal does not exist for it (404, as for any unknown deal).
    const create = await request(url, "POST", "/deals", { source: SOURCE }, { ...operator, "idempotency-key": "idp-op" });
    expect([create.status, create.json.code]).toEqual([403, "TN5015"]);
    expect(create.json.detail).toBe("an operator key may not store a new deal (POST /deals)");
    const other = await request(url, "GET", "/deals/00000000-0000-4000-8000-000000000000", undefined, operator);
    expect([other.status, other.json.code]).toEqual([404, "TN5002"]);
  });

  it("gives a counsel's token the counsel's rights, not the operator's", async () => {
    const counsel = bearer(await token(claims("counsel")));
    expect((await request(url, "GET", `/deals/${deal}`, undefined, counsel)).status).toBe(200);
    const put = await request(url, "PUT", `/deals/${deal}/periods/2026-08-01`, INPUTS, counsel);
    expect([put.status, put.json.code]).toEqual([403, "TN5015"]);
  });

  it("lets a counsel's token propose for the party of its claims, and not for a party the deal does not name", async () => {
    const amended = { source: SOURCE.replace("  year 2: 12.5%", "  year 2: 11%"), effective: "2027-09-01" };
    const sharon = bearer(await token(claims("counsel")));
    const proposed = await request(url, "POST", `/deals/${deal}/versions`, amended, { ...sharon, "idempotency-key": "idp-propose" });
    expect(proposed.status, proposed.text).toBe(201);
    expect(proposed.json).toMatchObject({ proposal: 1, approvedBy: ["sharon"], waitingFor: ["nvidia", "landlord"], adopted: null });
    // The token says which party it speaks for; the deal decides whether that party is one of its own.
    const stranger = bearer(await token({ tenor_role: "counsel", tenor_deal: deal, tenor_party: "coreweave" }));
    const approve = await request(url, "POST", `/deals/${deal}/proposals/1/approve`, undefined, stranger);
    expect([approve.status, approve.json.code, approve.json.field]).toEqual([403, "TN5015", "party"]);
    expect(approve.json.detail).toBe('this token speaks for party "coreweave", not one of the deal\'s parties (nvidia, sharon, landlord)');
    const propose = await request(url, "POST", `/deals/${deal}/versions`, amended, { ...stranger, "idempotency-key": "idp-stranger" });
    expect([propose.status, propose.json.code]).toEqual([403, "TN5015"]);
    expect((await request(url, "GET", `/deals/${deal}/proposals`, undefined, sharon)).json.proposals).toEqual([proposed.json]);
  });

  it("lets an admin's token (no deal, no party) manage keys", async () => {
    const r = await request(url, "GET", "/keys", undefined, bearer(await token({ tenor_role: "admin" })));
    expect(r.status, r.text).toBe(200);
    expect(r.json.keys.map((k: { role: string }) => k.role)).toEqual(["admin"]);
  });

  it("refuses forged tokens with 401 TN5014: another key, alg none, HMAC, expired, another issuer or audience, no role, a role it does not know", async () => {
    const header = (h: object) => Buffer.from(JSON.stringify(h)).toString("base64url");
    const payload = header({ tenor_role: "admin", sub: "mallory", iss: ISSUER, aud: AUDIENCE, exp: 4102444800 });
    const hmac = await new SignJWT({ tenor_role: "admin" }).setProtectedHeader({ alg: "HS256", kid: "idp-1" }).setIssuer(ISSUER).setAudience(AUDIENCE)
      .setSubject("mallory").setExpirationTime("5m").sign(new TextEncoder().encode(JSON.stringify(jwks.keys[0])));
    const forged: [string, string][] = [
      ["signed by another key", await token({ tenor_role: "admin" }, { key: otherKey })],
      ["alg none", `${header({ alg: "none", typ: "JWT" })}.${payload}.`],
      ["HS256 with the public key as its secret", hmac],
      ["expired", await token({ tenor_role: "admin" }, { expires: "-1m" })],
      ["another issuer", await token({ tenor_role: "admin" }, { issuer: "https://idp.mallory.example" })],
      ["another audience", await token({ tenor_role: "admin" }, { audience: "billing" })],
      ["no role claim", await token({ tenor_deal: deal, tenor_party: "sharon" })],
      ["a role outside ROLES", await token({ tenor_role: "root" })],
      ["a party role without its deal", await token({ tenor_role: "operator", tenor_party: "sharon" })],
    ];
    for (const [what, jwt] of forged) {
      const r = await request(url, "GET", "/keys", undefined, bearer(jwt));
      expectRefused(r, what);
    }
    const none = await request(url, "GET", "/keys", undefined, bearer(forged[1]![1]));
    expect(none.json.detail).toMatch(/^the token is not valid: /);
    const root = await request(url, "GET", "/keys", undefined, bearer(forged[7]![1]));
    expect(root.json.detail).toBe("the token's tenor_role claim must be one of admin, operator, counterparty, counsel, auditor");
  });

  it("still takes API keys beside tokens", async () => {
    expect((await request(url, "GET", "/keys")).status).toBe(200);
  });
});

describe("tenor serve --jwks URL --jwt-claims", () => {
  let service: ServiceProcess;
  let idp: Server;
  let fetched = 0;
  const data = tempDataDir();

  beforeAll(async () => {
    // The identity provider's JWKS endpoint, on this machine (http is taken only from a loopback address).
    idp = createServer((req, res) => {
      fetched += 1;
      res.setHeader("content-type", "application/json").end(JSON.stringify(jwks));
    });
    await new Promise<void>((r) => idp.listen(0, "127.0.0.1", r));
    const port = (idp.address() as { port: number }).port;
    service = await startService({
      data: data.dir,
      args: ["--jwks", `http://127.0.0.1:${port}/.well-known/jwks.json`, "--jwt-issuer", ISSUER, "--jwt-audience", AUDIENCE,
        "--jwt-claims", "role=https://tenor.dev/role,deal=https://tenor.dev/deal,party=https://tenor.dev/party"],
    });
  }, 120_000);

  afterAll(async () => {
    await service?.stop();
    await new Promise((r) => idp?.close(r));
    data.cleanUp();
  });

  it("reads the role from the claim it is told, fetching the keys from the URL", async () => {
    const url = service.url!;
    const ok = await request(url, "GET", "/keys", undefined, bearer(await token({ "https://tenor.dev/role": "admin" })));
    expect(ok.status, ok.text).toBe(200);
    expect(fetched).toBeGreaterThan(0);
    // The default claim name means nothing to this service.
    const r = await request(url, "GET", "/keys", undefined, bearer(await token({ tenor_role: "admin" })));
    expectRefused(r, "a role under the default claim name");
    expect(r.json.detail).toBe("the token's https://tenor.dev/role claim must be one of admin, operator, counterparty, counsel, auditor");
  });
});
