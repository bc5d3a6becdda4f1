/**
 * Exact evaluation of constant expressions (literals, consts, arithmetic,
 * built-ins) with Decimal: what lets the checker prove a `tapering`
 * schedule never rises and a rounding step is positive. A built-in is
 * folded by the very evaluator the runtime settles with (src/builtins), so
 * what the checker proves is what the ledger shows.
 */
import { Decimal, DecimalLimitError } from "../eval/decimal.ts";
import { CHECK } from "../diagnostics/codes/check.ts";
import type { Call, ConstDecl, Expr, NumberLit } from "../syntax/ast.ts";
import type { CheckContext } from "./context.ts";
import type { CheckedTiers } from "./checked-program.ts";
import { addDays, addMonths, addYears, type CalendarDate } from "../eval/dates.ts";
import { builtinNamed } from "../builtins/registry.ts";
import type { CallSite, TableRows, Value } from "../builtins/builtin.ts";
import { currencyDecimals } from "../types/currencies.ts";

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

/** Thrown by a built-in that would fail at run time: the call is not a constant. */
const NOT_CONSTANT = Symbol("not constant");

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
        return this.bounded(e, () => this.call(e));
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

  /** A built-in call whose arguments are constants, folded by the built-in's own evaluator; null when it reads the period or would fail. */
  private call(e: Call): ConstValue | null {
    const fn = builtinNamed(e.callee.text);
    if (fn === undefined || fn.readsPeriod(e.args.length).length > 0) return null;
    const table = fn.takesTable ? tableRowsOfCall(this.ctx, e.args) : null;
    if (fn.takesTable && table === null) return null;
    const values: Value[] = [];
    for (const a of fn.takesTable ? e.args.slice(1) : e.args) {
      const v = this.ctx.types.get(a)?.kind === "date" ? this.evalDate(a) : this.eval(a);
      if (v === null) return null;
      values.push(v);
    }
    const t = this.ctx.types.get(e);
    const site: CallSite = {
      rounding: this.ctx.rounding,
      text: "",
      table,
      decimals: fn.roundsToCurrency && t?.kind === "number" ? currencyDecimals(t.unit.toString()) : null,
      fail: () => {
        throw NOT_CONSTANT;
      },
    };
    try {
      const v = fn.evaluate(values, site, null);
      return v instanceof Decimal || typeof v === "boolean" ? v : null;
    } catch (error) {
      if (error === NOT_CONSTANT) return null;
      throw error;
    }
  }

  /**
   * The value of a constant date expression (a date literal, a const holding
   * one, or one of those shifted by a whole duration literal), or null.
   */
  evalDate(e: Expr, depth = 0): CalendarDate | null {
    if (depth > 50) return null;
    switch (e.kind) {
      case "DateExpr":
        return this.ctx.date(e.date);
      case "NameRef": {
        const b = this.ctx.bindings.get(e);
        return b?.kind === "const" ? this.evalDate(b.decl.value, depth + 1) : null;
      }
      case "Binary": {
        if (e.op !== "+" && e.op !== "-") return null;
        const [dateSide, durSide] = this.ctx.types.get(e.left)?.kind === "date" ? [e.left, e.right] : [e.right, e.left];
        if (e.op === "-" && dateSide !== e.left) return null;
        const d = this.evalDate(dateSide, depth + 1);
        if (d === null || durSide.kind !== "NumberLit") return null;
        const t = this.ctx.types.get(durSide);
        const v = literalValue(durSide);
        if (t?.kind !== "duration" || v === null || !v.isInteger()) return null;
        const n = v.toSafeInt();
        if (n === null || Math.abs(n) > 100_000) return null;
        const k = e.op === "-" ? -n : n;
        const out = t.per === "days" ? addDays(d, k) : t.per === "months" ? addMonths(d, k) : addYears(d, k);
        return out.year < 1 || out.year > 9999 ? null : out;
      }
      default:
        return null;
    }
  }
}

/** The rows of the table a table built-in's first argument names, for folding a constant call; null when there is none. */
function tableRowsOfCall(ctx: CheckContext, args: readonly Expr[]): TableRows | null {
  const tableArg = args[0];
  const b = tableArg?.kind === "NameRef" ? ctx.bindings.get(tableArg) : undefined;
  const checked: CheckedTiers | null | undefined = b?.kind === "tiers" ? ctx.tiers.get(b.decl) : undefined;
  if (checked === undefined || checked === null) return null;
  return { name: checked.decl.name.text, rows: checked.rows, boundUnit: checked.bound.unit.isNone ? null : checked.bound.unit.toString() };
}
