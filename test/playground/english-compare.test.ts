/**
 * The playground's English tab and Compare mode in a real browser
 * (Debian's Chromium, playwright-core), against what the Node API says of
 * the same text: `explainSource` for the English, two `runSource`s
 * subtracted for the money a change moves.
 */
import { mkdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import type { Server } from "node:http";
import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it, onTestFailed } from "vitest";
import { explainSource, runSource } from "../../src/api.ts";
import { groupDigits } from "../../src/text/group-digits.ts";
import type { Block } from "../../src/explain/document.ts";
import { RESULTS, ROOT, buildPlayground, hook, launchChromium, openPlayground, placeCursor, serveStatic, waitForAnalysis, DIST } from "./harness.ts";
import type { OpenPage } from "./harness.ts";
import { STDLIB } from "../stdlib-options.ts";

let server: Server;
let url: string;
let browser: Browser;
let shared: OpenPage;

const REVENUE_SHARE = "Sharon AI pays NVIDIA Corporation 15% of the revenue in contract year 1, 12.5% in contract year 2, "
  + "10% in contract year 3 and 7.5% in contract year 4 and later (the share rate).";

function screenshotOnFailure(p: OpenPage): void {
  onTestFailed(async ({ task }) => {
    await mkdir(RESULTS, { recursive: true });
    const name = task.name.replace(/[^A-Za-z0-9]+/g, "-").slice(0, 80);
    await p.page.screenshot({ path: join(RESULTS, `english-${name}.png`) }).catch(() => undefined);
  });
}

/** The shared page on an example freshly loaded from the menu, on the given tab. */
async function on(id: string, tab: string): Promise<Page> {
  screenshotOnFailure(shared);
  const { page } = shared;
  if (await page.locator("#example").inputValue() === id) await page.selectOption("#example", id === "firmus-campus" ? "coreweave-backstop" : "firmus-campus");
  await page.selectOption("#example", id);
  await waitForAnalysis(page);
  await page.click(`#tab-${tab}`);
  return page;
}

async function exampleSource(id: string): Promise<string> {
  return readFile(join(ROOT, "examples", `${id}.tenor`), "utf8");
}

/** Every piece of text of the document, in reading order (a list item's own sentence before what is under it). */
function texts(blocks: readonly Block[]): string[] {
  return blocks.flatMap((b) => {
    switch (b.kind) {
      case "heading": case "paragraph": return [b.text];
      case "list": return b.items.flatMap((i) => [i.text, ...texts(i.children)]);
      case "table": return [...b.header, ...b.rows.flat()];
    }
  });
}

/** The same walk over the English tab's DOM. */
function panelTexts(page: Page): Promise<string[]> {
  return page.locator(".english-doc").evaluate((root) =>
    [...root.querySelectorAll("h2, h3, h4, p, li, th, td")].map((e) => (e.tagName === "LI" ? (e.firstChild as Text).data : e.textContent ?? "")));
}

function nodeTexts(source: string): string[] {
  const explained = explainSource(source, STDLIB);
  expect(explained.value).not.toBeNull();
  return texts(explained.value!.blocks);
}

/** Replaces the first `from` in the editor with `to`, typed as a user would (select by cursor, then keys). */
async function retype(page: Page, from: string, to: string): Promise<string> {
  const source = await hook(page, (h) => h.source());
  const lines = source.split("\n");
  const index = lines.findIndex((l) => l.includes(from));
  expect(index, from).toBeGreaterThanOrEqual(0);
  const column = lines[index]!.indexOf(from) + from.length + 1;
  await placeCursor(page, index + 1, column);
  for (let i = 0; i < from.length; i++) await page.keyboard.press("Backspace");
  await page.keyboard.type(to);
  await waitForAnalysis(page);
  const edited = await hook(page, (h) => h.source());
  expect(edited).toBe(source.replace(from, to));
  return edited;
}

beforeAll(async () => {
  await buildPlayground();
  ({ server, url } = await serveStatic(DIST));
  browser = await launchChromium();
  shared = await openPlayground(browser, url);
}, 120_000);

afterEach(() => {
  expect(shared.errors.splice(0)).toEqual([]);
});

afterAll(async () => {
  await shared?.context.close();
  await browser?.close();
  server?.close();
});

describe("the English tab", () => {
  it("shows the Sharon sheet in English, word for word what tenor explain says, with the revenue share at its rates", async () => {
    const page = await on("sharon-dsx", "english");
    expect(await page.locator("#tab-english").getAttribute("aria-selected")).toBe("true");
    expect(await page.locator(".english-doc li", { hasText: "of the revenue in contract year 1" }).first().evaluate((e) => (e.firstChild as Text).data)).toBe(REVENUE_SHARE);
    expect(await panelTexts(page)).toEqual(nodeTexts(await exampleSource("sharon-dsx")));
    expect(await page.locator(".english-doc h2").textContent()).toBe("Sharon AI - DSX AI Factory");
  });

  it("follows an edit of a rate in the editor", async () => {
    const page = await on("sharon-dsx", "english");
    const edited = await retype(page, "year 2: 12.5%", "year 2: 12%");
    expect(await page.locator(".english-doc").textContent()).toContain(
      "Sharon AI pays NVIDIA Corporation 15% of the revenue in contract year 1, 12% in contract year 2, 10% in contract year 3 and 7.5% in contract year 4 and later (the share rate).");
    expect(await page.locator(".english-doc").textContent()).not.toContain("12.5%");
    expect(await panelTexts(page)).toEqual(nodeTexts(edited));
    // An edit made on another tab is drawn when the English tab is shown again.
    await page.click("#tab-ledger");
    const again = await retype(page, "year 3: 10%", "year 3: 9%");
    await page.click("#tab-english");
    expect(await page.locator(".english-doc").textContent()).toContain(
      "Sharon AI pays NVIDIA Corporation 15% of the revenue in contract year 1, 12% in contract year 2, 9% in contract year 3 and 7.5% in contract year 4 and later (the share rate).");
    expect(await panelTexts(page)).toEqual(nodeTexts(again));
  });

  it("keeps the last explanation, dimmed under a banner, while the sheet has errors", async () => {
    const page = await on("sharon-dsx", "english");
    await retype(page, "rate = share_rate", "rate = share_rat");
    expect(await page.locator(".english-panel .banner").textContent()).toBe("The term sheet has errors (see Problems); the explanation shown is the last one made.");
    expect(await page.locator(".english-panel").getAttribute("class")).toContain("stale");
    expect(await page.locator(".english-doc").textContent()).toContain(REVENUE_SHARE);
    await page.keyboard.type("e");
    await waitForAnalysis(page);
    expect(await page.locator(".english-panel .banner").isVisible()).toBe(false);
    expect(await page.locator(".english-panel").getAttribute("class")).not.toContain("stale");
  });

  it("shows markup in the sheet's names as text, never as elements", async () => {
    const page = await on("sharon-dsx", "english");
    const title = `Sharon <img src=x onerror='window.pwned=1'> & <b>co</b>`;
    await retype(page, `deal "Sharon AI - DSX AI Factory"`, `deal "${title}"`);
    expect(await page.locator(".english-doc h2").textContent()).toBe(title);
    expect(await page.locator(".english-doc img, .english-doc b").count()).toBe(0);
    expect(await page.evaluate(() => (window as { pwned?: number }).pwned)).toBeUndefined();
  });
});

/** Exact cents of a ledger amount ("1234.56", two decimals in USD). */
function cents(amount: string): bigint {
  expect(amount).toMatch(/^-?\d+\.\d{2}$/);
  return BigInt(amount.replace(".", ""));
}

function dollars(c: bigint): string {
  const abs = c < 0n ? -c : c;
  const text = `${abs / 100n}.${String(abs % 100n).padStart(2, "0")}`;
  return `$${groupDigits(text)}`;
}

/** What Sharon pays NVIDIA over the term under the revenue share, run in Node (tenor run). */
function revenueShareCents(source: string, inputs: string): bigint {
  const run = runSource(source, [{ name: "sharon-dsx.inputs.json", text: inputs }], STDLIB);
  expect(run.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  let sum = 0n;
  for (const p of run.ledger!.periods) for (const l of p.lines) if (l.clause === "revenue_share") sum += cents(l.amount);
  return sum;
}

async function compareText(page: Page): Promise<string> {
  return (await page.locator(".compare-doc").textContent()) ?? "";
}

describe("Compare mode", () => {
  it("shows the changed rate line and the money delta, to the cent of two Node runs subtracted", async () => {
    const page = await on("sharon-dsx", "compare");
    expect(await page.locator(".compare-status").textContent()).toMatch(/^No version kept\./);
    const original = await hook(page, (h) => h.source());
    const inputs = await hook(page, (h) => h.inputsJson());
    await page.click("#compare-keep");
    await waitForAnalysis(page);
    expect(await page.locator(".compare-status").textContent()).toBe(
      "Comparing with the kept version. The terms are the same as the kept version's; the money is the same on the current inputs.");
    expect(await compareText(page)).toContain("No change: the two versions state the same terms");

    const edited = await retype(page, "year 2: 12.5%", "year 2: 12%");
    const delta = revenueShareCents(edited, inputs) - revenueShareCents(original, inputs);
    expect(delta).toBeLessThan(0n);
    expect(await page.locator(".compare-status").textContent()).toBe(
      "Comparing with the kept version. 1 change in the terms; the money changes on the current inputs.");
    const items = await page.locator(".compare-doc li").evaluateAll((els) => els.map((e) => (e.firstChild as Text).data));
    expect(items).toContain("share_rate: contract year 2 from 12.5% to 12% (used by revenue_share)");
    expect(items).toContain(`Sharon AI pays NVIDIA Corporation ${dollars(delta)} less over the term, all under revenue_share, periods 13–24.`);
    const clauseRow = await page.locator(".compare-doc tr", { hasText: "revenue_share" }).first().locator("td").allTextContents();
    expect(clauseRow[0]).toBe("revenue_share");
    expect(clauseRow[3]).toBe(`-${dollars(delta)}`);
  });

  it("settles the kept version again on edited inputs", async () => {
    const page = await on("sharon-dsx", "compare");
    const original = await hook(page, (h) => h.source());
    await page.click("#compare-keep");
    await waitForAnalysis(page);
    const edited = await retype(page, "year 2: 12.5%", "year 2: 12%");
    await page.click("#tab-inputs");
    await page.getByLabel("revenue for 2027-07-01").fill("100000000");
    await page.getByLabel("revenue for 2027-07-01").press("Tab");
    await waitForAnalysis(page);
    const inputs = await hook(page, (h) => h.inputsJson());
    expect(inputs).toContain("100000000");
    const delta = revenueShareCents(edited, inputs) - revenueShareCents(original, inputs);
    await page.click("#tab-compare");
    const items = await page.locator(".compare-doc li").evaluateAll((els) => els.map((e) => (e.firstChild as Text).data));
    expect(items).toContain(`Sharon AI pays NVIDIA Corporation ${dollars(delta)} less over the term, all under revenue_share, periods 13–24.`);
  });

  it("keeps the last redline dimmed while the sheet has errors, restores the kept version and stops comparing", async () => {
    const page = await on("sharon-dsx", "compare");
    const original = await hook(page, (h) => h.source());
    await page.click("#compare-keep");
    await waitForAnalysis(page);
    await retype(page, "year 2: 12.5%", "year 2: 12%");
    await retype(page, "rate = share_rate", "rate = share_rat");
    expect(await page.locator(".compare-panel .banner").textContent()).toBe("The term sheet has errors (see Problems); the redline shown is the last one made.");
    expect(await page.locator(".compare-panel").getAttribute("class")).toContain("stale");
    expect(await compareText(page)).toContain("share_rate: contract year 2 from 12.5% to 12% (used by revenue_share)");
    expect(await page.locator("#compare-keep").isDisabled()).toBe(true);

    await page.click("#compare-restore");
    await waitForAnalysis(page);
    expect(await hook(page, (h) => h.source())).toBe(original);
    expect(await page.locator(".compare-panel .banner").isVisible()).toBe(false);
    expect(await compareText(page)).toContain("No change: the two versions state the same terms");

    await page.click("#compare-stop");
    await waitForAnalysis(page);
    expect(await page.locator(".compare-status").textContent()).toMatch(/^No version kept\./);
    expect(await compareText(page)).toBe("");
    expect(await page.locator("#compare-restore").isDisabled()).toBe(true);
  });
});
