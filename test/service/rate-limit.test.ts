/**
 * `--rate-limit N`, against the real server (issue 18): each key gets N
 * requests a minute, then 429 TN5016 with Retry-After, while other keys
 * keep their own budgets; requests refused at authentication count
 * against the client's address, which past N is refused before its key is
 * even looked at. Behind a trusted proxy (--trust-proxy) the address is
 * the one X-Forwarded-For names; otherwise that header changes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startService, tempDataDir, type ServiceProcess } from "./service-process.ts";

interface Answer {
  readonly status: number;
  readonly type: string;
  readonly retryAfter: string | null;
  readonly json: any;
}

async function get(url: string, path: string, headers: Record<string, string>): Promise<Answer> {
  const r = await fetch(url + path, { headers });
  return { status: r.status, type: r.headers.get("content-type") ?? "", retryAfter: r.headers.get("retry-after"), json: await r.json() };
}

const as = (key: string, more: Record<string, string> = {}) => ({ authorization: `Bearer ${key}`, ...more });
/** A key of the right shape that the service never made. */
const GUESS = `tnr_${"0".repeat(12)}_${"A".repeat(43)}`;

function expectTooMany(r: Answer, whose: "key" | "address", max: number): void {
  expect(r.status).toBe(429);
  expect(r.type).toMatch(/^application\/problem\+json/);
  expect(r.json).toMatchObject({ status: 429, code: "TN5016", title: "Too many requests" });
  expect(r.json.detail).toMatch(new RegExp(`^more than ${max} requests a minute from this ${whose}: retry in \\d+ s$`));
  expect(Number(r.retryAfter)).toBeGreaterThanOrEqual(1);
  expect(Number(r.retryAfter)).toBeLessThanOrEqual(60);
}

describe("tenor serve --rate-limit 5", () => {
  let service: ServiceProcess;
  let url = "";
  let other = "";
  const data = tempDataDir();

  beforeAll(async () => {
    service = await startService({ data: data.dir, args: ["--rate-limit", "5"] });
    url = service.url!;
    const r = await fetch(url + "/keys", { method: "POST", headers: { ...as(service.adminKey), "content-type": "application/json" }, body: JSON.stringify({ role: "admin" }) });
    other = ((await r.json()) as { key: string }).key;
  }, 120_000);

  afterAll(async () => {
    await service?.stop();
    data.cleanUp();
  });

  it("answers the 6th request of one key in a minute 429 TN5016 with Retry-After, while another key still gets through", async () => {
    // The first of the admin's five was the POST /keys above.
    for (let i = 2; i <= 5; i++) expect((await get(url, "/keys", as(service.adminKey))).status, `request ${i}`).toBe(200);
    expectTooMany(await get(url, "/keys", as(service.adminKey)), "key", 5);
    expectTooMany(await get(url, "/deals/x", as(service.adminKey)), "key", 5);
    const theOther = await get(url, "/keys", as(other));
    expect(theOther.status).toBe(200);
    expect(theOther.json.keys).toHaveLength(2);
  });

  it("counts refused keys against the address, and past 5 refuses the address before authentication; X-Forwarded-For of an untrusted client changes nothing", async () => {
    for (let i = 1; i <= 5; i++) {
      const r = await get(url, "/keys", as(GUESS));
      expect([r.status, r.json.code], `guess ${i}`).toEqual([401, "TN5014"]);
    }
    expectTooMany(await get(url, "/keys", as(GUESS)), "address", 5);
    // Before authentication even a good key from this address waits (its budget cannot be told before its key is checked).
    expectTooMany(await get(url, "/keys", as(other)), "address", 5);
    expectTooMany(await get(url, "/keys", as(GUESS, { "x-forwarded-for": "203.0.113.9" })), "address", 5);
  });
});

describe("tenor serve --rate-limit 2 --trust-proxy 127.0.0.1", () => {
  let service: ServiceProcess;
  const data = tempDataDir();

  beforeAll(async () => {
    service = await startService({ data: data.dir, args: ["--rate-limit", "2", "--trust-proxy", "127.0.0.1"] });
  }, 120_000);

  afterAll(async () => {
    await service?.stop();
    data.cleanUp();
  });

  it("counts each client the proxy names on its own", async () => {
    const url = service.url!;
    const mallory = { "x-forwarded-for": "198.51.100.1" };
    for (let i = 1; i <= 2; i++) expect((await get(url, "/keys", as(GUESS, mallory))).status).toBe(401);
    expectTooMany(await get(url, "/keys", as(GUESS, mallory)), "address", 2);
    expect((await get(url, "/keys", as(service.adminKey, { "x-forwarded-for": "198.51.100.2" }))).status).toBe(200);
  });
});
