import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { KEYWORDS, OPERATORS } from "../../grammar/tokens.ts";
import { parseSource } from "../../src/syntax/parse.ts";

/** Parsing must never throw and must always return a program and diagnostics with sane ranges. */
function assertWellFormed(text: string): void {
  const result = parseSource(text);
  expect(Array.isArray(result.diagnostics)).toBe(true);
  expect(result.value.kind).toBe("Program");
  for (const d of result.diagnostics) {
    expect(d.code).toMatch(/^TN1\d{3}$/);
    expect(d.code).not.toBe("TN1007"); // an internal error would be a parser bug
    expect(d.range!.start).toBeGreaterThanOrEqual(0);
    expect(d.range!.end).toBeLessThanOrEqual(text.length);
    expect(d.range!.start).toBeLessThanOrEqual(d.range!.end);
  }
  for (const decl of result.value.decls) {
    expect(decl.range.start).toBeGreaterThanOrEqual(0);
    expect(decl.range.end).toBeLessThanOrEqual(text.length);
  }
}

const WORDS = [
  ...KEYWORDS,
  ...OPERATORS,
  "sharon", "nvidia", "revenue", "USD", "gpu_hour", "warrants", "max", "days",
  "1", "12.5", "1_000", "2026-07-01", '"title"', '"open', "\n", "//c\n", "#",
];

describe("parseSource never throws", () => {
  it("on arbitrary strings", () => {
    fc.assert(fc.property(fc.string({ maxLength: 200 }), assertWellFormed), { numRuns: 500 });
  });

  it("on arbitrary unicode text", () => {
    fc.assert(fc.property(fc.string({ unit: "grapheme", maxLength: 100 }), assertWellFormed), { numRuns: 200 });
  });

  it("on random soup of Tenor keywords, operators and names", () => {
    const soup = fc.array(fc.constantFrom(...WORDS), { maxLength: 80 }).map((words) => words.join(" "));
    fc.assert(fc.property(soup, assertWellFormed), { numRuns: 1000 });
  });

  it("on valid declarations with random tokens spliced in", () => {
    const base = 'clause c "C" {\n  let x = revenue * 10%\n  when x > 5 USD for 3 consecutive periods { sharon pays nvidia x }\n  cap 5 million USD over term\n}\n';
    const spliced = fc
      .tuple(fc.nat({ max: base.length }), fc.array(fc.constantFrom(...WORDS), { maxLength: 4 }))
      .map(([at, words]) => `${base.slice(0, at)} ${words.join(" ")} ${base.slice(at)}`);
    fc.assert(fc.property(spliced, assertWellFormed), { numRuns: 500 });
  });
});
