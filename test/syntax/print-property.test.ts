/**
 * Properties of the formatter over generated term sheets (test/generators):
 * printing a parsed program and parsing it again gives the same tree
 * (ranges aside), formatting is idempotent, and every comment survives, in
 * order — in the pretty, commented and messy layouts alike.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseSource } from "../../src/syntax/parse.ts";
import { formatSource, printProgram } from "../../src/syntax/print.ts";
import { programArbitrary } from "../generators/program.ts";
import { commentsOf, stripRanges } from "./strip-ranges.ts";

const LAYOUTS = ["pretty", "commented", "messy"] as const;

describe.each(LAYOUTS)("the formatter on generated programs (%s layout)", (layout) => {
  const programs = programArbitrary({ layout });

  it("parse(print(ast)) equals ast, ranges aside", () => {
    fc.assert(
      fc.property(programs, ({ source }) => {
        const parsed = parseSource(source);
        expect(parsed.diagnostics).toEqual([]);
        const printed = printProgram(parsed.value, source);
        const again = parseSource(printed);
        expect(again.diagnostics).toEqual([]);
        expect(stripRanges(again.value)).toEqual(stripRanges(parsed.value));
      }),
      { numRuns: 120 },
    );
  });

  it("formats idempotently and keeps every comment in order", () => {
    fc.assert(
      fc.property(programs, ({ source }) => {
        const once = formatSource(source).value!;
        expect(formatSource(once).value).toBe(once);
        expect(commentsOf(once)).toEqual(commentsOf(source));
      }),
      { numRuns: 120 },
    );
  });
});

describe("printing an AST without its source", () => {
  it("still parses back to the same tree", () => {
    fc.assert(
      fc.property(programArbitrary({ layout: "messy" }), ({ source }) => {
        const parsed = parseSource(source).value;
        expect(stripRanges(parseSource(printProgram(parsed)).value)).toEqual(stripRanges(parsed));
      }),
      { numRuns: 100 },
    );
  });
});
