import { describe, expect, it } from "vitest";
import { lex } from "../../grammar/lexer.ts";
import { KEYWORDS } from "../../grammar/tokens.ts";
import { parseSource } from "../../src/syntax/parse.ts";

function kinds(text: string): string[] {
  return lex(text).tokens.map((t) => `${t.tokenType.name}:${t.image}`);
}

describe("tiers tokens and tables", () => {
  it("reserves tiers, while tier and longer names stay identifiers", () => {
    expect(KEYWORDS).toContain("tiers");
    expect(kinds("tiers tier tiers_x")).toEqual(["Tiers:tiers", "Identifier:tier", "Identifier:tiers_x"]);
  });

  it("reads a unit right before the colon of a HIGH, and LOW onward", () => {
    const parsed = parseSource("tiers v {\n  0 USD to 100 million USD: 10%\n  100 million USD onward: 6%\n}\n");
    expect(parsed.diagnostics).toEqual([]);
    const d = parsed.value.decls[0]!;
    if (d.kind !== "Tiers") throw new Error("expected a tiers table");
    expect(d.entries.map((e) => [e.low.kind, e.high === null ? "onward" : e.high.kind, e.value.kind])).toEqual([
      ["NumberLit", "NumberLit", "NumberLit"],
      ["NumberLit", "onward", "NumberLit"],
    ]);
    expect(d.entries[0]!.high).toMatchObject({ digits: "100", scale: "million", unit: { numerator: [{ text: "USD" }] } });
  });

  it("starts a declaration at tiers, so a missing brace does not swallow the next one", () => {
    const parsed = parseSource("tiers a {\n  0 onward: 1%\ntiers b { 0 onward: 2% }\n");
    expect(parsed.diagnostics.map((d) => d.code)).toEqual(["TN1002"]);
    expect(parsed.value.decls.map((d) => (d.kind === "Tiers" ? d.name.text : d.kind))).toEqual(["a", "b"]);
  });

  it("reads tiers after a colon as a template parameter's type, not a new declaration", () => {
    const parsed = parseSource("template clause share(\n  a: party,\n  rates: tiers,\n  x: number,\n) {\n  a pays a tier(rates, x) * 1 money\n}\n");
    expect(parsed.diagnostics).toEqual([]);
    expect(parsed.value.decls.map((d) => d.kind)).toEqual(["Template"]);
  });

  it("reports an entry without to or onward as one syntax error", () => {
    expect(parseSource("tiers a { 0 5: 1% }\n").diagnostics.map((d) => d.code)).toEqual(["TN1002"]);
  });

  it("still reads a name after a number followed by a colon as the next item outside tables", () => {
    expect(parseSource("parties {\n  a: \"A\"\n}\nconst x = 5\n").diagnostics).toEqual([]);
  });
});
