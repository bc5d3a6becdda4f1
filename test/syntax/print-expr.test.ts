import { describe, expect, it } from "vitest";
import { printExpr } from "../../src/syntax/print-expr.ts";
import type { ConstDecl } from "../../src/syntax/ast.ts";
import { parseSource } from "../../src/syntax/parse.ts";

const printed = (expr: string): string => {
  const parsed = parseSource(`const x = ${expr}`);
  expect(parsed.diagnostics).toEqual([]);
  return printExpr((parsed.value.decls[0] as ConstDecl).value);
};

describe("printExpr: the text messages and the IR quote", () => {
  it.each([
    ["(capacity_hours - sold_hours) * 2 USD per gpu_hour", "(capacity_hours - sold_hours) * 2 USD per gpu_hour"],
    ["a - (b - c)", "a - (b - c)"],
    ["(a - b) - c", "a - b - c"],
    ["a / (b * c)", "a / (b * c)"],
    ["-(a + b)", "-(a + b)"],
    ["not (a and b) or c", "not (a and b) or c"],
    ["(a < b) == (c < d)", "(a < b) == (c < d)"],
    ["12.5%", "12.5%"],
    ["6.3 billion USD", "6.3 billion USD"],
    ["1_000_000", "1000000"],
    ["max(a - b, 0 gpu_hour)", "max(a - b, 0 gpu_hour)"],
    ["(if a then b else c) + 1", "(if a then b else c) + 1"],
    ["2026-07-01 + 30 days", "2026-07-01 + 30 days"],
  ])("prints %s as %s", (source, text) => {
    expect(printed(source)).toBe(text);
  });
});
