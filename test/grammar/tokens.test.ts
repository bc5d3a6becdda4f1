import { describe, expect, it } from "vitest";
import { lex } from "../../grammar/lexer.ts";
import { allTokens, KEYWORDS, KW, OPERATORS } from "../../grammar/tokens.ts";

function kinds(text: string): string[] {
  return lex(text).tokens.map((t) => `${t.tokenType.name}:${t.image}`);
}

describe("tokens", () => {
  it("every keyword word lexes as its own keyword token", () => {
    for (const word of KEYWORDS) {
      const tokens = lex(word).tokens;
      expect(tokens).toHaveLength(1);
      expect(tokens[0]!.tokenType).toBe(KW[word]);
    }
  });

  it("the keyword list is plain data for editor highlighting and has no duplicates", () => {
    expect(new Set(KEYWORDS).size).toBe(KEYWORDS.length);
    expect(KEYWORDS).toContain("contract_year");
    expect(KEYWORDS).not.toContain("days");
    expect(OPERATORS).toContain("<=");
    expect(allTokens.length).toBeGreaterThan(KEYWORDS.length);
  });

  it("identifiers that start with a keyword stay identifiers, and longer keywords win", () => {
    expect(kinds("period_index periods period input in onward on deals")).toEqual([
      "Identifier:period_index",
      "Periods:periods",
      "Period:period",
      "Input:input",
      "In:in",
      "Onward:onward",
      "On:on",
      "Identifier:deals",
    ]);
  });

  it("period facts other than contract_year are plain identifiers", () => {
    expect(kinds("days period_start period_end contract_year")).toEqual([
      "Identifier:days",
      "Identifier:period_start",
      "Identifier:period_end",
      "ContractYear:contract_year",
    ]);
  });

  it("dates lex before numbers, and numbers keep underscores and decimals", () => {
    expect(kinds("2026-07-01 1_000_000 12.50 7")).toEqual([
      "DateLit:2026-07-01",
      "NumberLit:1_000_000",
      "NumberLit:12.50",
      "NumberLit:7",
    ]);
  });

  it("two-character operators are single tokens", () => {
    expect(kinds("<= >= == != < > = % ( ) { } , : + - * /").map((k) => k.split(":")[0])).toEqual([
      "LessEq", "GreaterEq", "EqEq", "NotEq", "Less", "Greater", "Equals", "Percent",
      "LParen", "RParen", "LBrace", "RBrace", "Comma", "Colon", "Plus", "Minus", "Star", "Slash",
    ]);
  });

  it("strings allow escaped quotes and backslashes", () => {
    expect(kinds('"a \\"b\\" \\\\ c"')).toEqual(['StringLit:"a \\"b\\" \\\\ c"']);
  });

  it("an unterminated string is its own token up to the end of the line", () => {
    expect(kinds('"open\nnext')).toEqual(['UnterminatedString:"open', "Identifier:next"]);
  });

  it("comments and whitespace are skipped, comments kept in their own group with positions", () => {
    const result = lex("a // note\n  b");
    expect(result.tokens.map((t) => t.image)).toEqual(["a", "b"]);
    expect(result.groups["comments"]?.map((t) => [t.image, t.startOffset])).toEqual([["// note", 2]]);
  });

  it("an unknown character is a lexer error with its offset, and lexing goes on", () => {
    const result = lex("a # b");
    expect(result.errors.map((e) => [e.offset, e.length])).toEqual([[2, 1]]);
    expect(result.tokens.map((t) => t.image)).toEqual(["a", "b"]);
  });
});
