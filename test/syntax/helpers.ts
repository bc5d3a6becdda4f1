/** Shared helpers for the parser tests: parse a source and look at its declarations and diagnostics by line. */
import { expect } from "vitest";
import type { Diagnostic } from "../../src/diagnostics/diagnostic.ts";
import { LineMap } from "../../src/diagnostics/positions.ts";
import type { Decl, Expr, Program, Stmt } from "../../src/syntax/ast.ts";
import { parseSource } from "../../src/syntax/parse.ts";

/** Parses and asserts there is no diagnostic. */
export function parseClean(source: string): Program {
  const result = parseSource(source);
  expect(result.diagnostics).toEqual([]);
  return result.value;
}

/** The only declaration of a clean source. */
export function onlyDecl(source: string): Decl {
  const decls = parseClean(source).decls;
  expect(decls).toHaveLength(1);
  return decls[0]!;
}

/** The expression of `const x = EXPR`. */
export function exprOf(text: string): Expr {
  const decl = onlyDecl(`const x = ${text}`);
  if (decl.kind !== "Const") throw new Error(`expected a const, got ${decl.kind}`);
  return decl.value;
}

/** The statements of `clause c { BODY }`. */
export function bodyOf(body: string): readonly Stmt[] {
  const decl = onlyDecl(`clause c {\n${body}\n}`);
  if (decl.kind !== "Clause") throw new Error(`expected a clause, got ${decl.kind}`);
  return decl.body;
}

/** Diagnostics as `code@line` plus their messages, for compact assertions. */
export function located(source: string, diagnostics: readonly Diagnostic[]): { code: string; line: number; message: string }[] {
  const map = new LineMap(source);
  return diagnostics.map((d) => ({ code: d.code, line: map.position(d.range?.start ?? 0).line, message: d.message }));
}

/** An expression written back with full parentheses, to assert precedence and values at a glance. */
export function show(e: Expr): string {
  switch (e.kind) {
    case "NumberLit": {
      const unit = e.unit === null ? "" : ` ${e.unit.numerator.map((n) => n.text).join("*")}${e.unit.denominator.length > 0 ? ` per ${e.unit.denominator.map((n) => n.text).join("*")}` : ""}`;
      return `${e.digits}${e.scale === null ? "" : ` ${e.scale}`}${e.percent ? "%" : ""}${unit}`;
    }
    case "DateExpr":
      return e.date.text;
    case "NameRef":
      return e.name.text;
    case "Unary":
      return `(${e.op} ${show(e.operand)})`;
    case "Binary":
      return `(${show(e.left)} ${e.op} ${show(e.right)})`;
    case "Call":
      return `${e.callee.text}(${e.args.map(show).join(", ")})`;
    case "IfExpr":
      return `(if ${show(e.cond)} then ${show(e.then)} else ${show(e.else)})`;
    case "ErrorExpr":
      return "<error>";
  }
}
