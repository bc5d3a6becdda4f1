import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { PassThrough } from "node:stream";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { settleManyCommand } from "../../src/cli/commands/settle-many.ts";
import type { Io } from "../../src/cli/io.ts";
import { main } from "../../src/cli/main.ts";
import { realIo } from "./fake-io.ts";

const root = resolve(fileURLToPath(new URL("../..", import.meta.url)));
const EXAMPLES = ["sharon-dsx", "coreweave-backstop", "firmus-campus"];


let dir = "";

beforeAll(async () => {
  // settle-many's workers load the bundled worker, as the installed CLI does.
  const { buildWorker } = (await import(join(root, "scripts", "build-cli.mjs"))) as { buildWorker: () => Promise<void> };
  await buildWorker();
  dir = mkdtempSync(join(tmpdir(), "tenor-many-"));
  for (const name of EXAMPLES) {
    const { io } = realIo();
    expect(await main(["compile", join(root, "examples", `${name}.tenor`), "-o", join(dir, `${name}.json`)], io)).toBe(0);
    writeFileSync(join(dir, `${name}.inputs.json`), readFileSync(join(root, "examples", `${name}.inputs.json`), "utf8"));
  }
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("tenor settle-many", () => {
  it("settles every artifact of a directory with its inputs and writes ledgers equal to tenor run's", async () => {
    const out = join(dir, "ledgers");
    mkdirSync(out, { recursive: true });
    const r = realIo();
    expect(await main(["settle-many", dir, "--workers", "2", "--out", out], r.io)).toBe(0);
    expect(r.err()).toBe("");
    expect(r.out()).toMatch(/^settled 3 of 3 deals \(\d+ periods\) in \d+\.\d{2} s with 2 workers: \d+ deals\/s\n$/);
    for (const name of EXAMPLES) {
      const single = realIo();
      await main(["run", join(dir, `${name}.json`), "--inputs", join(dir, `${name}.inputs.json`), "--format", "json"], single.io);
      expect(readFileSync(join(out, `${name}.ledger.json`), "utf8")).toBe(single.out());
    }
  });

  it("takes a manifest, names each failed deal, and exits 2 for bad inputs, 1 for a refused artifact", async () => {
    writeFileSync(join(dir, "bad.inputs.json"), '{"periods":[{"period":"2026-07-01"}]}');
    writeFileSync(join(dir, "tampered.json"), readFileSync(join(dir, "sharon-dsx.json"), "utf8").replace('"0.15"', '"0.25"'));
    const manifest = join(dir, "manifest.json");
    writeFileSync(manifest, JSON.stringify([
      { terms: "sharon-dsx.json", inputs: "sharon-dsx.inputs.json" },
      { terms: "sharon-dsx.json", inputs: "bad.inputs.json", name: "bad" },
    ]));
    const r = realIo();
    expect(await main(["settle-many", manifest, "--workers", "1"], r.io)).toBe(2);
    expect(r.out()).toMatch(/^settled 1 of 2 deals \(72 periods\) in .* with 1 worker: /);
    expect(r.err()).toBe('bad: error: period 2026-07-01: missing value for input "gpus_live" (and 2 more input errors) [TN3101]\n');

    writeFileSync(manifest, JSON.stringify([{ terms: "tampered.json", inputs: "sharon-dsx.inputs.json" }, { terms: "sharon-dsx.json", inputs: "bad.inputs.json" }]));
    const refused = realIo();
    expect(await main(["settle-many", manifest, "-w", "1"], refused.io)).toBe(1);
    expect(refused.err()).toMatch(/^tampered: error: the artifact's IR does not match its hash .*\[TN4004\]\n/);
  });

  it("exits 64 for a missing directory, a bad manifest or a bad worker count", async () => {
    expect(await main(["settle-many", join(dir, "nowhere")], realIo().io)).toBe(64);
    writeFileSync(join(dir, "not-a-manifest.json"), "{}");
    expect(await main(["settle-many", join(dir, "not-a-manifest.json")], realIo().io)).toBe(64);
    expect(await main(["settle-many", dir, "--workers", "0"], realIo().io)).toBe(64);
  });

  it("draws a progress bar only when given a terminal", async () => {
    // A directory of the three deals alone (the tests above left unmatched files in `dir`).
    const deals = join(dir, "deals-only");
    mkdirSync(deals, { recursive: true });
    for (const name of EXAMPLES) {
      for (const f of [`${name}.json`, `${name}.inputs.json`]) writeFileSync(join(deals, f), readFileSync(join(dir, f)));
    }
    // A stream that says it is a terminal, as process.stderr does on one.
    const stream = Object.assign(new PassThrough(), {
      isTTY: true,
      columns: 100,
      cursorTo: (_x: number, _y?: unknown, cb?: () => void) => { cb?.(); return true; },
      clearLine: (_d: number, cb?: () => void) => { cb?.(); return true; },
      moveCursor: (_x: number, _y: number, cb?: () => void) => { cb?.(); return true; },
      clearScreenDown: (cb?: () => void) => { cb?.(); return true; },
    });
    let drawn = "";
    stream.on("data", (b: Buffer) => (drawn += b.toString()));
    const r = realIo();
    expect(await settleManyCommand(r.io, deals, { workers: "1", trace: false }, { stream })).toBe(0);
    expect(drawn).toContain("settling [");
    expect(drawn).toContain("3/3 deals");
    const quiet = realIo();
    expect(await settleManyCommand(quiet.io, deals, { workers: "1", trace: false }, { stream: null })).toBe(0);
    expect(quiet.err()).toBe("");
  });
});
