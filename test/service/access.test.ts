/**
 * Who may do what, against the real server (issue 18): each role tries
 * each endpoint and is let through exactly where src/service/auth/roles.ts
 * RULES says; a key of deal A does not learn that deal B exists; a revoked
 * key is refused; SQL in every path parameter and string field is only
 * text; nothing but /health and /openapi.json answers without credentials.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACTIONS, RULES, type Action, type Role } from "../../src/service/auth/roles.ts";
import { bearer, partyKey, request, ROOT, startService, tempDataDir, type Reply, type ServiceProcess } from "./service-process.ts";

const SOURCE = readFileSync(join(ROOT, "examples/sharon-dsx.tenor"), "utf8");
const FIRST = "2026-07-01";
const OTHER_UUID = "00000000-0000-4000-8000-000000000000";

/** Every endpoint with a request that reaches its handler only past the checks (an invalid body: nothing is written). */
function endpoints(deal: string): { action: Action; method: string; path: string; body?: unknown }[] {
  return [
    { action: "deal.create", method: "POST", path: "/deals", body: {} },
    { action: "deal.read", method: "GET", path: `/deals/${deal}` },
    { action: "deal.read", method: "GET", path: `/deals/${deal}/periods/${FIRST}` },
    { action: "deal.read", method: "GET", path: `/deals/${deal}/ledger` },
    { action: "deal.read", method: "GET", path: `/deals/${deal}/exposure` },
    { action: "inputs.write", method: "PUT", path: `/deals/${deal}/periods/${FIRST}`, body: {} },
    { action: "events.write", method: "PUT", path: `/deals/${deal}/periods/${FIRST}/events`, body: {} },
    { action: "settle", method: "POST", path: `/deals/${deal}/settle` },
    { action: "settle.many", method: "POST", path: "/settle", body: {} },
    { action: "settle.many", method: "GET", path: "/jobs" },
    { action: "amendment.propose", method: "POST", path: `/deals/${deal}/versions`, body: {} },
    { action: "amendment.approve", method: "POST", path: `/deals/${deal}/proposals/1/approve` },
    { action: "deal.read", method: "GET", path: `/deals/${deal}/proposals` },
    { action: "replay", method: "POST", path: `/deals/${deal}/replay` },
    { action: "keys.manage", method: "GET", path: "/keys" },
    { action: "keys.manage", method: "POST", path: "/keys", body: {} },
    { action: "keys.manage", method: "DELETE", path: "/keys/000000000000" },
  ];
}

function expectProblem(r: Reply, status: number, code: string): void {
  expect(r.status, r.text).toBe(status);
  expect(r.type).toMatch(/^application\/problem\+json/);
  expect(r.json.code).toBe(code);
}

describe("who may do what, on the real server", () => {
  let service: ServiceProcess;
  let url: string;
  const data = tempDataDir();
  let dealA = "";
  let dealB = "";
  const keys = {} as Record<"admin" | "operator" | "counterparty" | "counsel" | "auditor" | "auditorAll", string>;
  const call = (method: string, path: string, body?: unknown, headers?: Record<string, string>) => request(url, method, path, body, headers);

  beforeAll(async () => {
    service = await startService({ data: data.dir });
    url = service.url!;
    const deal = async (key: string) => (await call("POST", "/deals", { source: SOURCE }, { "idempotency-key": key })).json.id as string;
    dealA = await deal("a");
    dealB = await deal("b");
    keys.admin = service.adminKey;
    keys.operator = await partyKey(service, dealA, "operator", "sharon");
    keys.counterparty = await partyKey(service, dealA, "counterparty", "nvidia");
    keys.counsel = await partyKey(service, dealA, "counsel", "landlord");
    keys.auditor = await partyKey(service, dealA, "auditor");
    keys.auditorAll = (await call("POST", "/keys", { role: "auditor" })).json.key;
  }, 120_000);

  afterAll(async () => {
    await service?.stop();
    data.cleanUp();
  });

  it("the matrix covers every action of the rules", () => {
    expect(new Set(endpoints("x").map((e) => e.action))).toEqual(new Set(ACTIONS));
  });

  it.each(["admin", "operator", "counterparty", "counsel", "auditor", "auditorAll"] as const)("a %s key is let through exactly where RULES says", async (who) => {
    const role: Role = who === "auditorAll" ? "auditor" : who;
    for (const e of endpoints(dealA)) {
      const r = await call(e.method, e.path, e.body, bearer(keys[who]));
      if (RULES[e.action].includes(role)) expect([401, 403], `${who} ${e.method} ${e.path}: ${r.text}`).not.toContain(r.status);
      else {
        expectProblem(r, 403, "TN5015");
        expect(r.json.detail).toMatch(new RegExp(`^an? ${role} key may not `));
      }
    }
  }, 120_000);

  it("an operator cannot post the vendor's events: not at the events path (403), nor beside its inputs (403, nothing stored)", async () => {
    const events = [{ date: "2026-07-15", event: "lease_default", missed_rent: "1.00", days_uncured: "45" }];
    const beside = await call("PUT", `/deals/${dealA}/periods/${FIRST}`, { inputs: { revenue: "1.00" }, events }, bearer(keys.operator));
    expectProblem(beside, 403, "TN5015");
    expect(beside.json).toMatchObject({ field: "events", detail: expect.stringMatching(/^events are the counterparty's to post/) });
    expect((await call("GET", `/deals/${dealA}/periods/${FIRST}`)).json.data).toBeNull();
    const at = await call("PUT", `/deals/${dealA}/periods/${FIRST}/events`, { events }, bearer(keys.operator));
    expectProblem(at, 403, "TN5015");
    expect(at.json.detail).toBe("an operator key may not post a period's events (PUT /deals/:id/periods/:start/events)");
    // Nor may the counterparty post the operator's inputs.
    expectProblem(await call("PUT", `/deals/${dealA}/periods/${FIRST}`, { inputs: { revenue: "1.00" } }, bearer(keys.counterparty)), 403, "TN5015");
    expect((await call("GET", `/deals/${dealA}/periods/${FIRST}`)).json.data).toBeNull();
  });

  it("a request replayed with another key is that key's own request: never the first answer, and held to its own rights", async () => {
    // The admin created deal A under Idempotency-Key "a": the same request with another admin's key is a request of its own,
    // answered afresh (another deal), never with the first answer.
    const otherAdmin = (await call("POST", "/keys", { role: "admin" })).json.key as string;
    const replayed = await call("POST", "/deals", { source: SOURCE }, { ...bearer(otherAdmin), "idempotency-key": "a" });
    expect(replayed.status, replayed.text).toBe(201);
    expect(replayed.json.id).not.toBe(dealA);
    expect((await call("POST", "/deals", { source: SOURCE }, { "idempotency-key": "a" })).json.id).toBe(dealA);
    // A proposal replayed by the operator, or by counsel of another deal, is refused as theirs: 403, 404.
    const body = { source: SOURCE.replace("  year 2: 12.5%", "  year 2: 12%"), effective: "2027-09-01" };
    const proposed = await call("POST", `/deals/${dealA}/versions`, body, { ...bearer(keys.counsel), "idempotency-key": "replayed-proposal" });
    expect(proposed.status, proposed.text).toBe(201);
    expectProblem(await call("POST", `/deals/${dealA}/versions`, body, { ...bearer(keys.operator), "idempotency-key": "replayed-proposal" }), 403, "TN5015");
    const counselB = await partyKey(service, dealB, "counsel", "landlord");
    expectProblem(await call("POST", `/deals/${dealA}/versions`, body, { ...bearer(counselB), "idempotency-key": "replayed-proposal" }), 404, "TN5002");
    // Only its own retry gets the first answer.
    const retry = await call("POST", `/deals/${dealA}/versions`, body, { ...bearer(keys.counsel), "idempotency-key": "replayed-proposal" });
    expect([retry.status, retry.text]).toEqual([201, proposed.text]);
    expect((await call("GET", `/deals/${dealA}/proposals`)).json.proposals).toHaveLength(1);
  });

  it("a key of deal A learns nothing of deal B: every deal path answers as for a deal that does not exist", async () => {
    for (const who of ["operator", "counterparty", "counsel", "auditor"] as const) {
      const b = endpoints(dealB).filter((e) => e.path.startsWith("/deals/"));
      const none = endpoints(OTHER_UUID).filter((e) => e.path.startsWith("/deals/"));
      for (const [i, e] of b.entries()) {
        const r = await call(e.method, e.path, e.body, bearer(keys[who]));
        const unknown = await call(none[i]!.method, none[i]!.path, none[i]!.body, bearer(keys[who]));
        expectProblem(r, 404, "TN5002");
        expect(r.text.replaceAll(dealB, OTHER_UUID)).toBe(unknown.text);
        expect(r.json.detail).toBe(`there is no deal ${dealB}`);
      }
    }
    // The admin's answer for an unknown deal is the very same.
    const admin = await call("GET", `/deals/${OTHER_UUID}`);
    expect(admin.text).toBe((await call("GET", `/deals/${OTHER_UUID}`, undefined, bearer(keys.operator))).text);
  });

  it("a revoked key gets 401 at once, and revoking it is in GET /keys", async () => {
    const key = await partyKey(service, dealA, "operator", "sharon");
    expect((await call("GET", `/deals/${dealA}`, undefined, bearer(key))).status).toBe(200);
    const id = key.split("_")[1]!;
    const revoked = await call("DELETE", `/keys/${id}`);
    expect(revoked.status, revoked.text).toBe(200);
    expect(revoked.json).toMatchObject({ id, revoked: true });
    const r = await call("GET", `/deals/${dealA}`, undefined, bearer(key));
    expectProblem(r, 401, "TN5014");
    expect((await call("GET", "/keys")).json.keys).toContainEqual({ id, role: "operator", deal: dealA, party: "sharon", revoked: true });
    expect((await call("GET", "/keys")).text).not.toContain(key.slice("tnr_".length + 12 + 1));
  });

  it("no request without valid credentials gets past /health and /openapi.json", async () => {
    expect((await call("GET", "/health", undefined, { authorization: "" })).status).toBe(200);
    const doc = await call("GET", "/openapi.json", undefined, { authorization: "" });
    expect(doc.status).toBe(200);
    const routes = Object.entries(doc.json.paths as Record<string, Record<string, unknown>>).filter(([path]) => path !== "/health").flatMap(([path, methods]) => Object.keys(methods).map((m) => [m.toUpperCase(), path.replace("{id}", dealA).replace("{start}", FIRST).replace("{keyId}", "000000000000")] as const));
    expect(routes.length).toBeGreaterThan(12);
    const wrong = ["", "Bearer", "Bearer nope", `Basic ${Buffer.from("admin:admin").toString("base64")}`, `Bearer ${service.adminKey.slice(0, -1)}A`, `Bearer tnr_000000000000_${"A".repeat(43)}`, `Bearer ${service.adminKey} x`];
    for (const [method, path] of [...routes, ["GET", "/no-such-path"] as const, ["POST", "/deals/x/nothing"] as const]) {
      for (const authorization of wrong) {
        const r = await call(method, path, method === "GET" || method === "DELETE" ? undefined : { source: SOURCE }, { authorization, "idempotency-key": "anon" });
        expectProblem(r, 401, "TN5014");
        expect(r.json.detail).not.toContain(dealA);
      }
    }
    const r = await call("GET", `/deals/${dealA}`, undefined, { authorization: "" });
    expect(r.text).not.toContain("Sharon");
  }, 120_000);

  it("the 401 names the scheme: WWW-Authenticate: Bearer", async () => {
    const r = await fetch(`${url}/deals`, { method: "POST" });
    expect(r.status).toBe(401);
    expect(r.headers.get("www-authenticate")).toBe("Bearer");
  });

  it("SQL in every path parameter and string field is only text: 4xx, and every table is intact", async () => {
    const snapshot = async () => [await call("GET", `/deals/${dealA}`), await call("GET", `/deals/${dealB}`), await call("GET", "/keys"), await call("GET", `/deals/${dealA}/ledger`)].map((r) => r.text);
    const before = await snapshot();
    const attacks = ["x' OR '1'='1", "1; DROP TABLE tenor_keys; --", `${dealA}' --`, "' UNION SELECT hash FROM tenor_keys --", "%", "\\'; DELETE FROM tenor_audit; --"];
    for (const s of attacks) {
      const p = encodeURIComponent(s);
      const replies = [
        await call("GET", `/deals/${p}`),
        await call("GET", `/deals/${dealA}/periods/${p}`),
        await call("PUT", `/deals/${p}/periods/${FIRST}`, { inputs: {} }, bearer(keys.operator)),
        await call("PUT", `/deals/${dealA}/periods/${p}`, { inputs: { revenue: s } }, bearer(keys.operator)),
        await call("PUT", `/deals/${dealA}/periods/${FIRST}`, { inputs: { [s]: s } }, bearer(keys.operator)),
        await call("PUT", `/deals/${dealA}/periods/${p}/events`, { events: [] }, bearer(keys.counterparty)),
        await call("PUT", `/deals/${dealA}/periods/${FIRST}/events`, { events: [{ date: s, event: s, [s]: s }] }, bearer(keys.counterparty)),
        await call("GET", `/deals/${p}/proposals`),
        await call("POST", `/deals/${dealA}/proposals/${p}/approve`, undefined, bearer(keys.counsel)),
        await call("DELETE", `/keys/${p}`),
        await call("POST", "/keys", { role: s }),
        await call("POST", "/keys", { role: "operator", deal: s, party: "sharon" }),
        await call("POST", "/keys", { role: "operator", deal: dealA, party: s }),
        await call("POST", "/settle", { deals: [s] }),
        await call("GET", `/jobs?jobs=${p}`),
        await call("POST", "/deals", { source: s }, { "idempotency-key": s }),
        await call("POST", `/deals/${dealA}/versions`, { source: s, effective: s }, { ...bearer(keys.counsel), "idempotency-key": s }),
        await call("GET", `/deals/${dealA}/ledger?format=${p}`),
      ];
      for (const r of replies) {
        expect(r.status, r.text).toBeGreaterThanOrEqual(400);
        expect(r.status, r.text).toBeLessThan(500);
      }
    }
    expect(await snapshot()).toEqual(before);
  }, 120_000);
});
