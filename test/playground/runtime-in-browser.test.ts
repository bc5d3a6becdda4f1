/**
 * `tenor/runtime` is the same code in a browser: the bundle services import
 * (dist/runtime.mjs, hashing by @noble/hashes, no node:crypto) loads in
 * Chromium, verifies a compiled artifact, refuses a tampered one, and
 * settles the ledger Node settles, byte for byte.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import type { Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compileSource } from "../../src/api.ts";
import { artifactText } from "../../src/compile/artifact.ts";
import { loadTerms, settle } from "../../src/runtime/index.ts";
import { STDLIB } from "../stdlib-options.ts";
import { ROOT, launchChromium, serveStatic } from "./harness.ts";

let dir = "";
let server: Server | undefined;
let url = "";
let browser: Browser | undefined;
let artifact = "";
let inputs = "";

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "tenor-runtime-browser-"));
  const { buildRuntimeBundle } = (await import(join(ROOT, "scripts", "build-runtime.mjs"))) as {
    buildRuntimeBundle: (outfile?: string) => Promise<unknown>;
  };
  await buildRuntimeBundle(join(dir, "runtime.mjs"));
  artifact = artifactText(compileSource(readFileSync(join(ROOT, "examples", "sharon-dsx.tenor"), "utf8"), STDLIB).value!);
  inputs = readFileSync(join(ROOT, "examples", "sharon-dsx.inputs.json"), "utf8");
  writeFileSync(join(dir, "index.html"), "<!doctype html><title>tenor/runtime</title>");
  ({ server, url } = await serveStatic(dir));
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  server?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("tenor/runtime in Chromium", () => {
  it("verifies an artifact, refuses a tampered one and settles the ledger Node settles", async () => {
    const page = await browser!.newPage();
    await page.goto(url);
    // A script text: vitest rewrites import() inside functions it compiles, and this one must run in the page as written.
    const result = (await page.evaluate(`(async () => {
      const runtime = await import("./runtime.mjs");
      const artifact = ${JSON.stringify(artifact)};
      const terms = runtime.loadTerms(artifact);
      let refused = "";
      try {
        runtime.loadTerms(artifact.replace('"0.15"', '"0.05"'));
      } catch (e) {
        refused = e instanceof runtime.TenorError ? e.code : "other";
      }
      return { irSha256: terms.irSha256, ledger: JSON.stringify(runtime.settle(terms, ${JSON.stringify(inputs)})), refused };
    })()`)) as { irSha256: string; ledger: string; refused: string };
    await page.close();
    const terms = loadTerms(artifact);
    expect(result.irSha256).toBe(terms.irSha256);
    expect(result.refused).toBe("TN4004");
    expect(result.ledger).toBe(JSON.stringify(settle(terms, inputs)));
  });
});
