/**
 * Golden explanations: every example and every stdlib file (its templates
 * and its demonstration deal) explained as text, compared with
 * test/explain/golden/NAME.txt, which were read as a lawyer reads them.
 * The Sharon AI sheet is kept in markdown and html too.
 * `UPDATE_GOLDEN=1 npx vitest run test/explain` rewrites them after a
 * deliberate change (then read the diff).
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { explainSource } from "../../src/api.ts";
import { renderExplanation, type ExplainFormat } from "../../src/explain/index.ts";
import { fileOptions } from "../stdlib-options.ts";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const GOLDEN = fileURLToPath(new URL("./golden/", import.meta.url));
const SHEETS = [
  ...readdirSync(`${ROOT}examples`).filter((f) => f.endsWith(".tenor")).map((f) => `examples/${f}`),
  ...readdirSync(`${ROOT}stdlib`).filter((f) => f.endsWith(".tenor")).map((f) => `stdlib/${f}`),
].sort();

function explain(path: string, format: ExplainFormat): string {
  const result = explainSource(readFileSync(`${ROOT}${path}`, "utf8"), fileOptions(`${ROOT}${path}`));
  expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  return renderExplanation(result.value!, format);
}

function golden(name: string, actual: string): void {
  const file = `${GOLDEN}${name}`;
  if (process.env.UPDATE_GOLDEN === "1" || !existsSync(file)) writeFileSync(file, actual);
  expect(actual).toBe(readFileSync(file, "utf8"));
}

describe("tenor explain golden files", () => {
  it("covers eleven stdlib files and five examples", () => {
    expect(SHEETS.filter((s) => s.startsWith("stdlib/"))).toHaveLength(11);
    expect(SHEETS.filter((s) => s.startsWith("examples/"))).toHaveLength(5);
  });

  for (const path of SHEETS) {
    const name = path.replace("/", "-").replace(/\.tenor$/, "");
    it(`explains ${path} as its golden text`, () => golden(`${name}.txt`, explain(path, "text")));
  }

  it("explains the Sharon AI sheet as its golden markdown and html", () => {
    golden("examples-sharon-dsx.md", explain("examples/sharon-dsx.tenor", "markdown"));
    golden("examples-sharon-dsx.html", explain("examples/sharon-dsx.tenor", "html"));
  });

  it("names every template a stdlib file declares in that file's explanation", () => {
    for (const path of SHEETS.filter((s) => s.startsWith("stdlib/"))) {
      const source = readFileSync(`${ROOT}${path}`, "utf8");
      const names = [...source.matchAll(/^template (?:clause|schedule|const) (\w+)/gm)].map((m) => m[1]!);
      expect(names.length).toBeGreaterThan(0);
      const text = explain(path, "text");
      for (const n of names) expect(text, `${path}: ${n}`).toContain(`\n${n}`);
    }
  });
});
