/**
 * Exact evaluation of constant expressions (literals, consts, arithmetic,
 * built-ins) with Decimal: what lets the checker prove a `tapering`
 * schedule never rises and a rounding step is positive.
 */
import { Decimal, DecimalLimitError } from "../eval/decimal.ts";
import { CHECK } from "../diagnostics/codes/check.ts";
import type { ConstDecl, Expr, NumberLit } from "../syntax/ast.ts";
import type { CheckContext } from "./context.ts";
import { constTierCall, isTierBuiltin } from "./tiers.ts";
import { compound, isCompoundPeriods } from "../eval/finance.ts";

export type ConstValue = Decimal | boolean;

const MILLION = Decimal.parse("1000000")!;
const BILLION = Decimal.parse("1000000000")!;
const PERCENT = Decimal.parse("0.01")!;

/** The exact value of a number literal: digits × scale, ÷ 100 with `%`. Null for malformed digits. */
export function literalValue(lit: NumberLit): Decimal | null {
  let v = Decimal.parse(lit.digits);
  if (v === null) return null;
  if (lit.scale === "million") v = v.mul(MILLION);
  if (lit.scale === "billion") v = v.mul(BILLION);
  if (lit.percent) v = v.mul(PERCENT);
  return v;
}

/** Evaluates constant expressions; null for anything not constant (inputs, period facts, dates, ÷ 0). */
export class ConstEvaluator {
  private readonly memo = new Map<ConstDecl, ConstValue | null>();
  private readonly active = new Set<ConstDecl>();
  private readonly tooLarge = new Set<Expr>();

  /** Needs the bindings the checker recorded for the expressions it evaluates. */
  constructor(private readonly ctx: CheckContext) {}

  eval(e: Expr): ConstValue | null {
    // Only numbers and booleans are constants here; the checker has typed every expression by now.
    const t = this.ctx.types.get(e);
    if (t === undefined || t.kind === "error" || t.kind === "date" || t.kind === "duration") return null;
    switch (e.kind) {
      case "NumberLit":
        return literalValue(e);
      case "NameRef": {
        const b = this.ctx.bindings.get(e);
        return b?.kind === "const" ? this.constValue(b.decl) : null;
      }
      case "Unary": {
        const v = this.eval(e.operand);
        if (e.op === "not") return typeof v === "boolean" ? !v : null;
        return v instanceof Decimal ? v.neg() : null;
      }
      case "Binary":
        return this.bounded(e, () => this.binary(e.op, e.left, e.right));
      case "IfExpr": {
        const c = this.eval(e.cond);
        return typeof c === "boolean" ? this.eval(c ? e.then : e.else) : null;
      }
      case "Call":
        return this.bounded(e, () => this.call(e.callee.text, e.args));
      default:
        return null;
    }
  }

  /** Runs one step of arithmetic; a value past Decimal's limits is reported once, where it arises, and is not a constant. */
  private bounded(e: Expr, step: () => ConstValue | null): ConstValue | null {
    try {
      return step();
    } catch (error) {
      if (!(error instanceof DecimalLimitError)) throw error;
      // Caught where it arises (the operands came back as values), so the report points at that step.
      if (!this.tooLarge.has(e)) {
        this.tooLarge.add(e);
        this.ctx.error(CHECK.valueTooLarge, e.range, error.message);
      }
      return null;
    }
  }

  private constValue(decl: ConstDecl): ConstValue | null {
    if (this.memo.has(decl)) return this.memo.get(decl)!;
    if (this.active.has(decl)) return null; // a cycle, reported elsewhere
    this.active.add(decl);
    const v = this.eval(decl.value);
    this.active.delete(decl);
    this.memo.set(decl, v);
    return v;
  }

  private binary(op: string, l: Expr, r: Expr): ConstValue | null {
    const a = this.eval(l);
    if (op === "and" && a === false) return false;
    if (op === "or" && a === true) return true;
    const b = this.eval(r);
    if (a === null || b === null) return null;
    if (typeof a === "boolean" || typeof b === "boolean") {
      if (typeof a !== "boolean" || typeof b !== "boolean") return null;
      if (op === "and") return a && b;
      if (op === "or") return a || b;
      if (op === "==") return a === b;
      if (op === "!=") return a !== b;
      return null;
    }
    switch (op) {
      case "+": return a.add(b);
      case "-": return a.sub(b);
      case "*": return a.mul(b);
      case "/": return b.isZero() ? null : a.div(b);
      case "<": return a.lt(b);
      case "<=": return a.lte(b);
      case ">": return a.gt(b);
      case ">=": return a.gte(b);
      case "==": return a.eq(b);
      case "!=": return !a.eq(b);
      default: return null;
    }
  }

  private call(name: string, args: readonly Expr[]): ConstValue | null {
    if (isTierBuiltin(name)) return constTierCall(this.ctx, name, args, (a) => this.eval(a));
    const vs: Decimal[] = [];
    for (const a of args) {
      const v = this.eval(a);
      if (!(v instanceof Decimal)) return null;
      vs.push(v);
    }
    const [x, step] = vs;
    if (x === undefined) return null;
    switch (name) {
      case "min": return vs.reduce((m, v) => Decimal.min(m, v));
      case "max": return vs.reduce((m, v) => Decimal.max(m, v));
      case "abs": return x.abs();
      case "round": return step === undefined ? x.round(0, this.ctx.rounding) : step.gt(Decimal.ZERO) ? x.roundToStep(step, this.ctx.rounding) : null;
      case "floor": return step === undefined ? x.floor() : step.gt(Decimal.ZERO) ? x.div(step).floor().mul(step) : null;
      case "ceil": return step === undefined ? x.ceil() : step.gt(Decimal.ZERO) ? x.div(step).ceil().mul(step) : null;
      case "compound": return step !== undefined && isCompoundPeriods(step) ? compound(x, step) : null;
      default: return null;
    }
  }
}
