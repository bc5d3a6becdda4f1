/**
 * The playground in a real browser (Debian's Chromium, playwright-core):
 * the built site is served from dist/playground/ and driven like a user.
 * On failure a screenshot is written to test-results/.
 */
import { mkdir, readFile, readdir, writeFile } from "node:fs/promises";
import { availableParallelism, loadavg } from "node:os";
import { join } from "node:path";
import type { Server } from "node:http";
import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it, onTestFailed } from "vitest";
import { KEYWORDS } from "../../grammar/tokens.ts";
import { runSource } from "../../src/api.ts";
import { ledgerToCsv } from "../../src/ledger/format-csv.ts";
import { ledgerToJson } from "../../src/ledger/format-json.ts";
import {
  DIST, RESULTS, ROOT, buildPlayground, hook, launchChromium, openPlayground, placeCursor, serveStatic, waitForAnalysis,
} from "./harness.ts";
import type { OpenPage } from "./harness.ts";
import { formatSource } from "../../src/syntax/print.ts";
import { STDLIB } from "../stdlib-options.ts";

let server: Server;
let url: string;
let browser: Browser;
/** One page shared by the tests that leave the state as they found it (page loads are the slow part). */
let shared: OpenPage;
/** Pages opened by the current test, closed after it. */
const opened: OpenPage[] = [];

/** Writes a screenshot of the page to test-results/ if the current test fails. */
function screenshotOnFailure(p: OpenPage): void {
  onTestFailed(async ({ task }) => {
    await mkdir(RESULTS, { recursive: true });
    const name = task.name.replace(/[^A-Za-z0-9]+/g, "-").slice(0, 80);
    await p.page.screenshot({ path: join(RESULTS, `playground-${name}.png`) }).catch(() => undefined);
  });
}

/** A page of its own for this test. */
async function fresh(at = url): Promise<OpenPage> {
  const p = await openPlayground(browser, at);
  opened.push(p);
  screenshotOnFailure(p);
  return p;
}

/** The shared page, on the given example, freshly loaded from the menu. */
async function sharedOn(id = "sharon-dsx"): Promise<OpenPage> {
  screenshotOnFailure(shared);
  const { page } = shared;
  const current = await page.locator("#example").inputValue();
  if (current === id) await page.selectOption("#example", id === "firmus-campus" ? "coreweave-backstop" : "firmus-campus");
  await page.selectOption("#example", id);
  await page.click("#tab-ledger");
  await waitForAnalysis(page);
  return shared;
}

function nodeLedgerJson(id: string, source: string, inputs: string): string {
  const run = runSource(source, [{ name: `${id}.inputs.json`, text: inputs }], STDLIB);
  expect(run.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  return ledgerToJson(run.ledger!);
}

async function example(id: string): Promise<{ source: string; inputs: string }> {
  return {
    source: await readFile(join(ROOT, "examples", `${id}.tenor`), "utf8"),
    inputs: await readFile(join(ROOT, "examples", `${id}.inputs.json`), "utf8"),
  };
}

/** The 1-based line of the first line of `source` containing `text`. */
function lineOf(source: string, text: string): number {
  const i = source.split("\n").findIndex((l) => l.includes(text));
  expect(i, text).toBeGreaterThanOrEqual(0);
  return i + 1;
}

async function downloadText(page: Page, button: string): Promise<string> {
  const [download] = await Promise.all([page.waitForEvent("download"), page.click(button)]);
  const path = await download.path();
  return readFile(path, "utf8");
}

beforeAll(async () => {
  await buildPlayground();
  ({ server, url } = await serveStatic(DIST));
  browser = await launchChromium();
  shared = await openPlayground(browser, url);
}, 120_000);

afterEach(async () => {
  // Every page must run without console errors.
  const errors = [...shared.errors.splice(0), ...opened.flatMap((p) => p.errors)];
  for (const p of opened.splice(0)) await p.context.close();
  expect(errors).toEqual([]);
});

afterAll(async () => {
  await shared?.context.close();
  await browser?.close();
  server?.close();
});

describe("the playground in Chromium", () => {
  it("builds a static site with index.html, relative asset paths and no root monaco-editor bundle", async () => {
    const html = await readFile(join(DIST, "index.html"), "utf8");
    expect(html).toMatch(/src="\.\/assets\/[^"]+\.js"/);
    const assets = await readdir(join(DIST, "assets"));
    expect(assets.some((a) => /^tenor\.worker-.*\.js$/.test(a))).toBe(true);
    // The TypeScript language worker comes only with the root import.
    expect(assets.some((a) => /ts\.worker/.test(a))).toBe(false);
  });

  it("opens on the Sharon example with its ledger and passing tests", async () => {
    const { page } = shared;
    screenshotOnFailure(shared);
    const sharon = await example("sharon-dsx");
    expect(await hook(page, (h) => h.source())).toBe(sharon.source);
    expect(await page.locator("#example").inputValue()).toBe("sharon-dsx");
    await expect.poll(() => page.locator("table.ledger tbody").count()).toBe(72);
    expect(await page.locator("table.ledger tbody[data-period='1'] tr.line td.amount").first().textContent()).toBe("997,425.00");
    expect(await page.locator("table.ledger tbody[data-period='1'] tr.period-row th").textContent()).toBe(
      "Period 1 · 2026-07-01 – 2026-07-31 · contract year 1 · 31 days · payment date 2026-07-31",
    );
    expect(await page.locator("#tab-tests").textContent()).toBe("Tests 8/8");
    expect(await hook(page, (h) => h.markers())).toEqual([]);
  });

  it("marks a typo at its line, and a fix updates the ledger", async () => {
    const { page } = await sharedOn();
    const source = await hook(page, (h) => h.source());
    const line = lineOf(source, "rate = share_rate"); // an argument of the revenue share's `use`
    await placeCursor(page, line, "end");
    await page.keyboard.press("Backspace"); // share_rate → share_rat
    await waitForAnalysis(page);
    const markers = await hook(page, (h) => h.markers());
    expect(markers).toHaveLength(1);
    expect(markers[0]).toMatchObject({ line, severity: "error", code: "TN2001" });
    const lineText = source.split("\n")[line - 1]!;
    expect(markers[0]!.column).toBe(lineText.indexOf("share_rate") + 1);
    expect(markers[0]!.endColumn).toBe(lineText.indexOf("share_rate") + "share_rat".length + 1);
    await expect.poll(() => page.locator(".ledger-panel .banner").isVisible()).toBe(true);

    await page.keyboard.type("e * 2");
    await waitForAnalysis(page);
    expect(await hook(page, (h) => h.markers())).toEqual([]);
    await expect.poll(() => page.locator(".ledger-panel .banner").isVisible()).toBe(false);
    // 6,649,500 × 15% × 2
    expect(await page.locator("table.ledger tbody[data-period='1'] tr.line td.amount").first().textContent()).toBe("1,994,850.00");
  });

  it("restores the source and the inputs from a share link in a fresh page", async () => {
    const { page } = await sharedOn();
    await placeCursor(page, 1, 1);
    await page.keyboard.type("// shared edit\n");
    await page.click("#tab-inputs");
    const cell = page.getByLabel("revenue for 2026-07-01");
    await cell.fill("7000000");
    await waitForAnalysis(page);
    await page.click("#share");
    // The link is written asynchronously (the state is compressed first).
    await expect.poll(() => page.locator("#share-url").inputValue()).toMatch(/#s=[A-Za-z0-9_-]+$/);
    const link = await page.locator("#share-url").inputValue();
    await page.keyboard.press("Escape");
    const source = await hook(page, (h) => h.source());
    const inputs = await hook(page, (h) => h.inputsJson());
    expect(source.startsWith("// shared edit\n")).toBe(true);
    expect(JSON.parse(inputs).periods[0].revenue).toBe("7000000");

    const other = await fresh(link);
    expect(await hook(other.page, (h) => h.source())).toBe(source);
    expect(await hook(other.page, (h) => h.inputsJson())).toBe(inputs);
    // 7,000,000 × 15%
    expect(await other.page.locator("table.ledger tbody[data-period='1'] tr.line td.amount").first().textContent()).toBe("1,050,000.00");
  });

  it("computes every example's ledger byte-identical to the Node ledger (runSource + ledgerToJson)", async () => {
    const { page } = await sharedOn();
    const ids = await page.locator("#example option:not([disabled])").evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
    expect(ids.sort()).toEqual(["coreweave-backstop", "facility-lease-guarantee", "firmus-campus", "lambda-rentback", "sharon-dsx"]);
    for (const id of ids) {
      await page.selectOption("#example", id);
      await waitForAnalysis(page);
      const { source, inputs } = await example(id);
      const expected = nodeLedgerJson(id, source, inputs);
      expect(await hook(page, (h) => h.ledgerJson()), id).toBe(expected);
      expect(await downloadText(page, "#download-json"), id).toBe(expected);
      const run = runSource(source, [{ name: `${id}.inputs.json`, text: inputs }], STDLIB);
      expect(await downloadText(page, "#download-csv"), id).toBe(ledgerToCsv(run.ledger!));
    }
  });

  it("highlights every lexer keyword as a keyword in the real Monaco tokenizer", async () => {
    const { page } = shared;
    const types = await page.evaluate((words) => {
      const h = window.tenorPlayground as { tokenize(text: string): string[][] };
      return words.map((w) => h.tokenize(w)[0]);
    }, [...KEYWORDS]);
    expect(types).toEqual(KEYWORDS.map(() => ["keyword.tenor"]));
  });

  it("explains a ledger line and highlights its clause in the editor", async () => {
    const { page } = await sharedOn();
    await page.getByRole("button", { name: "Revenue share, period 1: show explanation" }).click();
    const trace = page.locator(".trace-panel");
    await expect.poll(() => trace.locator("h3").textContent()).toBe("Revenue share · period 1 (2026-07-01 – 2026-07-31)");
    expect(await trace.locator("table.trace th").allTextContents()).toEqual(["revenue", "share_rate"]);
    expect(await trace.locator("table.trace td.num").allTextContents()).toEqual(["6,649,500", "0.15"]);
    expect(await page.locator(".monaco-editor .clause-highlight").count()).toBeGreaterThan(0);
  });

  it("shows a schedule's rates on hover, goes to its definition and completes declared names", async () => {
    const { page } = await sharedOn();
    const source = await hook(page, (h) => h.source());
    const line = lineOf(source, "rate = share_rate");
    const column = source.split("\n")[line - 1]!.indexOf("share_rate") + 3;
    await placeCursor(page, line, column);
    await page.keyboard.press("Control+k");
    await page.keyboard.press("Control+i");
    const hover = page.locator(".monaco-hover-content");
    await expect.poll(() => hover.textContent()).toContain("schedule share_rate by contract_year, tapering");
    expect(await hover.textContent()).toMatch(/year 1: 15%\s*\(= 0\.15 \(15%\)\)/);
    await page.keyboard.press("Escape");

    await page.keyboard.press("F12");
    const scheduleLine = lineOf(source, "schedule share_rate by contract_year");
    await expect.poll(() => page.evaluate(() => (window.tenorPlayground as { editor: { getPosition(): { lineNumber: number } } }).editor.getPosition().lineNumber)).toBe(scheduleLine);

    await placeCursor(page, line, "end");
    await page.keyboard.type(" + sold_h");
    await page.keyboard.press("Control+Space");
    const rows = page.locator(".suggest-widget .monaco-list-row");
    await expect.poll(() => rows.allTextContents()).toContainEqual(expect.stringContaining("sold_hours"));
    await page.keyboard.press("Escape");
  });

  it("formats the document with the tenor fmt layout (Ctrl+Shift+I on Linux)", async () => {
    const { page } = await sharedOn();
    const source = await hook(page, (h) => h.source());
    const messy = source.replace("use revenue_share", "use   revenue_share").replace(/\n\n/g, "\n\n\n");
    await page.evaluate((text) => (window.tenorPlayground as { editor: { setValue(t: string): void } }).editor.setValue(text), messy);
    await placeCursor(page, 1, 1);
    await page.keyboard.press("Control+Shift+I");
    await expect.poll(() => hook(page, (h) => h.source())).toBe(formatSource(messy).value);
    await waitForAnalysis(page);
    expect(await hook(page, (h) => h.markers())).toEqual([]);
  });

  it("adds and removes events, and the ledger follows", async () => {
    const { page } = await sharedOn();
    const landlord = () => page.locator(".totals li", { hasText: "nvidia → landlord" }).locator(".amount").textContent();
    expect(await landlord()).toBe("19,440,000.00");
    await page.click("#tab-events");
    expect(await page.locator("ol.events > li").count()).toBe(3);
    await page.getByRole("button", { name: "Remove event 1" }).click();
    await waitForAnalysis(page);
    expect(await landlord()).toBe("6,480,000.00");

    await page.getByRole("button", { name: "Add event" }).click();
    await page.getByLabel("Date of event 3").fill("2027-01-10");
    await page.getByLabel("missed_rent of event 3").fill("100");
    await waitForAnalysis(page);
    // An argument is still missing: the loader says so and the ledger stays as it was.
    expect(await hook(page, (h) => JSON.parse(h.inputsJson()).events[2])).toEqual({ date: "2027-01-10", event: "lease_default", missed_rent: "100" });
    expect(await page.locator("#tab-problems").textContent()).toBe("Problems 1");
    await page.click("#tab-problems");
    expect(await page.locator("ul.problems").textContent()).toBe(
      'inputs · error: event 3 (lease_default on 2027-01-10): missing argument "days_uncured" [TN3111]');
    await page.click("#tab-events");
    await page.getByLabel("days_uncured of event 3").fill("31");
    await waitForAnalysis(page);
    expect(await page.locator("#tab-problems").textContent()).toBe("Problems 0");
    expect(await landlord()).toBe("6,480,100.00");
  });

  it("draws payments by clause, each cap against its amount and the schedule's rate", async () => {
    const { page } = await sharedOn();
    await page.click("#tab-charts");
    const charts = page.locator("#panel-charts canvas");
    // One payments chart, three caps (two on the buyback, one on the guarantee), one schedule.
    await expect.poll(() => charts.count()).toBe(5);
    expect(await page.locator("#panel-charts h4").allTextContents()).toEqual([
      "Capacity buyback — cap 40 million USD per contract_year",
      "Capacity buyback — cap 75 million USD over term",
      "Lease guarantee — cap guaranteed over term",
      "share_rate (%)",
    ]);
    expect(await charts.first().getAttribute("aria-label")).toBe("Payments per period, stacked by clause");
    await page.click("#tab-ledger");
  });

  it("is usable with the keyboard: labelled controls, arrow keys between tabs", async () => {
    const { page } = await sharedOn();
    const unlabelled = await page.locator("button, select, input, [role='tab']").evaluateAll((els) =>
      els.filter((e) => !(e.textContent?.trim() || e.getAttribute("aria-label") || (e as HTMLInputElement).labels?.length)).map((e) => e.outerHTML));
    expect(unlabelled).toEqual([]);
    await page.focus("#tab-ledger");
    await page.keyboard.press("ArrowRight");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("tab-english");
    expect(await page.locator("#panel-english").isVisible()).toBe(true);
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("panel-english");
  });

  // The quality bar (first diagnostics < 2 s, keystroke < 100 ms) is measured here and reported in
  // docs/performance.md; wall-clock budgets are not asserted in tests, which share noisy machines.
  it("measures first diagnostics after load and keystroke latency in the largest example", async () => {
    // Fresh loads until one is within budget (at most five): other test files share this machine's cores.
    const firsts: number[] = [];
    while (firsts.length < 5 && !firsts.some((t) => t < 2000)) {
      const p = await fresh();
      firsts.push((await hook(p.page, (h) => h.firstResultAt))!);
      if (opened.length > 1) await opened.shift()!.context.close();
    }
    const { page } = opened[opened.length - 1]!;
    const sizes = await Promise.all(["sharon-dsx", "firmus-campus", "coreweave-backstop"].map(async (id) => (await example(id)).source.length));
    expect(Math.max(...sizes)).toBe((await example("sharon-dsx")).source.length);

    const source = await hook(page, (h) => h.source());
    await placeCursor(page, lineOf(source, "base = revenue"), "end");
    const before = await hook(page, (h) => h.latencies.length);
    const keys = " * 1.0001 + 0 USD";
    for (const key of keys) {
      await page.keyboard.type(key);
      await waitForAnalysis(page);
      await page.waitForTimeout(20);
    }
    const samples = (await hook(page, (h) => h.latencies)).slice(before);
    expect(samples.length).toBeGreaterThanOrEqual(keys.length - 2);
    const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
    const median = (xs: number[]) => sorted(xs)[Math.floor(xs.length / 2)]!;
    const applied = samples.map((s) => s.applied);
    const painted = samples.map((s) => s.painted);
    const analysis = samples.map((s) => s.analysis);
    const loadPerCore = loadavg()[0]! / availableParallelism();
    const figures = {
      measuredAt: "test/playground/playground.test.ts",
      machine: { cores: availableParallelism(), loadPerCore: Math.round(loadPerCore * 100) / 100, },
      firstDiagnosticsMs: firsts.map(Math.round),
      keystrokes: samples.length,
      appliedMs: { median: Math.round(median(applied)), max: Math.round(Math.max(...applied)) },
      paintedMs: { median: Math.round(median(painted)), max: Math.round(Math.max(...painted)) },
      workerAnalysisMs: { median: Math.round(median(analysis)), max: Math.round(Math.max(...analysis)) },
      samples: samples.map((s) => ({ applied: Math.round(s.applied), painted: Math.round(s.painted), analysis: Math.round(s.analysis) })),
    };
    await mkdir(RESULTS, { recursive: true });
    await writeFile(join(RESULTS, "playground-performance.json"), `${JSON.stringify(figures, null, 2)}\n`);
    for (const t of [...firsts, ...applied, ...painted, ...analysis]) expect(Number.isFinite(t) && t > 0).toBe(true);
    // The edit ends valid: the markers are clear and the ledger reflects it.
    expect(await hook(page, (h) => h.markers())).toEqual([]);
  });
});
