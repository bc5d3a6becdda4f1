/**
 * The security options of `tenor serve` are checked before anything
 * starts (src/cli/commands/serve-security.ts): each wrong one is exit 64
 * with a line that says what to give instead.
 */
import { exportJWK, generateKeyPair } from "jose";
import { beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_CLAIMS, securityOptions, type SecurityCliOptions } from "../../src/cli/commands/serve-security.ts";
import { main } from "../../src/cli/main.ts";
import { isLoopback, PLAIN } from "../../src/service/http/transport.ts";
import { fakeIo } from "./fake-io.ts";

let publicSet = "";
let privateSet = "";

beforeAll(async () => {
  const pair = await generateKeyPair("ES256", { extractable: true });
  publicSet = JSON.stringify({ keys: [{ ...(await exportJWK(pair.publicKey)), kid: "k1" }] });
  privateSet = JSON.stringify({ keys: [{ ...(await exportJWK(pair.privateKey)), kid: "k1" }] });
});

const files = () => ({ "jwks.json": publicSet, "private.json": privateSet, "notjson.json": "{", "empty.json": '{"keys": []}', "cert.pem": "not a certificate", "key.pem": "nor a key" });
const options = (o: SecurityCliOptions, host = "127.0.0.1", listens = true) => securityOptions(fakeIo(files()), host, listens, o);

describe("tenor serve's security options", () => {
  it("default to plain HTTP on loopback, the default timeout, no rate limit, no tokens", async () => {
    expect(await options({})).toEqual({ transport: PLAIN, warning: null });
    expect(PLAIN.requestTimeoutMs).toBe(120_000);
  });

  it("take a JWKS file with its issuer and audience, and the default claim names", async () => {
    const s = await options({ jwks: "jwks.json", jwtIssuer: "https://idp.example", jwtAudience: "tenor" });
    expect(s.jwt).toEqual({ jwks: JSON.parse(publicSet), issuer: "https://idp.example", audience: "tenor", roleClaim: "tenor_role", dealClaim: "tenor_deal", partyClaim: "tenor_party" });
    expect(DEFAULT_CLAIMS).toEqual({ role: "tenor_role", deal: "tenor_deal", party: "tenor_party" });
  });

  it("take claim names, any of them, and an https JWKS URL", async () => {
    const s = await options({ jwks: "https://idp.example/.well-known/jwks.json", jwtIssuer: "i", jwtAudience: "a", jwtClaims: "party=org,role=https://x/role" });
    expect(s.jwt).toEqual({ jwks: new URL("https://idp.example/.well-known/jwks.json"), issuer: "i", audience: "a", roleClaim: "https://x/role", dealClaim: "tenor_deal", partyClaim: "org" });
  });

  it("take TLS-less listening off this machine with --insecure, with a warning; a worker listens nowhere", async () => {
    expect((await options({ insecure: true }, "0.0.0.0")).warning).toBe("tenor serve: warning: listening on 0.0.0.0 without TLS (--insecure): keys, tokens and terms cross the network in clear text");
    expect((await options({ insecure: true })).warning).toBeNull();
    expect((await options({}, "0.0.0.0", false)).warning).toBeNull();
  });

  it("take limits and trusted proxies", async () => {
    const s = await options({ rateLimit: "600", requestTimeout: "5000", trustProxy: "loopback, 10.0.0.0/8,::1" });
    expect(s.transport).toEqual({ tls: null, requestTimeoutMs: 5000, rateLimit: 600, trustProxy: "loopback,10.0.0.0/8,::1" });
  });

  it.each<[SecurityCliOptions, string]>([
    [{ tlsCert: "cert.pem" }, "--tls-cert and --tls-key go together: the certificate (PEM, with its chain) and its private key (PEM)"],
    [{ tlsCert: "missing.pem", tlsKey: "key.pem" }, "--tls-cert missing.pem: no such file"],
    [{ jwks: "jwks.json", jwtIssuer: "i" }, "--jwks needs --jwt-issuer ISS and --jwt-audience AUD: a token is taken only from that issuer, for this service"],
    [{ jwtAudience: "a" }, "--jwt-audience needs --jwks: the identity provider's signing keys"],
    [{ jwks: "private.json", jwtIssuer: "i", jwtAudience: "a" }, "--jwks private.json holds a private key (\"d\"): give the identity provider's public keys only"],
    [{ jwks: "empty.json", jwtIssuer: "i", jwtAudience: "a" }, "--jwks empty.json must be a JSON Web Key Set: {\"keys\": [ … ]} with at least one key"],
    [{ jwks: "http://idp.example/jwks", jwtIssuer: "i", jwtAudience: "a" }, "--jwks http://idp.example/jwks: the keys must come over https (http only from this machine), or from a file"],
    [{ jwks: "jwks.json", jwtIssuer: "i", jwtAudience: "a", jwtClaims: "subject=sub" }, "--jwt-claims takes role=CLAIM,deal=CLAIM,party=CLAIM (any of them), not \"subject=sub\""],
    [{ rateLimit: "-1" }, "--rate-limit must be an integer from 0 to 1000000, not \"-1\""],
    [{ requestTimeout: "10" }, "--request-timeout must be an integer from 1000 to 3600000, not \"10\""],
    [{ trustProxy: "everyone" }, "--trust-proxy takes addresses, CIDR ranges or loopback, linklocal, uniquelocal, separated by commas; not \"everyone\""],
    [{ trustProxy: "10.0.0.0/33" }, "--trust-proxy takes addresses, CIDR ranges or loopback, linklocal, uniquelocal, separated by commas; not \"10.0.0.0/33\""],
  ])("refuse %j", async (o, message) => {
    await expect(options(o)).rejects.toThrow(message);
  });

  it("refuse a certificate and key that are not PEM, before the service starts", async () => {
    await expect(options({ tlsCert: "cert.pem", tlsKey: "key.pem" })).rejects.toThrow(/^--tls-cert cert\.pem and --tls-key key\.pem are not a certificate and its key: /);
  });

  it("end tenor serve with exit 64 and the line, before the database is opened", async () => {
    const io = fakeIo({});
    expect(await main(["serve", "--jwks", "nowhere.json", "--jwt-issuer", "i", "--jwt-audience", "a", "--data", "/nonexistent/never-made"], io)).toBe(64);
    expect(io.err()).toBe("tenor serve: --jwks nowhere.json: no such file\n");
  });
});

describe("loopback addresses", () => {
  it.each(["127.0.0.1", "127.8.9.10", "::1", "[::1]", "localhost", "LOCALHOST", "::ffff:127.0.0.1"])("%s reaches only this machine", (host) => {
    expect(isLoopback(host)).toBe(true);
  });
  it.each(["0.0.0.0", "::", "10.0.0.1", "128.0.0.1", "::2", "tenor.example", "localhost.example", "::ffff:10.0.0.1"])("%s may reach others", (host) => {
    expect(isLoopback(host)).toBe(false);
  });
});
