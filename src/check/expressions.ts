/**
 * Types of expressions (brief §2): resolves every NameRef, gives every
 * expression a Type, and reports unit and type mismatches naming both
 * sides. An operand of the error type (already reported, or an ErrorExpr
 * the parser left) makes the result the error type without a new report.
 */
import { CHECK } from "../diagnostics/codes/check.ts";
import { Decimal } from "../eval/decimal.ts";
import type { Binary, Call, Expr, IfExpr, LetStmt, NameRef, NumberLit, Unary } from "../syntax/ast.ts";
import type { Type } from "./checked-program.ts";
import { literalValue, type ConstEvaluator } from "./const-eval.ts";
import type { CheckContext } from "./context.ts";
import type { Scope, ScopeEntry } from "./scope.ts";
import { bindingNoun } from "./names.ts";
import { closestName, didYouMean } from "../diagnostics/suggest.ts";
import {
  BOOL_TYPE, DATE_TYPE, ERROR_TYPE, PLAIN_TYPE, describeType, numberType, sameType, unitWord,
} from "./types.ts";
import { resolveUnitExpr } from "./units.ts";
import { checkTierCall, isTierBuiltin } from "./tiers.ts";
import { FINANCE_BUILTINS, typeCompound, typeFinanceCall } from "./builtins-finance.ts";

/** Deeper expressions are refused: the interpreter recurses over them too. */
export const MAX_EXPRESSION_DEPTH = 1000;

/** The built-in functions and how many arguments each takes (brief §2). */
export const BUILTINS: Readonly<Record<string, {
  readonly min: number;
  readonly max: number;
  readonly usage: string;
  /** When only some counts between min and max are allowed (the day counts: 0 or 2). */
  readonly counts?: readonly number[];
  /** One line for the editor's hover (docs/language.md §4 has the rules). */
  readonly summary?: string;
}>> = {
  min: { min: 2, max: Infinity, usage: "min(a, b, …)" },
  max: { min: 2, max: Infinity, usage: "max(a, b, …)" },
  abs: { min: 1, max: 1, usage: "abs(x)" },
  round: { min: 1, max: 2, usage: "round(x) or round(x, step)" },
  floor: { min: 1, max: 2, usage: "floor(x) or floor(x, step)" },
  ceil: { min: 1, max: 2, usage: "ceil(x) or ceil(x, step)" },
  // Finance built-ins (builtins-finance.ts).
  interpolate: {
    min: 4,
    max: 5,
    usage: "interpolate(from_value, to_value, from_date, to_date) or interpolate(from_value, to_value, from_date, to_date, at)",
    summary: "linear taper from from_value on from_date to to_value on to_date, taken at `at` (default period_start)",
  },
  act_365f: { min: 0, max: 2, counts: [0, 2], usage: "act_365f() or act_365f(from, to)", summary: "year fraction ACT/365F: days from `from` up to `to` (excluded) / 365; no arguments: the period" },
  act_360: { min: 0, max: 2, counts: [0, 2], usage: "act_360() or act_360(from, to)", summary: "year fraction ACT/360: days from `from` up to `to` (excluded) / 360; no arguments: the period" },
  thirty_360: { min: 0, max: 2, counts: [0, 2], usage: "thirty_360() or thirty_360(from, to)", summary: "year fraction 30/360 (ISDA bond basis); no arguments: the period" },
  convert: { min: 2, max: 2, usage: "convert(amount, rate)", summary: "amount in currency C × rate in D per C, rounded to D's minor unit with the deal's rounding mode" },
  compound: { min: 2, max: 2, usage: "compound(rate, n)", summary: "(1 + rate)^n, exact: rate a plain number, n a whole number from 0 to 1000" },
  // Tiers tables (tiers.ts): the first argument is a table's name.
  tier: { min: 2, max: 2, usage: "tier(tiers, x)" },
  marginal: { min: 3, max: 3, usage: "marginal(tiers, base_before, amount)" },
};

/** Where an expression is typed: its scope and what names it may use. */
export interface ExprEnv {
  readonly scope: Scope;
  /**
   * Called for each resolved name; returns false after reporting a name not
   * allowed here (a let in a cap, an input in a const, …).
   */
  readonly allow?: (ref: NameRef, entry: ScopeEntry) => boolean;
  /** Called for an unknown name; returns true after explaining it (a let not visible here). */
  readonly explainUnknown?: (ref: NameRef) => boolean;
  /** Collects the lets used, for the unused-let warning. */
  readonly usedLets?: Set<LetStmt>;
}

export class ExprChecker {
  private depth = 0;
  private tooDeep = false;

  constructor(
    private readonly ctx: CheckContext,
    private readonly consts: ConstEvaluator,
  ) {}

  /** The type of `e`, recorded with those of its parts in ctx.types. */
  check(e: Expr, env: ExprEnv): Type {
    this.depth = 0;
    this.tooDeep = false;
    return this.type(e, env);
  }

  private type(e: Expr, env: ExprEnv): Type {
    if (++this.depth > MAX_EXPRESSION_DEPTH) {
      this.depth--;
      if (!this.tooDeep) {
        this.tooDeep = true;
        this.ctx.error(CHECK.expressionTooDeep, e.range, `expression nested more than ${MAX_EXPRESSION_DEPTH} levels deep; split it with lets`);
      }
      return ERROR_TYPE;
    }
    const t = this.typeOf(e, env);
    this.depth--;
    this.ctx.types.set(e, t);
    return t;
  }

  private typeOf(e: Expr, env: ExprEnv): Type {
    switch (e.kind) {
      case "NumberLit":
        return this.literal(e);
      case "DateExpr":
        return this.ctx.date(e.date) === null ? ERROR_TYPE : DATE_TYPE;
      case "NameRef":
        return this.name(e, env);
      case "Unary":
        return this.unary(e, env);
      case "Binary":
        return this.binary(e, env);
      case "Call":
        return this.call(e, env);
      case "IfExpr":
        return this.ifExpr(e, env);
      case "ErrorExpr":
        return ERROR_TYPE;
    }
  }

  private literal(e: NumberLit): Type {
    if (e.percent || e.unit === null) return PLAIN_TYPE;
    const t = resolveUnitExpr(this.ctx, e.unit, "literal");
    if (t.kind === "duration") {
      // Date arithmetic moves by whole days, months or years.
      const v = literalValue(e);
      if (v !== null && !v.isInteger()) {
        this.ctx.error(CHECK.durationNotWhole, e.range, `a duration must be a whole number of ${t.per}, not ${v.toString()}`);
        return ERROR_TYPE;
      }
    }
    return t;
  }

  private name(ref: NameRef, env: ExprEnv): Type {
    const text = ref.name.text;
    const entry = env.scope.lookup(text);
    if (entry === undefined) {
      if (text === "" || env.scope.lenient) return ERROR_TYPE;
      if (env.explainUnknown?.(ref)) return ERROR_TYPE;
      const guess = closestName(text, env.scope.visibleNames());
      // A let the typo was meant to use is not also "never used".
      const meant = guess === null ? undefined : env.scope.lookup(guess);
      if (meant?.binding.kind === "let") env.usedLets?.add(meant.binding.decl);
      this.ctx.error(CHECK.unknownName, ref.name.range, `unknown name ${text}${guess === null ? "" : `; did you mean ${guess}?`}`);
      return ERROR_TYPE;
    }
    this.ctx.bindings.set(ref, entry.binding);
    if (entry.binding.kind === "let") env.usedLets?.add(entry.binding.decl);
    if (entry.binding.kind === "tiers") {
      this.ctx.error(CHECK.tiersUsedAsValue, ref.name.range, `${text} is a tiers table, not a value; read it with tier(${text}, x) or marginal(${text}, base_before, amount)`);
      return ERROR_TYPE;
    }
    if (env.allow && !env.allow(ref, entry)) return ERROR_TYPE;
    return entry.type;
  }

  private unary(e: Unary, env: ExprEnv): Type {
    const t = this.type(e.operand, env);
    if (t.kind === "error") return t;
    if (e.op === "not") {
      if (t.kind === "bool") return BOOL_TYPE;
      this.ctx.error(CHECK.operandNotBoolean, e.operand.range, `not needs true/false, but this is ${describeType(t)}`);
      return ERROR_TYPE;
    }
    if (t.kind === "number" || t.kind === "duration") return t;
    this.ctx.error(CHECK.invalidOperand, e.range, `cannot negate ${describeType(t)}: unary - needs a number or a duration`);
    return ERROR_TYPE;
  }

  private binary(e: Binary, env: ExprEnv): Type {
    const l = this.type(e.left, env);
    const r = this.type(e.right, env);
    switch (e.op) {
      case "and":
      case "or":
        return this.logic(e, l, r);
      case "+":
      case "-":
        return this.additive(e, l, r);
      case "*":
      case "/":
        return this.multiplicative(e, l, r);
      default:
        return this.comparison(e, l, r);
    }
  }

  private logic(e: Binary, l: Type, r: Type): Type {
    let ok = true;
    for (const [t, side] of [[l, e.left], [r, e.right]] as const) {
      if (t.kind === "error") ok = false;
      else if (t.kind !== "bool") {
        ok = false;
        this.ctx.error(CHECK.operandNotBoolean, side.range, `${e.op} needs true/false on both sides, but this is ${describeType(t)}`);
      }
    }
    return ok ? BOOL_TYPE : ERROR_TYPE;
  }

  private additive(e: Binary, l: Type, r: Type): Type {
    if (l.kind === "error" || r.kind === "error") return ERROR_TYPE;
    const verb = e.op === "+" ? "add" : "subtract";
    if (l.kind === "number" && r.kind === "number") {
      if (l.unit.equals(r.unit)) return l;
      const message = e.op === "+"
        ? `cannot add ${unitWord(l)} and ${unitWord(r)}: both sides of + need the same unit`
        : `cannot subtract ${unitWord(r)} from ${unitWord(l)}: both sides of - need the same unit`;
      this.ctx.error(CHECK.unitMismatch, e.range, message);
      return ERROR_TYPE;
    }
    // Date arithmetic: DATE ± duration = DATE, DATE − DATE = days (a plain number).
    if (l.kind === "date" && r.kind === "duration") return DATE_TYPE;
    if (e.op === "+" && l.kind === "duration" && r.kind === "date") return DATE_TYPE;
    if (e.op === "-" && l.kind === "date" && r.kind === "date") return PLAIN_TYPE;
    if (l.kind === "duration" && r.kind === "duration" && l.per === r.per) return l;
    this.ctx.error(
      CHECK.invalidOperand,
      e.range,
      `cannot ${verb} ${describeType(l)} and ${describeType(r)}: ${e.op} needs two numbers of the same unit, or a date and a duration such as 30 days`,
    );
    return ERROR_TYPE;
  }

  private multiplicative(e: Binary, l: Type, r: Type): Type {
    if (l.kind === "error" || r.kind === "error") return ERROR_TYPE;
    if (l.kind === "number" && r.kind === "number") {
      return numberType(e.op === "*" ? l.unit.times(r.unit) : l.unit.over(r.unit));
    }
    // A duration scales by a plain number: 2 * 30 days, 12 months / 4.
    const plain = (t: Type) => t.kind === "number" && t.unit.isNone;
    if (l.kind === "duration" && plain(r)) return l;
    if (e.op === "*" && r.kind === "duration" && plain(l)) return r;
    const verb = e.op === "*" ? "multiply" : "divide";
    const what = l.kind === "duration" || r.kind === "duration"
      ? `${describeType(l)} by ${describeType(r)}: a duration can only be ${e.op === "*" ? "multiplied" : "divided"} by a plain number`
      : `${describeType(l.kind !== "number" ? l : r)}: ${e.op} needs numbers`;
    this.ctx.error(CHECK.invalidOperand, e.range, `cannot ${verb} ${what}`);
    return ERROR_TYPE;
  }

  private comparison(e: Binary, l: Type, r: Type): Type {
    if (l.kind === "error" || r.kind === "error") return ERROR_TYPE;
    const equality = e.op === "==" || e.op === "!=";
    if (l.kind === "number" && r.kind === "number") {
      if (l.unit.equals(r.unit)) return BOOL_TYPE;
      this.ctx.error(CHECK.unitMismatch, e.range, `cannot compare ${unitWord(l)} with ${unitWord(r)}: both sides of ${e.op} need the same unit`);
      return ERROR_TYPE;
    }
    if (l.kind === "date" && r.kind === "date") return BOOL_TYPE;
    if (l.kind === "duration" && r.kind === "duration" && l.per === r.per) return BOOL_TYPE;
    if (equality && l.kind === "bool" && r.kind === "bool") return BOOL_TYPE;
    this.ctx.error(
      CHECK.invalidOperand,
      e.range,
      `cannot compare ${describeType(l)} with ${describeType(r)}: ${e.op} needs two numbers of the same unit or two dates`,
    );
    return ERROR_TYPE;
  }

  private ifExpr(e: IfExpr, env: ExprEnv): Type {
    const c = this.type(e.cond, env);
    const a = this.type(e.then, env);
    const b = this.type(e.else, env);
    let ok = c.kind !== "error" && a.kind !== "error" && b.kind !== "error";
    if (c.kind !== "error" && c.kind !== "bool") {
      ok = false;
      this.ctx.error(CHECK.conditionNotBoolean, e.cond.range, `the condition of if must be true/false, but this is ${describeType(c)}`);
    }
    if (a.kind !== "error" && b.kind !== "error" && !sameType(a, b)) {
      ok = false;
      this.ctx.error(
        CHECK.branchTypeMismatch,
        e.range,
        `both branches of if must have the same type, but then is ${unitWord(a)} and else is ${unitWord(b)}`,
      );
    }
    return ok ? a : ERROR_TYPE;
  }

  private call(e: Call, env: ExprEnv): Type {
    const name = e.callee.text;
    if (isTierBuiltin(name)) return checkTierCall(e, env, this.ctx, (a) => this.type(a, env));
    const args = e.args.map((a) => this.type(a, env));
    const spec = BUILTINS[name];
    if (spec === undefined) {
      if (name === "") return ERROR_TYPE;
      const value = env.scope.lookup(name);
      const message = value
        ? `${name} is ${bindingNoun(value.binding)}, not a function; the functions are ${Object.keys(BUILTINS).join(", ")}`
        : `unknown function ${name}${didYouMean(name, Object.keys(BUILTINS)) || `; the functions are ${Object.keys(BUILTINS).join(", ")}`}`;
      this.ctx.error(CHECK.unknownFunction, e.callee.range, message);
      return ERROR_TYPE;
    }
    if (args.length < spec.min || args.length > spec.max || (spec.counts !== undefined && !spec.counts.includes(args.length))) {
      const wanted = spec.min === spec.max ? `${spec.min}` : spec.max === Infinity ? `at least ${spec.min}` : `${spec.min} or ${spec.max}`;
      this.ctx.error(
        CHECK.wrongArgumentCount,
        e.range,
        `${name} takes ${wanted} argument${spec.min === 1 && spec.max === 1 ? "" : "s"} (${spec.usage}), but got ${args.length}`,
      );
      return ERROR_TYPE;
    }
    if (args.some((t) => t.kind === "error")) return ERROR_TYPE;
    if (name === "compound") return typeCompound(this.ctx, e, args, (x) => this.consts.eval(x));
    if (FINANCE_BUILTINS.has(name)) return typeFinanceCall(this.ctx, e, args, env);
    if (name === "min" || name === "max") return this.extreme(e, args);
    for (let i = 0; i < args.length; i++) {
      const t = args[i]!;
      if (t.kind !== "number") {
        this.ctx.error(CHECK.invalidOperand, e.args[i]!.range, `${name} needs numbers, but argument ${i + 1} is ${describeType(t)}`);
        return ERROR_TYPE;
      }
    }
    const nums = args as readonly Extract<Type, { kind: "number" }>[];
    const x = nums[0]!;
    const step = nums[1];
    if (step !== undefined) {
      const stepExpr = e.args[1]!;
      if (!step.unit.isNone && !step.unit.equals(x.unit)) {
        this.ctx.error(
          CHECK.stepUnitMismatch,
          stepExpr.range,
          `the step of ${name} must be a plain number or in ${unitWord(x)}, but it is in ${unitWord(step)}`,
        );
        return ERROR_TYPE;
      }
      const v = this.consts.eval(stepExpr);
      if (v instanceof Decimal && !v.gt(Decimal.ZERO)) {
        this.ctx.error(CHECK.stepNotPositive, stepExpr.range, `the step of ${name} must be greater than zero, not ${v.toString()}`);
        return ERROR_TYPE;
      }
    }
    return x;
  }

  /** min/max: numbers of one unit, dates, or durations of one kind. */
  private extreme(e: Call, args: readonly Type[]): Type {
    const x = args[0]!;
    const name = e.callee.text;
    if (x.kind === "bool") {
      this.ctx.error(CHECK.invalidOperand, e.args[0]!.range, `${name} needs numbers, dates or durations, but argument 1 is ${describeType(x)}`);
      return ERROR_TYPE;
    }
    for (let i = 1; i < args.length; i++) {
      const t = args[i]!;
      if (sameType(x, t)) continue;
      this.ctx.error(
        CHECK.argumentUnitMismatch,
        e.args[i]!.range,
        `${name} needs arguments of the same unit, but argument 1 is ${unitWord(x)} and argument ${i + 1} is ${unitWord(t)}`,
      );
      return ERROR_TYPE;
    }
    return x;
  }
}
