/**
 * Expressions, literals and units written back as source text, with the
 * fewest parentheses that make the parser rebuild the same tree.
 *
 * Precedence comes from ./precedence.ts. `if … then … else …` is a primary that extends as far right
 * as possible, so it is bracketed whenever anything of the enclosing
 * expression follows it.
 */
import type { Expr, NumberLit, ParamType, StringLit, UnitExpr } from "./ast.ts";
import {
  BINARY_PRECEDENCE, COMPARISON_PRECEDENCE as COMPARISON, NEGATION_PRECEDENCE, NOT_PRECEDENCE as NOT, PRIMARY_PRECEDENCE as PRIMARY,
} from "./precedence.ts";


function precedence(e: Expr): number {
  switch (e.kind) {
    case "Binary":
      return BINARY_PRECEDENCE[e.op] ?? PRIMARY;
    case "Unary":
      return e.op === "not" ? NOT : NEGATION_PRECEDENCE;
    default:
      return PRIMARY;
  }
}

/** A string literal, quoted, with `\` and `"` escaped (its value is unchanged). */
export function printString(s: StringLit): string {
  return `"${s.value.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
}

/** `USD`, `USD per gpu_hour`. */
export function printUnit(u: UnitExpr): string {
  const numerator = u.numerator.map((n) => n.text).join(" ");
  const denominator = u.denominator.map((n) => n.text).join(" ");
  return denominator === "" ? numerator : `${numerator} per ${denominator}`;
}

/**
 * Writes expressions. `digitsOf` gives a number literal's digits as the
 * author wrote them (`40_000`); without a source it is the AST's digits.
 */
export class ExprPrinter {
  constructor(private readonly digitsOf: (n: NumberLit) => string = (n) => n.digits) {}

  /** `NUMBER [million|billion] [% | UNIT]` */
  number(n: NumberLit): string {
    let text = this.digitsOf(n);
    if (n.scale !== null) text += ` ${n.scale}`;
    if (n.percent) text += "%";
    if (n.unit !== null) text += ` ${printUnit(n.unit)}`;
    return text;
  }

  /** The expression as it stands alone (nothing of an enclosing expression follows it). */
  expr(e: Expr): string {
    return this.print(e, false);
  }

  /**
   * `open`: more of the enclosing expression is written right after this
   * one, so an `if` on its right edge must be bracketed.
   */
  private print(e: Expr, open: boolean): string {
    switch (e.kind) {
      case "NumberLit":
        return this.number(e);
      case "DateExpr":
        return e.date.text;
      case "NameRef":
        return e.name.text;
      case "Call":
        return `${e.callee.text}(${e.args.map((a) => this.print(a, false)).join(", ")})`;
      case "IfExpr": {
        const text = `if ${this.print(e.cond, false)} then ${this.print(e.then, false)} else ${this.print(e.else, false)}`;
        return open ? `(${text})` : text;
      }
      case "Unary": {
        if (e.op === "-") {
          // `-` applies to a primary (or another `-`): `-a * b` is `(-a) * b`.
          const bare = e.operand.kind !== "Binary" && !(e.operand.kind === "Unary" && e.operand.op === "not");
          return bare ? `-${this.print(e.operand, open)}` : `-(${this.print(e.operand, false)})`;
        }
        // `not` takes a comparison or tighter: `not a < b` is `not (a < b)`.
        return precedence(e.operand) < COMPARISON && precedence(e.operand) !== NOT
          ? `not (${this.print(e.operand, false)})`
          : `not ${this.print(e.operand, open)}`;
      }
      case "Binary": {
        const p = precedence(e);
        const l = precedence(e.left);
        const r = precedence(e.right);
        // Left-associative; comparisons do not chain at all.
        const leftParens = l < p || (p === COMPARISON && l === COMPARISON);
        const rightParens = r <= p;
        const left = leftParens ? `(${this.print(e.left, false)})` : this.print(e.left, true);
        const right = rightParens ? `(${this.print(e.right, false)})` : this.print(e.right, open);
        return `${left} ${e.op} ${right}`;
      }
      case "ErrorExpr":
        // Never reached through formatSource, which refuses sources with syntax errors.
        return "(?)";
    }
  }
}

const PLAIN = new ExprPrinter();

/**
 * The canonical text of an expression, number literals as the AST holds
 * them (`1_000_000` is 1000000): what messages and the IR quote.
 */
export function printExpr(e: Expr): string {
  return PLAIN.expr(e);
}

/** A parameter's type as written: `party`, `event(amount: USD)`, `money per gpu_hour`, … */
export function paramTypeText(t: ParamType): string {
  switch (t.kind) {
    case "party": case "unit": case "tiers": case "date":
      return t.kind;
    case "duration":
      return t.per;
    case "event":
      return `event(${t.params.map((p) => `${p.name.text}: ${printUnit(p.unit)}`).join(", ")})`;
    case "value":
      return printUnit(t.unit);
  }
}
