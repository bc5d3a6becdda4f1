/**
 * After a declaration goes too deep, grammar/nesting.ts finds where the
 * next one starts with one regular expression over the rest of the text
 * (issue 19: 100,000 nested `if`s, 3.7 MB, must reach the limit error
 * without a JavaScript loop over every character). The answer must stay
 * the token-level one: strings and comments skipped whole, keywords only
 * as whole tokens (also right after a number: `12const`), `tiers` not
 * after `:` (through comments and characters the lexer skips), `term DATE`
 * and `event NAME`. Depth 0 makes every declaration too deep at once, so
 * all of each declaration goes through the skip.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { splitDeclarations } from "../../grammar/chunks.ts";
import { lex } from "../../grammar/lexer.ts";
import { findTooDeep, findTooDeepInText } from "../../grammar/nesting.ts";
import { KEYWORDS } from "../../grammar/tokens.ts";
import { parseSource } from "../../src/syntax/parse.ts";
import { PARSE } from "../../src/diagnostics/codes/parse.ts";

/** The token-level answer, in findTooDeepInText's shape. */
function byTokens(text: string, maxDepth: number) {
  const tokens = lex(text).tokens;
  return splitDeclarations(tokens).flatMap((chunk) => {
    const deep = findTooDeep(tokens, chunk.start, chunk.end, maxDepth);
    if (deep === null) return [];
    const end = chunk.end < tokens.length ? tokens[chunk.end]!.startOffset : text.length;
    return [{ start: tokens[chunk.start]!.startOffset, end, at: { start: deep.startOffset, end: deep.startOffset + deep.image.length } }];
  });
}

/** Pieces that the skip must get exactly right, glued with and without spaces. */
const piece = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom("tiers", "term", "event", "const", "clause", "template", "schedule", "deal", "paid", "calendar", "use") },
  { weight: 2, arbitrary: fc.constantFrom(...KEYWORDS) },
  { weight: 3, arbitrary: fc.constantFrom(":", "(", ")", "-", "+", "/", "=", "!", "!=", "#", ".", "é", "\u00a0", "\t", "\r") },
  { weight: 3, arbitrary: fc.constantFrom("a", "x1", "_", "_1", "1_", "12", "1.5", "1.", "2026-07-01", "2026-07-01_", "2026-07-0", "12.5%") },
  { weight: 3, arbitrary: fc.constantFrom('"s"', '"un', '"a\\"b"', '"\\', '"tiers"', '"// x"', "// note\n", "// tiers\n", "//", '// "\n', "\n") },
);
const glue = fc.constantFrom("", "", " ", "\n");
const soup = fc.array(fc.tuple(piece, glue), { maxLength: 60 }).map((parts) => parts.map(([p, s]) => p + s).join(""));

describe("the skip to the next declaration after a too-deep one", () => {
  it("agrees with lexing + findTooDeep on token soup made of what the skip looks at", () => {
    fc.assert(
      fc.property(fc.tuple(fc.constantFrom("const x = (", "clause c { -", "tiers t { ("), soup), fc.constantFrom(0, 1), ([head, rest], depth) => {
        const text = head + rest;
        expect(findTooDeepInText(text, depth)).toEqual(byTokens(text, depth));
      }),
      { numRuns: 4000 },
    );
  });

  it.each([
    ["tiers after a colon, through comments and skipped characters", "const x = ((1)) : // a\n # // b\n\u00a0tiers\nconst y = 1"],
    ["tiers after a colon inside an unterminated string", 'const x = ((1)) "a:\ntiers t { 0 onward: 1% }'],
    ["tiers after a comment after a string", 'const x = ((1)) "a:" // c\n tiers t { 0 onward: 1% }'],
    ["keywords after numbers and underscores", "const x = ((1)) 2026-07-01_tiers 2026-07-012tiers 12-07-01_tiers x2026-07-01_tiers 12const 1_const _const x1const 1.5const 2026-07-01const a2const"],
    ["term and event with and without what makes them declare", "const x = ((1)) over term event 2026-01-01 e() term\n// c\n2026-01-01 to 2027-01-01, monthly"],
    ["event after a comment", "const x = ((1)) event // c\n e(x: USD)"],
  ])("%s", (_name, text) => {
    for (const depth of [0, 1]) expect(findTooDeepInText(text, depth)).toEqual(byTokens(text, depth));
  });

  it("100,000 nested ifs (3.7 MB): one TN1004 at the token that goes too deep, the declaration after it parsed", () => {
    const level = "if revenue >= 10 USD then 1 USD else ";
    const text = `const x = ${level.repeat(100_000)}1 USD\nconst y = 2\n`;
    expect(text.length).toBeGreaterThan(3_700_000);
    const result = parseSource(text);
    expect(result.diagnostics.map((d) => [d.code, d.range?.start, d.range?.end])).toEqual([
      [PARSE.nestingTooDeep, 10 + level.length * 100, 10 + level.length * 100 + 2],
    ]);
    expect(result.value.decls.map((d) => d.kind)).toEqual(["Const"]);
  });
});
