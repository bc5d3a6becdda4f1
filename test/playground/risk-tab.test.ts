/**
 * The playground's Risk tab in real Chromium: the bound table the analysis
 * worker computes (tenor bound, docs/risk.md) for the CoreWeave backstop,
 * the same figures as the CLI's. Built into a directory of its own, so it
 * runs beside the other browser tests without sharing dist/playground/.
 */
import { mkdtempSync, rmSync } from "node:fs";
import type { Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT, launchChromium, openPlayground, serveStatic, waitForAnalysis, type OpenPage } from "./harness.ts";

let dir: string;
let server: Server;
let browser: Browser;
let open: OpenPage;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "tenor-risk-tab-"));
  const { build } = await import("vite");
  await build({ configFile: join(ROOT, "vite.config.ts"), mode: "production", logLevel: "error", build: { outDir: dir, emptyOutDir: true } });
  const served = await serveStatic(dir);
  server = served.server;
  browser = await launchChromium();
  open = await openPlayground(browser, served.url);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await new Promise<void>((resolve) => (server === undefined ? resolve() : server.close(() => resolve())));
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
});

describe("the playground's Risk tab", () => {
  it("shows the CoreWeave backstop's bound per clause, over the term and per contract year", async () => {
    const { page } = open;
    await page.selectOption("#example", "coreweave-backstop");
    await waitForAnalysis(page);
    await page.click("#tab-risk");
    const table = page.locator("#panel-risk table.bound");
    await table.waitFor();
    const rows = await table.locator("tbody tr").evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => (c.textContent ?? "").trim())));
    // 6.3 billion over the term (order value), 1 billion in each of 7 contract years;
    // the rent-back 23 × 27,083,333.33 = 622,916,666.59, 12 of them in year 1.
    expect(rows[0]).toEqual(["Residual capacity purchase", "", "6,300,000,000.00", ...Array(7).fill("1,000,000,000.00")]);
    expect(rows[1]).toEqual(["", "nvidia → coreweave", "6,300,000,000.00", ...Array(7).fill("1,000,000,000.00")]);
    expect(rows[2]!.slice(0, 5)).toEqual(["Capacity rented back", "", "622,916,666.59", "324,999,999.96", "297,916,666.63"]);
    expect(open.errors).toEqual([]);
  }, 60_000);

  it("marks an unbounded clause and says why", async () => {
    const { page } = open;
    await page.selectOption("#example", "sharon-dsx");
    await waitForAnalysis(page);
    await page.click("#tab-risk");
    await expect.poll(() => page.locator("#panel-risk tr.clause[data-clause=revenue_share] td.unbounded").count()).toBeGreaterThan(0);
    expect(await page.locator("#panel-risk .bound-reasons").textContent()).toContain("Revenue share: revenue has no declared upper bound");
  }, 60_000);
});
