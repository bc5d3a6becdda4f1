/**
 * The scaled-integer fast path (src/runtime/fast/) proven equal to the
 * Decimal path: generated programs (test/generators, every construct) and
 * their data — as generated, and changed so that values have more places
 * than the fast path assumes, turn negative, or grow past 2^53 — settle to
 * the same ledger JSON byte for byte, traces included, or fail with the
 * same error, whether terms are loaded with the fast path or without it.
 *
 * Count: TENOR_FAST_PATH_CASES program × data pairs, default 10,000: 500
 * programs (compiling is most of the time) × 20 data sets each;
 * `npm run fuzz:fast-path` runs 200,000 (10,000 programs).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compileSource } from "../../src/api.ts";
import { artifactText } from "../../src/compile/artifact.ts";
import { ledgerToJson } from "../../src/ledger/format-json.ts";
import { loadTerms } from "../../src/runtime/load-terms.ts";
import { settle } from "../../src/runtime/settle.ts";
import type { Terms } from "../../src/runtime/terms.ts";
import { generateProgram } from "../generators/program.ts";
import type { GeneratedInputs } from "../generators/program.ts";

const CASES = Number(process.env["TENOR_FAST_PATH_CASES"] ?? 10_000);
const DATA_SETS = 20;

/** The ledger JSON with traces, or the error's code and message. */
function outcome(terms: Terms, inputs: object): string {
  try {
    return ledgerToJson(settle(terms, inputs), { trace: true });
  } catch (e) {
    const err = e as { code?: string; message: string };
    return `error ${err.code ?? "?"}: ${err.message}`;
  }
}

/** Every decimal value of the data changed by `change` (the period dates and event names kept). */
function mapValues(inputs: GeneratedInputs, change: (v: string, i: number) => string): GeneratedInputs {
  let i = 0;
  const row = (r: Readonly<Record<string, string>>, keep: readonly string[]) =>
    Object.fromEntries(Object.entries(r).map(([k, v]) => [k, keep.includes(k) || !/^-?\d/.test(v) ? v : change(v, i++)]));
  return { periods: inputs.periods.map((r) => row(r, ["period"])), events: inputs.events.map((r) => row(r, ["date", "event"])) };
}

/** The `j`-th data set of a program: as generated, or with more places, negated values, values near and past 2^53, or all of these mixed. */
function dataSet(inputs: GeneratedInputs, seed: number, j: number): GeneratedInputs {
  const pick = (i: number, k: number) => (((seed >>> 0) + (i + 1) * 2654435761 + j * 40503) >>> 0) % k;
  switch (j % 5) {
    case 0: return j === 0 ? inputs : mapValues(inputs, (v, i) => (pick(i, 2) === 0 ? v : `${v}${v.includes(".") ? "" : "."}${pick(i, 100)}`));
    case 1: return mapValues(inputs, (v, i) => (v.includes(".") ? `${v}${"0123456789".slice(pick(i, 9))}1` : `${v}.${pick(i, 10)}5`));
    case 2: return mapValues(inputs, (v, i) => (pick(i, 3) === 0 && !v.startsWith("-") ? `-${v}` : v));
    case 3: return mapValues(inputs, (v, i) => (pick(i, 2) === 0 ? ["9007199254740991", "9007199254740992", "9007199254740993", "4503599627370496.5"][pick(i, 4)]! : v));
    default: return mapValues(inputs, (v, i) => [v, `${v}000000000`, `${v}.0000001`, v.startsWith("-") ? v : `-${v}`][pick(i, 4)]!);
  }
}

describe("the scaled-integer fast path", () => {
  it(`settles ${CASES.toLocaleString("en-US")} generated programs and data to the same ledger JSON, traces included, as the Decimal path`, () => {
    let settled = 0;
    let failed = 0;
    let programsOnFastPath = 0;
    fc.assert(fc.property(fc.noShrink(fc.integer({ min: 0, max: 0xffff_ffff })), (seed) => {
      const p = generateProgram(seed, { tests: "never", ranges: seed % 2 === 0, maxPeriods: 12 });
      const compiled = compileSource(p.source).value;
      expect(compiled).not.toBeNull();
      const artifact = artifactText(compiled!);
      const fast = loadTerms(artifact, { fastPath: true });
      const slow = loadTerms(artifact, { fastPath: false });
      expect(slow.program.fastExpressions).toBe(0);
      if (fast.program.fastExpressions > 0) programsOnFastPath++;
      for (let j = 0; j < DATA_SETS; j++) {
        const data = dataSet(p.inputs, seed, j);
        const a = outcome(fast, data);
        expect(a, `seed ${seed}`).toBe(outcome(slow, data));
        if (a.startsWith("error")) failed++;
        else settled++;
      }
    }), { numRuns: Math.ceil(CASES / DATA_SETS) });
    // Both outcomes occur: ledgers (most) and run-time or input errors (the changed data).
    expect(settled).toBeGreaterThan(CASES / 4);
    expect(failed).toBeGreaterThan(0);
    // The fast path is really taken: most generated programs have expressions on it.
    expect(programsOnFastPath).toBeGreaterThan(CASES / DATA_SETS / 2);
  }, 300_000);
});
