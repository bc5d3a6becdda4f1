/**
 * `tenor serve` and `tenor replay` as commands: wrong options are usage
 * errors (exit 64) before anything starts; replay reports every deal.
 * The service itself is tested as a process in test/service.
 */
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.ts";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { ROOT, startService, tempDataDir } from "../service/service-process.ts";
import { fakeIo } from "./fake-io.ts";

describe("tenor serve options", () => {
  it.each([
    [["--port", "http"], "--port must be an integer from 0 to 65535, not \"http\""],
    [["--port", "70000"], "--port must be an integer from 0 to 65535, not \"70000\""],
    [["--concurrency", "0"], "--concurrency must be an integer from 1 to 64, not \"0\""],
    [["--body-limit", "1e9"], "--body-limit must be an integer from 1024 to 1073741824, not \"1e9\""],
  ])("refuses %j with exit 64", async (args, message) => {
    const io = fakeIo({});
    expect(await main(["serve", ...args], io)).toBe(64);
    expect(io.err()).toBe(`tenor serve: ${message}\n`);
  });
});

describe("tenor serve on a port in use", () => {
  it("says so and exits 2, its database closed, rather than staying up doing nothing", async () => {
    const first = tempDataDir();
    const second = tempDataDir();
    const running = await startService({ data: first.dir });
    try {
      const port = new URL(running.url!).port;
      const r = spawnSync(process.execPath, [join(ROOT, "bin", "tenor.mjs"), "serve", "--port", port, "--data", second.dir], { encoding: "utf8", timeout: 60_000 });
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/^tenor serve: listen EADDRINUSE: address already in use 127\.0\.0\.1:\d+\n$/);
    } finally {
      await running.stop();
      first.cleanUp();
      second.cleanUp();
    }
  }, 120_000);
});

describe("tenor replay", () => {
  it("replays an empty database: no deal, nothing differs", async () => {
    const data = tempDataDir();
    try {
      const io = fakeIo({});
      expect(await main(["replay", "--data", data.dir], io)).toBe(0);
      expect(io.out()).toBe("0 deals replayed: every stored period is byte-identical\n");
    } finally {
      data.cleanUp();
    }
  }, 60_000);

  it("says so when the database cannot be opened", async () => {
    const io = fakeIo({});
    expect(await main(["replay", "--database", "postgres://nobody@127.0.0.1:1/none"], io)).toBe(2);
    expect(io.err()).toMatch(/^tenor replay: .*ECONNREFUSED/);
  });
});
