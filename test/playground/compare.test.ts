/**
 * The playground's Compare mode in the worker (playground/analysis/compare.ts)
 * reuses the ledger the analysis settled instead of settling both versions
 * again; its redline must be, word for word, what `diffPrograms` (tenor
 * diff) makes of the same two versions on the same data.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkSource } from "../../src/api.ts";
import { diffDocument, diffPrograms } from "../../src/diff/index.ts";
import { analyzeChecked, INPUTS_FILE_NAME } from "../../src/editor/analyze.ts";
import { KeptVersion } from "../../playground/analysis/compare.ts";
import { STDLIB } from "../stdlib-options.ts";
import { ROOT } from "./harness.ts";

const SHARON = readFileSync(join(ROOT, "examples", "sharon-dsx.tenor"), "utf8");
const INPUTS = readFileSync(join(ROOT, "examples", "sharon-dsx.inputs.json"), "utf8");

function edit(text: string, from: string, to: string): string {
  expect(text.split(from).length - 1).toBe(1);
  return text.replace(from, to);
}

/** Compare mode's view and `tenor diff`'s report for kept → current on `inputs`. */
function both(kept: string, current: string, inputs: string | null, cache = new KeptVersion(STDLIB)) {
  const checked = checkSource(current, STDLIB);
  const result = analyzeChecked({ version: 1, source: current, inputs }, checked, { ...STDLIB, tests: false });
  const outcome = cache.compare(kept, checked, result, inputs);
  const report = diffPrograms(checkSource(kept, STDLIB).value!, checked.value!, inputs === null ? undefined : [{ name: INPUTS_FILE_NAME, text: inputs }]);
  return { outcome, report };
}

describe("Compare mode in the worker", () => {
  const cases: [string, string, string][] = [
    ["a rate", "year 2: 12.5%", "year 2: 12%"],
    ["a cap", "term_cap = 75 million USD", "term_cap = 80 million USD"],
    ["a party's name", 'sharon: "Sharon AI"', 'sharon: "Sharon AI Pty Ltd"'],
    ["a trigger's threshold", "utilization_floor = 70%", "utilization_floor = 65%"],
  ];
  for (const [what, from, to] of cases) {
    it(`redlines a change of ${what} as tenor diff does, money included`, () => {
      const { outcome, report } = both(SHARON, edit(SHARON, from, to), INPUTS);
      expect(outcome.kind).toBe("ready");
      if (outcome.kind !== "ready") return;
      expect(outcome.view.doc).toEqual(diffDocument(report));
      expect(outcome.view.equal).toBe(report.equal);
      expect(outcome.view.termChanges).toBe(report.terms.length);
      expect(outcome.view.notes).toEqual(report.diagnostics.map((d) => d.message));
    });
  }

  it("says the money is the same when only the layout changed, and nothing of money without inputs", () => {
    const same = both(SHARON, SHARON.replace(/\n\n/g, "\n\n\n"), INPUTS).outcome;
    expect(same.kind === "ready" && same.view).toMatchObject({ equal: true, termChanges: 0, moneyChanged: false });
    const noInputs = both(SHARON, edit(SHARON, "year 2: 12.5%", "year 2: 12%"), null);
    expect(noInputs.outcome.kind === "ready" && noInputs.outcome.view.doc).toEqual(diffDocument(noInputs.report));
    expect(noInputs.outcome.kind === "ready" && noInputs.outcome.view.moneyChanged).toBe(null);
  });

  it("settles the kept version again when the inputs change, not the old ledger", () => {
    const cache = new KeptVersion(STDLIB);
    const current = edit(SHARON, "year 2: 12.5%", "year 2: 12%");
    both(SHARON, current, INPUTS, cache);
    const inputs = INPUTS.replace(/"revenue": [^,}]+/, '"revenue": 123456789');
    expect(inputs).not.toBe(INPUTS);
    const { outcome, report } = both(SHARON, current, inputs, cache);
    expect(outcome.kind === "ready" && outcome.view.doc).toEqual(diffDocument(report));
  });

  it("reports a kept version with errors and an edited sheet with errors", () => {
    const cache = new KeptVersion(STDLIB);
    const checked = checkSource(SHARON, STDLIB);
    const result = analyzeChecked({ version: 1, source: SHARON, inputs: INPUTS }, checked, { ...STDLIB, tests: false });
    expect(cache.compare(edit(SHARON, "rate = share_rate", "rate = share_rat"), checked, result, INPUTS)).toEqual({ kind: "kept-errors", errors: 1 });
    const broken = edit(SHARON, "rate = share_rate", "rate = share_rat");
    const bad = checkSource(broken, STDLIB);
    const badResult = analyzeChecked({ version: 2, source: broken, inputs: INPUTS }, bad, { ...STDLIB, tests: false });
    expect(cache.compare(SHARON, bad, badResult, INPUTS)).toEqual({ kind: "current-errors" });
    expect(cache.compare(null, checked, result, INPUTS)).toEqual({ kind: "off" });
  });
});
