/** Term sheets for the language server's tests, and positions in them as the protocol counts them. */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Position } from "vscode-languageserver-protocol/node";
import { ROOT } from "./client.ts";

export const SHARON = readFileSync(join(ROOT, "examples", "sharon-dsx.tenor"), "utf8");
export const SHARON_INPUTS = readFileSync(join(ROOT, "examples", "sharon-dsx.inputs.json"), "utf8");

/** A new temporary folder holding `files` (name → text). */
export function folderWith(files: Readonly<Record<string, string>>): string {
  const dir = mkdtempSync(join(tmpdir(), "tenor-lsp-"));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

export function uriOf(dir: string, name: string): string {
  return pathToFileURL(join(dir, name)).href;
}

/** 0-based line and UTF-16 character of the `nth` occurrence of `needle` in `text`, moved `delta` characters on. */
export function positionOf(text: string, needle: string, delta = 0, nth = 0): Position {
  let at = -1;
  for (let i = 0; i <= nth; i++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`${JSON.stringify(needle)} occurs fewer than ${nth + 1} times`);
  }
  const offset = at + delta;
  const before = text.slice(0, offset);
  const line = before.split("\n").length - 1;
  return { line, character: offset - (before.lastIndexOf("\n") + 1) };
}

export const SMALL = `deal "Small"

parties {
  operator: "AI cloud operator"
  vendor: "GPU vendor"
}

term 2026-01-01 to 2026-06-30, quarterly
currency USD

input revenue: USD

const share = 10%

clause revenue_share "Revenue share" {
  operator pays vendor revenue * share
}
`;
