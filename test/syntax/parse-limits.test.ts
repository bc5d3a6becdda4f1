import { describe, expect, it } from "vitest";
import { DEFAULT_LIMITS, parseSource } from "../../src/syntax/parse.ts";
import { bigSheet } from "../../bench/big-sheet.ts";

// Speed is measured by `npm run bench`, not here: these tests assert results only.
const parens = (n: number) => `const x = ${"(".repeat(n)}1${")".repeat(n)}`;

describe("resource limits", () => {
  it("the default limits are 200 levels and 10 MB", () => {
    expect(DEFAULT_LIMITS).toEqual({ maxDepth: 200, maxSourceBytes: 10_000_000 });
  });

  it("200 nested parentheses parse; 201 give TN1004 at the 201st", () => {
    const ok = parseSource(parens(200));
    expect(ok.diagnostics).toEqual([]);
    expect(ok.value.decls).toHaveLength(1);
    const deep = parseSource(parens(201));
    expect(deep.diagnostics).toEqual([
      { code: "TN1004", severity: "error", message: "nesting deeper than 200 levels", range: { start: 210, end: 211 } },
    ]);
    expect(deep.value.decls).toEqual([]);
  });

  it("the limit is configurable", () => {
    expect(parseSource(parens(10), { maxDepth: 10, maxSourceBytes: 1000 }).diagnostics).toEqual([]);
    expect(parseSource(parens(11), { maxDepth: 10, maxSourceBytes: 1000 }).diagnostics.map((d) => [d.code, d.message])).toEqual([
      ["TN1004", "nesting deeper than 10 levels"],
    ]);
  });

  it.each([10_000, 100_000])("%i nested parentheses give one TN1004, never a RangeError", (n) => {
    expect(parseSource(parens(n)).diagnostics.map((d) => d.code)).toEqual(["TN1004"]);
  });

  it.each([
    ["unary minus", (n: number) => `const x = ${"-".repeat(n)}1`],
    ["spaced unary minus", (n: number) => `const x = ${"- ".repeat(n)}1`],
    ["not", (n: number) => `const x = ${"not ".repeat(n)}a`],
    ["if in else", (n: number) => `const x = ${"if a then 1 else ".repeat(n)}1`],
    ["if in condition", (n: number) => `const x = ${"if ".repeat(n)}a${" then 1 else 2".repeat(n)}`],
    ["nested blocks", (n: number) => `clause c { ${"when a { ".repeat(n)}${"} ".repeat(n)}}`],
    ["operator chains", (n: number) => `const x = 1${" + 1".repeat(n)}`],
    ["calls", (n: number) => `const x = ${"max(".repeat(n)}1${")".repeat(n)}`],
  ])("10,000 nested %s give TN1004", (_name, make) => {
    expect(parseSource(make(10_000)).diagnostics.map((d) => d.code)).toEqual(["TN1004"]);
  });

  it("nesting just under the limit parses for every kind of nesting", () => {
    for (const source of [
      `const x = ${"-".repeat(199)}1`,
      `const x = ${"not ".repeat(199)}a`,
      `const x = ${"if a then 1 else ".repeat(199)}1`,
      `clause c { ${"when a { ".repeat(198)}${"} ".repeat(198)}}`,
      `const x = ${"max(".repeat(199)}1${")".repeat(199)}`,
    ]) {
      const result = parseSource(source);
      expect(result.diagnostics).toEqual([]);
      expect(result.value.decls).toHaveLength(1);
    }
  });

  it("a too-deep declaration is skipped and the others are kept", () => {
    const result = parseSource(`const a = 1\n${parens(500)}\nconst b = 2`);
    expect(result.diagnostics.map((d) => d.code)).toEqual(["TN1004"]);
    expect(result.value.decls.map((d) => d.kind === "Const" && d.name.text)).toEqual(["a", "b"]);
  });

  it("a source over the size limit gives TN1005 and an empty program", () => {
    const result = parseSource("const a = 1 ".repeat(100), { maxDepth: 200, maxSourceBytes: 1000 });
    expect(result.diagnostics.map((d) => [d.code, d.message])).toEqual([["TN1005", "source is larger than 1000 bytes"]]);
    expect(result.value.decls).toEqual([]);
  });

  it("the size limit counts UTF-8 bytes", () => {
    const text = `deal "${"é".repeat(500)}"`; // 507 UTF-16 units, 1007 bytes
    expect(parseSource(text, { maxDepth: 200, maxSourceBytes: 1007 }).diagnostics).toEqual([]);
    expect(parseSource(text, { maxDepth: 200, maxSourceBytes: 1006 }).diagnostics.map((d) => d.code)).toEqual(["TN1005"]);
  });

  it("a 5,000-clause sheet parses without diagnostics", () => {
    const { diagnostics, value } = parseSource(bigSheet(5000));
    expect(diagnostics).toEqual([]);
    expect(value.decls.filter((d) => d.kind === "Clause")).toHaveLength(5000);
  });
});
