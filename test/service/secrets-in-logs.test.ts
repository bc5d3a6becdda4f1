/**
 * `--log` writes pino JSON lines on standard error, and no secret ever
 * gets into them (issue 18), against the real server: not the key in
 * Authorization, not a key created over POST /keys, not a key or token a
 * client put in a URL. The request lines are there, with who asked.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { request, startService, tempDataDir, type ServiceProcess } from "./service-process.ts";

describe("tenor serve --log", () => {
  let service: ServiceProcess;
  const data = tempDataDir();

  beforeAll(async () => {
    service = await startService({ data: data.dir, args: ["--log"] });
  }, 120_000);

  afterAll(async () => {
    await service?.stop();
    data.cleanUp();
  });

  /** Every JSON line on standard error, once `completed` requests are logged as completed (the line may follow the answer). */
  async function logLines(completed: number): Promise<Record<string, any>[]> {
    const lines = () => service.stderr().split("\n").filter((l) => l.startsWith("{")).map((l) => JSON.parse(l) as Record<string, any>);
    for (let i = 0; i < 100 && lines().filter((l) => l.msg === "request completed").length < completed; i++) await new Promise((r) => setTimeout(r, 50));
    return lines();
  }

  it("logs each request with its method, URL and principal, and never a key or token", async () => {
    const url = service.url!;
    const adminId = service.adminKey.split("_")[1]!;
    const created = await request(url, "POST", "/keys", { role: "auditor" });
    expect(created.status).toBe(201);
    const auditorKey: string = created.json.key;
    expect((await request(url, "GET", "/keys", undefined, { authorization: `Bearer ${auditorKey}` })).status).toBe(403);
    const jwtLike = "eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJl";
    expect((await request(url, "GET", "/keys", undefined, { authorization: `Bearer ${jwtLike}` })).status).toBe(401);
    expect((await request(url, "GET", `/deals/x?key=${service.adminKey}&t=${jwtLike}`)).status).toBe(404);

    const lines = await logLines(4);
    const err = service.stderr();
    for (const secret of [service.adminKey, auditorKey, auditorKey.split("_").slice(2).join("_"), service.adminKey.split("_").slice(2).join("_"), jwtLike]) {
      expect(err).not.toContain(secret);
    }
    const incoming = lines.filter((l) => l.msg === "incoming request").map((l) => l.req);
    expect(incoming.map((r) => `${r.method} ${r.url}`)).toEqual([
      "POST /keys",
      "GET /keys",
      "GET /keys",
      `GET /deals/x?key=tnr_${adminId}_[redacted]&t=[redacted]`,
    ]);
    expect(incoming.map((r) => r.headers.authorization)).toEqual(["Bearer [redacted]", "Bearer [redacted]", "Bearer [redacted]", "Bearer [redacted]"]);
    const completed = lines.filter((l) => l.msg === "request completed").map((l) => l.res);
    expect(completed).toEqual([
      { statusCode: 201, principal: adminId, role: "admin" },
      { statusCode: 403, principal: auditorKey.split("_")[1], role: "auditor" },
      { statusCode: 401 },
      { statusCode: 404, principal: adminId, role: "admin" },
    ]);
  });
});
