/**
 * The differential property (issue 4): the interpreter (src/api.ts) and the
 * independent reference evaluator (./reference-run.ts) settle generated
 * term sheets to the same docs/language.md §12 ledger, or fail with the same run-time
 * error code. 10,000 (program, data) pairs in all, 0 divergences:
 *
 * - 8,000 from ./case-generator.ts (2,000 programs × 4 data sets; it also
 *   makes negative payments, divisions by zero and fractional durations, so
 *   the error paths are compared too);
 * - 2,000 from the shared generator test/generators/program.ts (1,000
 *   programs that use every construct × their full data and a prefix).
 *
 * A divergence reports the seed: `generateCase(seed, 4)` /
 * `generateProgram(seed, SHARED_OPTIONS)` rebuild the case.
 */
import { describe, expect, it } from "vitest";
import { checkSource, settleChecked } from "../../src/api.ts";
import type { CheckedProgram } from "../../src/api.ts";
import { generateProgram, type GeneratedInputs } from "../generators/program.ts";
import { generateCase } from "./case-generator.ts";
import { compareOutcomes, interpreterOutcome, referenceOutcome } from "./compare.ts";
import { referenceRun, refDataFromJson } from "./reference-run.ts";

interface Divergence {
  readonly seed: number;
  readonly dataset: number;
  readonly difference: string;
  readonly source: string;
  readonly inputs: string;
}

interface Tally {
  pairs: number;
  ledgers: number;
  readonly divergences: Divergence[];
}

/** Settles one (program, inputs) pair both ways and records a divergence. */
function comparePair(checked: CheckedProgram, source: string, inputs: string, seed: number, dataset: number, tally: Tally): void {
  tally.pairs++;
  const interpreter = interpreterOutcome(settleChecked(checked, [{ name: "inputs.json", text: inputs }]));
  const reference = referenceOutcome(referenceRun(checked, refDataFromJson(inputs)));
  if (interpreter.kind === "ledger") tally.ledgers++;
  const difference = compareOutcomes(interpreter, reference);
  if (difference !== null) tally.divergences.push({ seed, dataset, difference, source, inputs });
}

/** Checks a generated source; a generator bug (a check error) is reported as such. */
function checked(source: string, seed: number): CheckedProgram {
  const result = checkSource(source);
  const errors = result.diagnostics.filter((d) => d.severity === "error").map((d) => `${d.code} ${d.message}`);
  expect(errors, `seed ${seed} generated an invalid term sheet:\n${source}`).toEqual([]);
  return result.value!;
}

/** Shows the first divergences in full (source and inputs), so one can be reproduced by hand. */
function report(tally: Tally): string[] {
  return tally.divergences.slice(0, 3).map((d) => `seed ${d.seed}, data set ${d.dataset}: ${d.difference}\n--- source\n${d.source}--- inputs\n${d.inputs}`);
}

const PROGRAMS = 2000;
const DATASETS = 4;
const BLOCKS = 8; // small blocks: each well inside the test timeout on a busy machine

describe("interpreter = reference on ./case-generator.ts programs", () => {
  const per = PROGRAMS / BLOCKS;
  for (let b = 0; b < BLOCKS; b++) {
    const first = 1 + b * per;
    it(`agrees on seeds ${first}–${first + per - 1} × ${DATASETS} data sets`, () => {
      const tally: Tally = { pairs: 0, ledgers: 0, divergences: [] };
      for (let seed = first; seed < first + per; seed++) {
        const c = generateCase(seed, DATASETS);
        const program = checked(c.source, seed);
        c.inputs.forEach((inputs, i) => comparePair(program, c.source, inputs, seed, i, tally));
      }
      expect(report(tally)).toEqual([]);
      expect(tally.pairs).toBe(per * DATASETS);
      // Most pairs settle (the rest fail with the same run-time error both ways).
      expect(tally.ledgers / tally.pairs).toBeGreaterThan(0.75);
    });
  }
});

/** Smaller than the shared generator's defaults, to keep 2,000 pairs fast. */
const SHARED_OPTIONS = { maxPeriods: 8, maxClauses: 3, tests: "never" } as const;
const SHARED_PROGRAMS = 1000;

/** The inputs as a JSON file, optionally keeping only the first `rows` periods (a valid shorter run). */
function inputsText(inputs: GeneratedInputs, rows?: number): string {
  return JSON.stringify({ periods: rows === undefined ? inputs.periods : inputs.periods.slice(0, rows), events: inputs.events });
}

describe("interpreter = reference on test/generators/program.ts programs", () => {
  const blocks = 4;
  const per = SHARED_PROGRAMS / blocks;
  for (let b = 0; b < blocks; b++) {
    const first = 1 + b * per;
    it(`agrees on seeds ${first}–${first + per - 1}, each over all its periods and a prefix`, () => {
      const tally: Tally = { pairs: 0, ledgers: 0, divergences: [] };
      for (let seed = first; seed < first + per; seed++) {
        const p = generateProgram(seed, SHARED_OPTIONS);
        const program = checked(p.source, seed);
        comparePair(program, p.source, inputsText(p.inputs), seed, 0, tally);
        const prefix = 1 + (seed % Math.max(1, p.inputs.periods.length));
        comparePair(program, p.source, inputsText(p.inputs, prefix), seed, 1, tally);
      }
      expect(report(tally)).toEqual([]);
      expect(tally.pairs).toBe(2 * per);
      // The shared generator promises inputs that always settle.
      expect(tally.ledgers).toBe(tally.pairs);
    });
  }
});
