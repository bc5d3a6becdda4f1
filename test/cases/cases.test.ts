/**
 * Baseline tests in the style of the TypeScript compiler: every case file
 * under test/cases/<phase>/ is checked, run or tested (see case-files.ts)
 * and its output compared with <name>.baseline.txt, byte for byte.
 *
 * To (re)write the baselines after a deliberate change:
 *
 *   UPDATE_BASELINES=1 npx vitest run test/cases
 *
 * then read every changed baseline (git diff) before keeping it: a baseline
 * is only as right as the person who accepted it.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { CHECK } from "../../src/diagnostics/codes/check.ts";
import { INPUT } from "../../src/diagnostics/codes/input.ts";
import { PARSE } from "../../src/diagnostics/codes/parse.ts";
import { RUN } from "../../src/diagnostics/codes/run.ts";
import { findCases, renderCase } from "./case-files.ts";
import { UNCOVERABLE_CODES } from "./uncoverable-codes.ts";

const root = dirname(fileURLToPath(import.meta.url));
const update = process.env["UPDATE_BASELINES"] === "1";
const cases = findCases(root);

describe("case files", () => {
  it("finds the case files", () => {
    expect(cases.length).toBeGreaterThan(50);
  });

  for (const c of cases) {
    it(`${c.id} matches its baseline`, () => {
      const actual = renderCase(c);
      if (update) {
        writeFileSync(c.baselinePath, actual);
        return;
      }
      expect(existsSync(c.baselinePath), `${c.baselinePath} is missing; run with UPDATE_BASELINES=1`).toBe(true);
      expect(actual).toBe(readFileSync(c.baselinePath, "utf8"));
    });
  }

  it("has no baseline without its case file", () => {
    const orphans: string[] = [];
    for (const phase of readdirSync(root, { withFileTypes: true })) {
      if (!phase.isDirectory()) continue;
      for (const f of readdirSync(join(root, phase.name))) {
        if (f.endsWith(".baseline.txt") && !existsSync(join(root, phase.name, f.replace(/\.baseline\.txt$/, ".tenor")))) {
          orphans.push(`${phase.name}/${f}`);
        }
      }
    }
    expect(orphans).toEqual([]);
  });
});

// The four catalogs a term sheet and its inputs can reach through check, run and test (compile codes are not).
describe("diagnostic code coverage", () => {
  const all = [PARSE, CHECK, RUN, INPUT].flatMap((catalog) => Object.values(catalog) as string[]);
  const seen = new Set<string>();
  for (const c of cases) {
    if (!existsSync(c.baselinePath)) continue;
    for (const m of readFileSync(c.baselinePath, "utf8").matchAll(/\[(TN\d{4})\]/g)) seen.add(m[1]!);
  }

  it("has a case producing every catalog code that input can produce", () => {
    const missing = all.filter((code) => !seen.has(code) && !(code in UNCOVERABLE_CODES));
    expect(missing).toEqual([]);
  });

  it("allow-lists only codes that are in a catalog and that no case produces", () => {
    const listed = Object.keys(UNCOVERABLE_CODES);
    expect(listed.filter((code) => !all.includes(code))).toEqual([]);
    expect(listed.filter((code) => seen.has(code))).toEqual([]);
  });
});
