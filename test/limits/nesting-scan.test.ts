/**
 * The parser finds too-deep declarations with a character scan
 * (grammar/nesting.ts `findTooDeepInText`) before lexing, so that 100,000
 * nested `if`s cost a scan rather than a full lex. That scan must agree
 * exactly with the token-level rule it stands in for: the same declarations
 * (grammar/chunks.ts), the same depth (`findTooDeep`), the same token.
 * Random token soup and random text, with small depth limits so that
 * plenty of declarations are too deep.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { splitDeclarations } from "../../grammar/chunks.ts";
import { lex } from "../../grammar/lexer.ts";
import { findTooDeep, findTooDeepInText } from "../../grammar/nesting.ts";
import { KEYWORDS, OPERATORS } from "../../grammar/tokens.ts";

/** The token-level answer, in findTooDeepInText's shape. */
function byTokens(text: string, maxDepth: number) {
  const tokens = lex(text).tokens;
  const out: { start: number; end: number; at: { start: number; end: number } }[] = [];
  for (const chunk of splitDeclarations(tokens)) {
    const deep = findTooDeep(tokens, chunk.start, chunk.end, maxDepth);
    if (deep === null) continue;
    out.push({
      start: tokens[chunk.start]!.startOffset,
      end: chunk.end < tokens.length ? tokens[chunk.end]!.startOffset : text.length,
      at: { start: deep.startOffset, end: deep.startOffset + deep.image.length },
    });
  }
  return out;
}

const piece = fc.oneof(
  fc.constantFrom(...KEYWORDS),
  fc.constantFrom(...OPERATORS),
  fc.constantFrom("a", "x_1", "revenue", "_", "contract_year", "periods_x", "termx", "2026-07-01", "2026-07-0", "12", "1_000.5", "1.", "12.5%"),
  fc.constantFrom('"s"', '"un', '"a\\"b"', '"\\', "// note\n", "!", "!=", "==", "<=", "é", "😀", "\u00a0", "\ufeff", "\t", "\r\n", "#", "."),
);
const soup = fc.array(fc.tuple(piece, fc.constantFrom("", " ", "\n", "  ")), { maxLength: 80 }).map((parts) => parts.map(([p, s]) => p + s).join(""));

describe("findTooDeepInText", () => {
  it("agrees with lexing + findTooDeep on random token soup", () => {
    fc.assert(
      fc.property(soup, fc.constantFrom(0, 1, 2, 3, 5), (text, depth) => {
        expect(findTooDeepInText(text, depth)).toEqual(byTokens(text, depth));
      }),
      { numRuns: 3000 },
    );
  });

  it("agrees that tiers after a colon (a template parameter's type) does not start a declaration", () => {
    const texts = [
      "template clause t(a: tiers, b: number) { a pays a ((((1)))) }\ntiers b { 0 onward: 1% }\n",
      "template clause t(a: ((((x)))) tiers, r: // note\n tiers) { }\ntiers b { 0 onward: 1% }\n",
      "template clause t(a: # tiers) { (((1))) : tiers }\n",
    ];
    for (const text of texts) {
      for (const depth of [0, 1, 2, 5]) expect(findTooDeepInText(text, depth)).toEqual(byTokens(text, depth));
    }
    const tokens = lex(texts[0]!).tokens;
    expect(splitDeclarations(tokens).map((c) => tokens[c.start]!.image)).toEqual(["template", "tiers"]);
  });

  it("agrees on arbitrary text", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 120 }), fc.constantFrom(0, 1, 2), (text, depth) => {
        expect(findTooDeepInText(text, depth)).toEqual(byTokens(text, depth));
      }),
      { numRuns: 500 },
    );
  });

  it("finds each too-deep declaration and leaves the others", () => {
    const text = `const a = ((1))\nconst b = (((1)))\nterm 2026-01-01 to 2026-02-01, monthly\nevent e(x: USD)\nconst c = ---1`;
    expect(findTooDeepInText(text, 2)).toEqual([
      { start: 16, end: 34, at: { start: 28, end: 29 } },
      { start: text.indexOf("const c"), end: text.length, at: { start: text.length - 2, end: text.length - 1 } },
    ]);
  });
});
