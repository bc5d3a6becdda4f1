/**
 * Chromium = Node: the simulation library, bundled for the browser (no Node
 * built-ins: esbuild's browser platform refuses any), runs in real Chromium
 * and prints, for one seed, the JSON Node prints, byte for byte.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import type { Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build } from "esbuild";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { planModel, reportJson, simulate } from "../../src/risk/simulate/index.ts";
import { loadTerms } from "../../src/runtime/load-terms.ts";
import { ROOT, launchChromium, serveStatic } from "../playground/harness.ts";
import { artifactOf, POISSON_CAP } from "./simulate-helpers.ts";

/** Every kind of draw: a uniform input, a correlated walk and a mean-reverting fraction, Poisson events with a payload. */
const DEAL = POISSON_CAP.replace("event hit(amount: USD)", `event hit(amount: USD)
input capacity: USD in 0 USD .. 1000 USD
input used: USD
input price: USD`).replace('clause per_hit "Per event" {', `clause usage "Usage" {
  a pays b used + price
  cap 9000 USD over term
}

clause per_hit "Per event" {`);

const MODEL = JSON.stringify({
  inputs: {
    used: { path: "mean_reverting", of: "capacity", start: "0.5", mean: "0.7", speed: "0.3", step: "0.2" },
    price: { path: "random_walk", start: "100", step: "20", low: "50", high: "150" },
  },
  correlations: [{ inputs: ["used", "price"], weight: "0.6" }],
  events: { hit: { rate: "0.7", args: { amount: { low: "0.50", high: "2.00" } } } },
});

let dir = "";
let server: Server | undefined;
let url = "";
let browser: Browser | undefined;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "tenor-simulate-browser-"));
  writeFileSync(join(dir, "entry.ts"), `export { loadTerms } from ${JSON.stringify(join(ROOT, "src", "runtime", "load-terms.ts"))};\n` +
    `export { planModel, simulate, reportJson } from ${JSON.stringify(join(ROOT, "src", "risk", "simulate", "index.ts"))};\n`);
  await build({ entryPoints: [join(dir, "entry.ts")], bundle: true, format: "esm", platform: "browser", outfile: join(dir, "simulate.mjs"), logLevel: "silent" });
  writeFileSync(join(dir, "index.html"), "<!doctype html><title>tenor simulate</title>");
  ({ server, url } = await serveStatic(dir));
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  server?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("tenor simulate in Chromium", () => {
  it("prints for seed 31 the JSON Node prints, byte for byte", async () => {
    const artifact = artifactOf(DEAL);
    const terms = loadTerms(artifact);
    const node = reportJson(simulate(terms.program, planModel(terms.program, MODEL).value!, { scenarios: 300, seed: 31 }));
    const page = await browser!.newPage();
    await page.goto(url);
    // A script text: vitest rewrites import() inside functions it compiles, and this one must run in the page as written.
    const chromium = (await page.evaluate(`(async () => {
      const lib = await import("./simulate.mjs");
      const terms = lib.loadTerms(${JSON.stringify(artifact)});
      const plan = lib.planModel(terms.program, ${JSON.stringify(MODEL)});
      return lib.reportJson(lib.simulate(terms.program, plan.value, { scenarios: 300, seed: 31 }));
    })()`)) as string;
    expect(chromium).toBe(node);
    const report = JSON.parse(node) as { clauses: { clause: string; total: { max: string } }[] };
    expect(report.clauses.map((c) => c.clause)).toEqual(["usage", "per_hit"]);
    expect(report.clauses[1]!.total.max).not.toBe("0.00");
  }, 60_000);
});
