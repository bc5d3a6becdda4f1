/**
 * Expression text for run-time error messages, printed from the AST when
 * the program is lowered to IR, so the runtime needs no source text (it
 * runs from compiled artifacts). Parentheses appear only where precedence
 * needs them.
 */
import type { Expr, NumberLit, UnitExpr } from "../syntax/ast.ts";

// Binding strength, lowest first, as in the grammar.
const OR = 1;
const AND = 2;
const NOT = 3;
const COMPARE = 4;
const ADD = 5;
const MUL = 6;
const NEG = 7;
const PRIMARY = 8;

const BINARY_LEVEL: Readonly<Record<string, number>> = {
  or: OR, and: AND,
  "<": COMPARE, "<=": COMPARE, ">": COMPARE, ">=": COMPARE, "==": COMPARE, "!=": COMPARE,
  "+": ADD, "-": ADD, "*": MUL, "/": MUL,
};

export function unitText(u: UnitExpr): string {
  const num = u.numerator.map((n) => n.text).join(" ");
  const den = u.denominator.map((n) => n.text).join(" ");
  if (den === "") return num;
  return `${num === "" ? "1" : num} per ${den}`;
}

export function numberLitText(n: NumberLit): string {
  let text = n.digits;
  if (n.scale) text += ` ${n.scale}`;
  if (n.percent) text += "%";
  if (n.unit) text += ` ${unitText(n.unit)}`;
  return text;
}

function level(e: Expr): number {
  switch (e.kind) {
    case "Binary": return BINARY_LEVEL[e.op] ?? PRIMARY;
    case "Unary": return e.op === "not" ? NOT : NEG;
    // `if` extends as far right as it can: wrap it whenever it is an operand.
    case "IfExpr": return 0;
    default: return PRIMARY;
  }
}

function wrap(e: Expr, min: number): string {
  const text = exprText(e);
  return level(e) < min ? `(${text})` : text;
}

/** The canonical text of an expression, e.g. `(capacity_hours - sold_hours) * 2 USD per gpu_hour`. */
export function exprText(e: Expr): string {
  switch (e.kind) {
    case "NumberLit": return numberLitText(e);
    case "DateExpr": return e.date.text;
    case "NameRef": return e.name.text;
    case "Unary":
      return e.op === "not" ? `not ${wrap(e.operand, NOT)}` : `-${wrap(e.operand, NEG)}`;
    case "Binary": {
      const l = level(e);
      // Left-associative: the right operand needs parentheses at the same level; comparisons do not chain.
      const leftMin = l === COMPARE ? COMPARE + 1 : l;
      return `${wrap(e.left, leftMin)} ${e.op} ${wrap(e.right, l + 1)}`;
    }
    case "Call": return `${e.callee.text}(${e.args.map(exprText).join(", ")})`;
    case "IfExpr": return `if ${exprText(e.cond)} then ${exprText(e.then)} else ${exprText(e.else)}`;
    case "ErrorExpr": return "<error>";
  }
}
