import { describe, expect, it } from "vitest";
import { literalValue } from "../../src/check/const-eval.ts";
import type { NumberLit } from "../../src/syntax/ast.ts";

function lit(digits: string, scale: NumberLit["scale"] = null, percent = false): NumberLit {
  return { kind: "NumberLit", digits, scale, percent, unit: null, range: { start: 0, end: 0 } };
}

describe("literal values", () => {
  it("applies scale words and percent exactly", () => {
    expect(literalValue(lit("6.3", "billion"))!.toString()).toBe("6300000000");
    expect(literalValue(lit("250", "million"))!.toString()).toBe("250000000");
    expect(literalValue(lit("12.5", null, true))!.toString()).toBe("0.125");
    expect(literalValue(lit("0.000000000000000000001", null, true))!.toString()).toBe("0.00000000000000000000001");
  });

  it("gives null for digits that are not a decimal", () => {
    expect(literalValue(lit("1e5"))).toBeNull();
  });
});
