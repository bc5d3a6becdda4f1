import { describe, expect, it } from "vitest";
import { PARSE } from "../../src/diagnostics/codes/parse.ts";
import { parseSource } from "../../src/syntax/parse.ts";
import { formatSource, printProgram } from "../../src/syntax/print.ts";
import { commentsOf, stripRanges } from "./strip-ranges.ts";

/** Formats a source that must have no syntax errors. */
function fmt(source: string): string {
  const result = formatSource(source);
  expect(result.diagnostics).toEqual([]);
  return result.value!;
}

/** The formatted text of `const x = EXPR`'s expression. */
function fmtExpr(text: string): string {
  return fmt(`const x = ${text}`).replace(/^const x = /, "").replace(/\n$/, "");
}

// Comments in every position: file header, trailing on a declaration and on
// a party, between entries, dangling at a block's end, after `{`, inside a
// multi-line expression, after `}`, inside a test period, at the end of file.
const MESSY = `// file header


// second header paragraph
deal   "Messy \\"quoted\\" deal"   // trailing on deal
parties { a: "Alpha"  // alpha
  // before b
  b: "Beta" }
term 2026-01-31 to 2026-12-31 ,monthly currency JPY,rounding up settle net units gpu,gpu_hour
input x:gpu_hour per gpu
event boom ( amt : JPY , n : number ) // boom
event quiet()
const k = 1_000 // k
const r = ((2 + 3) * 4) - -(5) // r



const t = if a then b else c + 1
schedule s by period , tapering { period 1 to 2 : 10% // first
  // between
  period 3 onward: 5%
  // dangling in schedule
}
clause c "Title" { // after open
  let v = x * // inside expression
     2
  when not (a and b) or c < d for 2 consecutive periods { a pays b max(v, 0 JPY) }  // after when

  // before on
  on boom { a pays b amt } on boom {}
  at signing { a grants b 10 warrants at 5 JPY }
  cap 10 JPY per period cap 20 JPY over term
  from 2026-02-28 until 2026-11-30
  // dangling in clause
} // after clause
clause empty {}
test "t" {
  period 2026-01-31 { x = 1 gpu_hour per gpu, // xs
     }
  event 2026-02-01 boom(amt = 5 JPY, n = 2)
  period 2026-02-28 { x = 2 gpu_hour per gpu }
  expect a pays b 5 JPY under c in 2026-01-31
}
// end of file`;

const MESSY_FORMATTED = `// file header

// second header paragraph
deal "Messy \\"quoted\\" deal"  // trailing on deal

parties {
  a: "Alpha"  // alpha
  // before b
  b: "Beta"
}

term 2026-01-31 to 2026-12-31, monthly
currency JPY, rounding up
settle net
units gpu, gpu_hour
input x: gpu_hour per gpu
event boom(amt: JPY, n: number)  // boom
event quiet()
const k = 1_000             // k
const r = (2 + 3) * 4 - -5  // r

const t = if a then b else c + 1

schedule s by period, tapering {
  period 1 to 2: 10%  // first
  // between
  period 3 onward: 5%
  // dangling in schedule
}

clause c "Title" {  // after open
  // inside expression
  let v = x * 2
  when not (a and b) or c < d for 2 consecutive periods {
    a pays b max(v, 0 JPY)
  }  // after when

  // before on
  on boom {
    a pays b amt
  }
  on boom {}
  at signing {
    a grants b 10 warrants at 5 JPY
  }
  cap 10 JPY per period
  cap 20 JPY over term
  from 2026-02-28
  until 2026-11-30
  // dangling in clause
}  // after clause

clause empty {}

test "t" {
  period 2026-01-31 {
    x = 1 gpu_hour per gpu  // xs
  }
  event 2026-02-01 boom(amt = 5 JPY, n = 2)
  period 2026-02-28 { x = 2 gpu_hour per gpu }
  expect a pays b 5 JPY under c in 2026-01-31
}
// end of file
`;

describe("printProgram lays out a term sheet canonically", () => {
  it("puts every comment where it belongs in a sample with comments in every position", () => {
    expect(fmt(MESSY)).toBe(MESSY_FORMATTED);
  });

  it("is idempotent on that sample", () => {
    expect(fmt(MESSY_FORMATTED)).toBe(MESSY_FORMATTED);
  });

  it("keeps every comment, in order", () => {
    expect(commentsOf(fmt(MESSY))).toEqual(commentsOf(MESSY));
  });

  it("keeps the meaning: the formatted sample parses to the same tree", () => {
    expect(stripRanges(parseSource(fmt(MESSY)).value)).toEqual(stripRanges(parseSource(MESSY).value));
  });

  it("keeps at most one blank line and none at the top of a block", () => {
    const source = `clause c {\n\n\n  let a = 1\n\n\n\n  let b = 2\n\n}\n`;
    expect(fmt(source)).toBe(`clause c {\n  let a = 1\n\n  let b = 2\n}\n`);
  });

  it("puts a blank line between top-level blocks but keeps one-line declarations together", () => {
    const source = `deal "D" parties { a: "A" } term 2026-01-01 to 2026-12-31, monthly currency USD input r: USD clause c { a pays b r } clause d { b pays a r }`;
    expect(fmt(source)).toBe(
      `deal "D"\n\nparties {\n  a: "A"\n}\n\nterm 2026-01-01 to 2026-12-31, monthly\ncurrency USD\ninput r: USD\n\n` +
        `clause c {\n  a pays b r\n}\n\nclause d {\n  b pays a r\n}\n`,
    );
  });

  it("lines up trailing comments of consecutive lines two spaces after the longest", () => {
    const source = `input a: USD // one\ninput long_name: USD     // two\nconst k = 1\ninput z: USD // three\n`;
    expect(fmt(source)).toBe(`input a: USD          // one\ninput long_name: USD  // two\nconst k = 1\ninput z: USD  // three\n`);
  });

  it("writes an empty source as an empty file and a comment-only file as its comments", () => {
    expect(fmt("")).toBe("");
    expect(fmt("  // only a comment   \n\n")).toBe("// only a comment\n");
  });

  it("turns CRLF line ends into LF", () => {
    expect(fmt(`deal "D"\r\n// c\r\nsettle net\r\n`)).toBe(`deal "D"\n// c\nsettle net\n`);
  });

  it("keeps number literals as written, with their scale, percent and unit", () => {
    expect(fmt(`const a = 1_000_000 USD\nconst b = 6.3 billion USD\nconst c = 12.5%\nconst d = 1.85 USD per gpu_hour\nconst e = 0050\n`)).toBe(
      `const a = 1_000_000 USD\nconst b = 6.3 billion USD\nconst c = 12.5%\nconst d = 1.85 USD per gpu_hour\nconst e = 0050\n`,
    );
  });

  it("re-escapes strings: the value is unchanged", () => {
    const out = fmt(`deal "a \\"b\\" c\\\\d \\n"`);
    expect(out).toBe(`deal "a \\"b\\" c\\\\d \\\\n"\n`);
    const deal = (s: string) => parseSource(s).value.decls[0];
    expect(stripRanges(deal(out))).toEqual(stripRanges(deal(`deal "a \\"b\\" c\\\\d \\n"`)));
  });

  it("writes schedule keys of every shape", () => {
    const source = `schedule s by date { 2026-01-01: 1  2026-02-01 to 2026-03-01: 2 2026-04-01 onward: 3 }\nschedule y by contract_year { year 1 to 2: 1 year 3 onward: 2 }`;
    expect(fmt(source)).toBe(
      `schedule s by date {\n  2026-01-01: 1\n  2026-02-01 to 2026-03-01: 2\n  2026-04-01 onward: 3\n}\n\nschedule y by contract_year {\n  year 1 to 2: 1\n  year 3 onward: 2\n}\n`,
    );
  });

  it("keeps test items in source order", () => {
    const source = `test "t" { expect a pays b 1 USD event 2026-01-02 e() period 2026-01-01 { r = 1 USD r2 = 2 USD } }`;
    expect(fmt(source)).toBe(`test "t" {\n  expect a pays b 1 USD\n  event 2026-01-02 e()\n  period 2026-01-01 { r = 1 USD, r2 = 2 USD }\n}\n`);
  });

  it("prints a bare AST (no source): no comments, digits without separators", () => {
    const source = `// gone\nconst a = 1_000 USD // gone too\n`;
    expect(printProgram(parseSource(source).value)).toBe(`const a = 1000 USD\n`);
  });
});

describe("printProgram writes expressions with the fewest parentheses", () => {
  it.each([
    ["(a + b) * c", "(a + b) * c"],
    ["a + (b * c)", "a + b * c"],
    ["(a - b) - c", "a - b - c"],
    ["a - (b - c)", "a - (b - c)"],
    ["a / (b * c)", "a / (b * c)"],
    ["(a * b) / c", "a * b / c"],
    ["(a < b) == (c < d)", "(a < b) == (c < d)"],
    ["not (a < b)", "not a < b"],
    ["(not a) and b", "not a and b"],
    ["not (a and b)", "not (a and b)"],
    ["not (not a)", "not not a"],
    ["a and (not b)", "a and not b"],
    ["a < (not b)", "a < (not b)"],
    ["(not a) == b", "(not a) == b"],
    ["(a or b) and c", "(a or b) and c"],
    ["a or (b and c)", "a or b and c"],
    ["-(a + b)", "-(a + b)"],
    ["-(-a)", "--a"],
    ["(-a) * b", "-a * b"],
    ["-(a * b)", "-(a * b)"],
    ["-(not a)", "-(not a)"],
    ["(if a then b else c) + d", "(if a then b else c) + d"],
    ["d + (if a then b else c)", "d + if a then b else c"],
    ["(d + (if a then b else c)) * e", "(d + if a then b else c) * e"],
    ["-(if a then b else c) * e", "-(if a then b else c) * e"],
    ["if (if a then b else c) then (d + e) else (f * g)", "if if a then b else c then d + e else f * g"],
    ["max((a + b), min(c, d))", "max(a + b, min(c, d))"],
    ["((2026-01-01)) + 30 days", "2026-01-01 + 30 days"],
    ["contract_year - 1", "contract_year - 1"],
  ])("%s → %s", (input, expected) => {
    expect(fmtExpr(input)).toBe(expected);
    expect(stripRanges(parseSource(`const x = ${expected}`).value)).toEqual(stripRanges(parseSource(`const x = ${input}`).value));
  });
});

describe("formatSource refuses a source with syntax errors", () => {
  it("returns null and the parse diagnostics", () => {
    const result = formatSource(`clause c {\n  a pays b 1 * * 2\n}\n`);
    expect(result.value).toBeNull();
    expect(result.diagnostics.map((d) => d.code)).toEqual([PARSE.unexpectedToken]);
    expect(result.diagnostics[0]!.range).toEqual({ start: 24, end: 25 }); // the `*` before the stray one
  });

  it("refuses an unterminated string", () => {
    const result = formatSource(`deal "open\n`);
    expect(result.value).toBeNull();
    expect(result.diagnostics.map((d) => d.code)).toContain(PARSE.unterminatedString);
  });
});
