import { describe, expect, it } from "vitest";
import { lex } from "../../grammar/lexer.ts";
import { KEYWORDS } from "../../grammar/tokens.ts";
import { parseSource } from "../../src/syntax/parse.ts";

function kinds(text: string): string[] {
  return lex(text).tokens.map((t) => `${t.tokenType.name}:${t.image}`);
}

function clause(body: string): string {
  return `clause c {\n${body}\n}\n`;
}

describe("balance tokens and statements", () => {
  it("reserves balance, add and subtract, while longer names stay identifiers", () => {
    expect(KEYWORDS).toEqual(expect.arrayContaining(["balance", "add", "subtract"]));
    expect(kinds("balance balances add added subtract subtracted")).toEqual([
      "Balance:balance", "Identifier:balances", "Add:add", "Identifier:added", "Subtract:subtract", "Identifier:subtracted",
    ]);
  });

  it("reads `subtract X from NAME` as one statement and `from DATE` after it as the window", () => {
    const parsed = parseSource(clause("  balance left = 5 USD\n  subtract 2 USD from left\n  from 2027-01-01"));
    expect(parsed.diagnostics).toEqual([]);
    const c = parsed.value.decls[0]!;
    if (c.kind !== "Clause") throw new Error("expected a clause");
    expect(c.body.map((s) => s.kind)).toEqual(["Balance", "Adjust", "Window"]);
  });

  it("reads a number's unit before `to`, and no unit when `to` follows the number", () => {
    const parsed = parseSource(clause("  add 5 USD to a\n  add 5 to b"));
    expect(parsed.diagnostics).toEqual([]);
  });

  it("reports a missing `to` or balance name as one syntax error", () => {
    const missingTo = parseSource(clause("  add 5 USD total"));
    expect(missingTo.diagnostics.map((d) => d.code)).toEqual(["TN1002"]);
    const missingName = parseSource(clause("  subtract 5 USD from 2027-01-01"));
    expect(missingName.diagnostics.map((d) => d.code)).toEqual(["TN1002"]);
  });

  it("cannot use balance, add or subtract as names", () => {
    expect(parseSource("const add = 1").diagnostics.map((d) => d.code)).toEqual(["TN1002"]);
    expect(parseSource(clause("  let balance = 1")).diagnostics.map((d) => d.code)).toEqual(["TN1002"]);
  });
});
