/**
 * How the service meets the network, against the real server (issue 18):
 * `--tls-cert`/`--tls-key` serve HTTPS (a self-signed certificate made here
 * with Debian's openssl, trusted by the client as its CA); plain HTTP is
 * refused on an address other machines reach (exit 64) unless `--insecure`
 * says so, and then it warns; a request that trickles in is cut off at
 * `--request-timeout` with 408.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { request as httpsRequest } from "node:https";
import { connect } from "node:net";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bearer, request, ROOT, startService, tempDataDir, type ServiceProcess } from "./service-process.ts";

const CLI = join(ROOT, "bin", "tenor.mjs");

/** A self-signed certificate for localhost and 127.0.0.1, and its key, in `dir`. */
function selfSigned(dir: string): { cert: string; key: string } {
  const cert = join(dir, "cert.pem");
  const key = join(dir, "key.pem");
  try {
    execFileSync("openssl", ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", key, "-out", cert,
      "-days", "2", "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1"], { stdio: "pipe" });
  } catch (e) {
    throw new Error(`these tests make their certificate with openssl (apt-get install -y openssl): ${e instanceof Error ? e.message : String(e)}`);
  }
  return { cert, key };
}

/** One HTTPS request with node:https, trusting `ca` (undefined: the system's CAs only). */
function overTls(url: string, path: string, ca: string | undefined, headers: Record<string, string> = {}): Promise<{ status: number; json: any }> {
  return new Promise((resolve, reject) => {
    const req = httpsRequest(url + path, { method: "GET", headers, ...(ca === undefined ? {} : { ca }) }, (res) => {
      let text = "";
      res.setEncoding("utf8").on("data", (c: string) => (text += c)).on("end", () => resolve({ status: res.statusCode!, json: JSON.parse(text) }));
    });
    req.on("error", reject).end();
  });
}

describe("tenor serve --tls-cert --tls-key", () => {
  let service: ServiceProcess;
  let ca = "";
  let url = "";
  const data = tempDataDir();

  beforeAll(async () => {
    const files = selfSigned(data.dir);
    ca = readFileSync(files.cert, "utf8");
    // With TLS, an address other machines reach is taken without --insecure.
    service = await startService({ data: data.dir, args: ["--host", "0.0.0.0", "--tls-cert", files.cert, "--tls-key", files.key] });
    url = service.url!.replace("0.0.0.0", "127.0.0.1");
  }, 120_000);

  afterAll(async () => {
    await service?.stop();
    data.cleanUp();
  });

  it("answers over HTTPS, to a client that trusts the certificate", async () => {
    expect(service.url).toMatch(/^https:\/\/0\.0\.0\.0:\d+$/);
    expect(service.stderr()).not.toMatch(/warning/);
    const health = await overTls(url, "/health", ca);
    expect(health).toEqual({ status: 200, json: { ok: true, version: expect.any(String), database: "pglite" } });
    const keys = await overTls(url, "/keys", ca, bearer(service.adminKey));
    expect(keys.status).toBe(200);
    expect(keys.json.keys).toHaveLength(1);
  });

  it("is refused by a client that does not trust it, and speaks no plain HTTP", async () => {
    await expect(overTls(url, "/health", undefined)).rejects.toMatchObject({ code: "DEPTH_ZERO_SELF_SIGNED_CERT" });
    await expect(fetch(url.replace("https:", "http:") + "/health")).rejects.toThrow();
  });
});

describe("plain HTTP off this machine", () => {
  const data = tempDataDir();
  afterAll(() => data.cleanUp());

  it.each(["0.0.0.0", "::", "192.0.2.10"])("is refused on %s without TLS or --insecure: exit 64 and why", (host) => {
    const r = spawnSync(process.execPath, [CLI, "serve", "--host", host, "--port", "0", "--data", data.dir], { cwd: ROOT, encoding: "utf8", timeout: 60_000 });
    expect(r.status).toBe(64);
    expect(r.stderr).toBe(`tenor serve: refusing to listen on ${host} without TLS: keys, tokens and terms would cross the network in clear text. `
      + "Give --tls-cert FILE and --tls-key FILE, or listen on 127.0.0.1 behind a reverse proxy that terminates TLS (docs/service.md \"Transport\"), "
      + "or, on a network you trust, --insecure\n");
  });

  it("starts with --insecure, and says on standard error that it is in clear text", async () => {
    const service = await startService({ data: data.dir, args: ["--host", "0.0.0.0", "--insecure"] });
    try {
      expect(service.stderr()).toContain("tenor serve: warning: listening on 0.0.0.0 without TLS (--insecure): keys, tokens and terms cross the network in clear text\n");
      const port = new URL(service.url!).port;
      expect((await request(`http://127.0.0.1:${port}`, "GET", "/health")).status).toBe(200);
    } finally {
      expect(await service.stop()).toBe(0);
    }
  }, 120_000);
});

describe("tenor serve --request-timeout", () => {
  let service: ServiceProcess;
  const data = tempDataDir();

  beforeAll(async () => {
    service = await startService({ data: data.dir, args: ["--request-timeout", "1000"] });
  }, 120_000);

  afterAll(async () => {
    await service?.stop();
    data.cleanUp();
  });

  it("answers 408 and closes a connection whose request trickles in for longer", async () => {
    const { hostname, port } = new URL(service.url!);
    const started = performance.now();
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(port), hostname);
      let got = "";
      socket.setEncoding("utf8").on("data", (c: string) => (got += c)).on("error", reject);
      socket.write("GET /health HTTP/1.1\r\nHost: localhost\r\n");
      // A header line every 200 ms: the socket is never idle, the request never whole.
      const trickle = setInterval(() => socket.write("X-Slow: 1\r\n"), 200);
      socket.on("close", () => {
        clearInterval(trickle);
        resolve(got);
      });
    });
    expect(answer).toMatch(/^HTTP\/1\.1 408 Request Timeout\r\n/);
    expect(performance.now() - started).toBeLessThan(10_000);
    // A request that arrives in time is served as usual.
    expect((await request(service.url!, "GET", "/health")).status).toBe(200);
  });
});
