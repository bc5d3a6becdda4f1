import { describe, expect, it } from "vitest";
import { lex } from "../../grammar/lexer.ts";
import { splitDeclarations } from "../../grammar/chunks.ts";
import { findTooDeep } from "../../grammar/nesting.ts";
import { TenorParser, tenorParser } from "../../grammar/parser.ts";

describe("the grammar", () => {
  it("passes Chevrotain's grammar validations (a fresh instance self-analyses without error)", () => {
    expect(() => new TenorParser()).not.toThrow();
  });

  it("one shared instance is reused across inputs", () => {
    tenorParser.input = lex("const a = 1").tokens;
    const first = tenorParser.topDecl();
    expect(tenorParser.errors).toEqual([]);
    tenorParser.input = lex("const = 1").tokens;
    tenorParser.topDecl();
    expect(tenorParser.errors).toHaveLength(1);
    tenorParser.input = lex("settle net").tokens;
    tenorParser.topDecl();
    expect(tenorParser.errors).toEqual([]);
    expect(first.name).toBe("topDecl");
  });

  it("tracks full node locations", () => {
    tenorParser.input = lex("deal \"D\"").tokens;
    const cst = tenorParser.topDecl();
    expect(cst.location).toMatchObject({ startOffset: 0, endOffset: 7, startLine: 1, startColumn: 1 });
  });

  it("whole programs parse with the program rule too", () => {
    tenorParser.input = lex('deal "D"\nclause c { a pays b 1 }\nconst k = 2').tokens;
    const cst = tenorParser.program();
    expect(tenorParser.errors).toEqual([]);
    expect(cst.children["topDecl"]).toHaveLength(3);
  });
});

describe("declaration chunks", () => {
  it("split at declaration keywords, not at `over term` or a test's `event DATE`", () => {
    const tokens = lex(
      'clause c { cap 1 over term }\nterm 2026-07-01 to 2027-06-30, monthly\nevent e(x: USD)\ntest "t" { event 2026-08-01 e(x = 1 USD) }',
    ).tokens;
    const starts = splitDeclarations(tokens).map((c) => tokens[c.start]!.image);
    expect(starts).toEqual(["clause", "term", "event", "test"]);
  });

  it("a missing brace does not join two clauses", () => {
    const tokens = lex("clause a { a pays b 1\nclause b { }").tokens;
    expect(splitDeclarations(tokens)).toEqual([
      { start: 0, end: 7 },
      { start: 7, end: 11 },
    ]);
  });
});

describe("nesting scan", () => {
  it("finds the token where the limit is crossed", () => {
    const tokens = lex("const x = ((((1))))").tokens;
    expect(findTooDeep(tokens, 0, tokens.length, 4)).toBeNull();
    expect(findTooDeep(tokens, 0, tokens.length, 3)?.startOffset).toBe(13);
  });

  it("statement keywords end an expression, so long clauses of short statements never count as deep", () => {
    const tokens = lex(`clause c { ${"let x = a + b * c\n".repeat(1000)} }`).tokens;
    expect(findTooDeep(tokens, 0, tokens.length, 5)).toBeNull();
  });
});
