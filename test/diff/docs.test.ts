/** docs/explain.md's `tenor diff` example is what the redline prints for its two versions. */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { diffPrograms, renderDiff } from "../../src/diff/index.ts";
import { check, edit, SHARON, SHARON_DATA } from "./versions.ts";

const DOC = readFileSync(fileURLToPath(new URL("../../docs/explain.md", import.meta.url)), "utf8");
const SECTION = DOC.slice(DOC.indexOf("## tenor diff"));

const EDITS: readonly (readonly [string, string])[] = [
  ["  year 2: 12.5%", "  year 2: 12%"],
  ["term_cap = 75 million USD", "term_cap = 80 million USD"],
  ["// 4. Guarantee fee: 0.5% a year", "// 4. Guarantee fee (unchanged): 0.5% a year"],
];

describe("docs/explain.md, tenor diff", () => {
  it("shows the edits of its worked example", () => {
    const shown = /```diff\n([\s\S]*?)```/.exec(SECTION)![1]!;
    for (const [from, to] of EDITS) {
      expect(shown).toContain(`\n-${from}`);
      expect(shown).toContain(`\n+${to}`);
    }
  });

  it("shows the text that tenor diff prints for its worked example", () => {
    const next = EDITS.reduce((text, [from, to]) => edit(text, from, to), SHARON);
    const shown = /```redline\n([\s\S]*?)```/.exec(SECTION)![1]!;
    expect(renderDiff(diffPrograms(check(SHARON), check(next), SHARON_DATA), "text")).toBe(shown);
  });
});
