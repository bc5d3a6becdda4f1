/**
 * The fuzzer's cases in CI (issue 13): the first TENOR_FUZZ_CASES cases
 * (default 10,000) of seed 1 — random text, token soup, mutated and
 * generated term sheets, mutated inputs — each a diagnostic or a typed
 * error, never an exception or an internal error (scripts/fuzz/run-case.ts
 * judges them as `npm run fuzz` does). Hangs are the fuzz run's to catch:
 * `npm run fuzz -- --seconds 600` watches each case's clock from outside.
 */
import { describe, expect, it } from "vitest";
import { fuzzCase, loadCorpus, samplePool } from "../../scripts/fuzz/cases.ts";
import { loadFormatter, runCase } from "../../scripts/fuzz/run-case.ts";
import { join } from "node:path";

const ROOT = join(import.meta.dirname, "..", "..");

const CASES = Number(process.env["TENOR_FUZZ_CASES"] ?? 10_000);
const SEED = 1;

describe("the fuzzer's cases", () => {
  it(`behave: ${CASES} cases of seed ${SEED}, each a diagnostic or a typed error`, async () => {
    const pool = samplePool(SEED, loadCorpus(ROOT));
    const format = await loadFormatter();
    const failures: string[] = [];
    for (let i = 0; i < CASES; i++) {
      const c = fuzzCase(SEED, i, pool);
      let verdict: string | null;
      try {
        verdict = runCase(c, format);
      } catch (e) {
        verdict = `threw: ${e instanceof Error ? e.message : String(e)}`;
      }
      if (verdict !== null) failures.push(`case ${i} (${c.kind}): ${verdict}`);
    }
    expect(failures).toEqual([]);
  }, 600_000);
});
