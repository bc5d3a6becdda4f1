/**
 * Property (e), docs/language.md §12: the same source and inputs give
 * byte-identical JSON ledgers on every run, and the inputs given as one
 * JSON file or as a periods CSV plus an events CSV give the same ledger.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ledgerToJson } from "../../src/ledger/format-json.ts";
import { dealArb, dealSource, inputsArb, inputsCsv, inputsJson, ledgerOf } from "./generators.ts";

describe("determinism", () => {
  it("gives byte-identical JSON ledgers across two runs and for JSON versus CSV inputs", () => {
    const scenario = dealArb.chain((deal) => inputsArb(deal).map((inputs) => ({ deal, inputs })));
    fc.assert(
      fc.property(scenario, fc.boolean(), ({ deal, inputs }, trace) => {
        const source = dealSource(deal);
        const first = ledgerToJson(ledgerOf(source, [inputsJson(inputs)]), { trace });
        const second = ledgerToJson(ledgerOf(source, [inputsJson(inputs)]), { trace });
        const fromCsv = ledgerToJson(ledgerOf(source, inputsCsv(inputs)), { trace });
        expect(second).toBe(first);
        expect(fromCsv).toBe(first);
      }),
      { numRuns: 60 },
    );
  });
});
