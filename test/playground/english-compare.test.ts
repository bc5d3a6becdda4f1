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
import { explainSource } from "../../src/api.ts";
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
