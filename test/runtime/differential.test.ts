/**
 * evaluate = run(compile) (style.md): for random valid programs and data
 * (test/generators, every construct), interpreting the source through the
 * API and settling its compiled artifact — serialized to JSON, verified and
 * prepared by loadTerms — give the same ledger byte for byte, traces
 * included, and the same test-block results.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { runSource, testSource } from "../../src/api.ts";
import { compileSource } from "../../src/api.ts";
import { artifactText } from "../../src/compile/artifact.ts";
import { ledgerToJson } from "../../src/ledger/format-json.ts";
import { loadTerms } from "../../src/runtime/load-terms.ts";
import { runTests } from "../../src/runtime/run-tests.ts";
import { settle } from "../../src/runtime/settle.ts";
import { inputFiles, programArbitrary } from "../generators/program.ts";

describe("source and compiled artifact", () => {
  it("settle random programs and data to the same ledger, traces included", () => {
    fc.assert(fc.property(programArbitrary({ tests: "never", layout: "commented" }), (p) => {
      const viaSource = runSource(p.source, inputFiles(p));
      expect(viaSource.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
      const terms = loadTerms(artifactText(compileSource(p.source).value!));
      const viaArtifact = settle(terms, JSON.stringify(p.inputs));
      expect(ledgerToJson(viaArtifact, { trace: true })).toBe(ledgerToJson(viaSource.ledger!, { trace: true }));
      // The inputs as an object take the runtime's other door to the same place.
      expect(settle(terms, p.inputs)).toEqual(viaArtifact);
    }), { numRuns: 60 });
  });

  it("run the test blocks of random programs to the same results", () => {
    fc.assert(fc.property(programArbitrary({ tests: "always" }), (p) => {
      const viaSource = testSource(p.source);
      const terms = loadTerms(artifactText(compileSource(p.source).value!));
      expect(runTests(terms.program)).toEqual(viaSource.value);
    }), { numRuns: 40 });
  });
});
