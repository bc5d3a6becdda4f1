/**
 * What the browser tests need: the site built once (Vite's build API, the
 * same config as `npm run build`), a static server for dist/playground/
 * on 127.0.0.1 with a random port, and Debian's Chromium driven by
 * playwright-core (never a browser download).
 */
import { createServer } from "node:http";
import type { Server } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import type { Browser, BrowserContext, Page } from "playwright-core";

export const ROOT = fileURLToPath(new URL("../../", import.meta.url));
export const DIST = join(ROOT, "dist", "playground");
export const RESULTS = join(ROOT, "test-results");
export const CHROMIUM = "/usr/bin/chromium";

/** Builds the playground into dist/playground/ with the project's vite.config.ts. */
export async function buildPlayground(): Promise<void> {
  const { build } = await import("vite");
  await build({ configFile: join(ROOT, "vite.config.ts"), mode: "production", logLevel: "error" });
}

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".ttf": "font/ttf",
  ".json": "application/json",
  ".svg": "image/svg+xml",
};

/** A static file server for `root`; resolves with its base URL. */
export async function serveStatic(root: string): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    void (async () => {
      const path = normalize(decodeURIComponent(new URL(req.url ?? "/", "http://localhost").pathname));
      let file = join(root, path);
      if (!file.startsWith(root.endsWith(sep) ? root : root + sep) && file !== root) {
        res.writeHead(403).end();
        return;
      }
      try {
        if ((await stat(file)).isDirectory()) file = join(file, "index.html");
        const body = await readFile(file);
        res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" }).end(body);
      } catch {
        res.writeHead(404).end("not found");
      }
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address !== null ? address.port : 0;
  return { server, url: `http://127.0.0.1:${port}/` };
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
}

/** What the page exposes as `window.tenorPlayground` (playground/app.ts). */
export interface PlaygroundHook {
  readonly version: number;
  readonly appliedVersion: number;
  readonly firstResultAt: number | null;
  readonly latencies: readonly { version: number; applied: number; painted: number; analysis: number }[];
  markers(): { line: number; column: number; endLine: number; endColumn: number; severity: string; code: string; message: string }[];
  source(): string;
  inputsJson(): string;
  ledgerJson(): string | null;
  tokenize(text: string): string[][];
  readonly editor: {
    setPosition(p: { lineNumber: number; column: number }): void;
    focus(): void;
    getModel(): { getLineMaxColumn(line: number): number } | null;
  };
}

declare global {
  interface Window {
    tenorPlayground?: unknown;
  }
}

export interface OpenPage {
  readonly context: BrowserContext;
  readonly page: Page;
  /** Console errors and uncaught exceptions seen so far. */
  readonly errors: string[];
}

/** A fresh context (1280×800) with the page loaded and its first analysis applied. */
export async function openPlayground(browser: Browser, url: string): Promise<OpenPage> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(`console: ${m.text()}`);
  });
  page.on("pageerror", (e) => errors.push(`page: ${e.message}`));
  await page.goto(url);
  await waitForAnalysis(page);
  return { context, page, errors };
}

/** Waits until the page shows the analysis of its current state. */
export async function waitForAnalysis(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const hook = window.tenorPlayground as PlaygroundHook | undefined;
    return hook !== undefined && hook.appliedVersion > 0 && hook.appliedVersion === hook.version;
  }, null, { timeout: 20_000 });
}

/** Puts the editor's cursor at a position and focuses it, ready for real keystrokes. */
export async function placeCursor(page: Page, lineNumber: number, column: number | "end"): Promise<void> {
  await page.evaluate(({ lineNumber, column }) => {
    const hook = window.tenorPlayground as PlaygroundHook;
    const col = column === "end" ? hook.editor.getModel()!.getLineMaxColumn(lineNumber) : column;
    hook.editor.setPosition({ lineNumber, column: col });
    hook.editor.focus();
  }, { lineNumber, column });
}

export function hook<T>(page: Page, f: (hook: PlaygroundHook) => T): Promise<T> {
  return page.evaluate(`(${f.toString()})(window.tenorPlayground)`) as Promise<T>;
}
