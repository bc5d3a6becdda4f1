/**
 * Types of expressions (docs/language.md §3, §4): resolves every NameRef, gives every
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
} from "../types/types.ts";
import { resolveUnitExpr } from "./units.ts";
import { tableOfCall } from "./table-args.ts";
import type { ExprEnv } from "./expr-env.ts";

export type { ExprEnv };
import { BUILTIN_NAMES, builtinNamed } from "../builtins/registry.ts";
import type { TableInfo, TypingCall } from "../builtins/builtin.ts";
import { printExpr } from "../syntax/print-expr.ts";

/** Deeper expressions are refused: the interpreter recurses over them too. */
export const MAX_EXPRESSION_DEPTH = 1000;

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

  /** A built-in call, typed by the built-in's own rule (src/builtins) once the arguments are typed and counted. */
  private call(e: Call, env: ExprEnv): Type {
    const name = e.callee.text;
    const fn = builtinNamed(name);
    if (fn === undefined) {
      e.args.forEach((a) => this.type(a, env));
      if (name === "") return ERROR_TYPE;
      const value = env.scope.lookup(name);
      const message = value
        ? `${name} is ${bindingNoun(value.binding)}, not a function; the functions are ${BUILTIN_NAMES.join(", ")}`
        : `unknown function ${name}${didYouMean(name, BUILTIN_NAMES) || `; the functions are ${BUILTIN_NAMES.join(", ")}`}`;
      this.ctx.error(CHECK.unknownFunction, e.callee.range, message);
      return ERROR_TYPE;
    }
    // A table built-in's first argument names a table: resolved (tiers.ts), never typed.
    const valueArgs = fn.takesTable ? e.args.slice(1) : e.args;
    const args = valueArgs.map((a) => this.type(a, env));
    const { min, max, counts } = fn.arity;
    const count = e.args.length;
    if (count < min || count > max || (counts !== undefined && !counts.includes(count))) {
      const wanted = min === max ? `${min}` : max === Infinity ? `at least ${min}` : `${min} or ${max}`;
      this.ctx.error(CHECK.wrongArgumentCount, e.range, `${name} takes ${wanted} argument${min === 1 && max === 1 ? "" : "s"} (${fn.usage}), but got ${count}`);
      if (fn.takesTable && e.args[0] !== undefined && e.args[0].kind !== "NameRef") this.type(e.args[0], env);
      return ERROR_TYPE;
    }
    const table = fn.takesTable ? tableOfCall(e, env, this.ctx, (a) => this.type(a, env)) : null;
    if (table === undefined || args.some((t) => t.kind === "error")) return ERROR_TYPE;
    return fn.type(this.typingCall(e, valueArgs, args, table, env));
  }

  /** What a built-in's typing rule may ask of the checker about one call. */
  private typingCall(e: Call, valueArgs: readonly Expr[], args: readonly Type[], table: TableInfo | null, env: ExprEnv): TypingCall {
    const { ctx, consts } = this;
    return {
      name: e.callee.text,
      args,
      table,
      error(code, at, message) {
        ctx.error(code, at === null ? e.range : valueArgs[at]!.range, message);
        return ERROR_TYPE;
      },
      constant: (i) => {
        const arg = valueArgs[i]!;
        if (args[i]?.kind === "date") return consts.evalDate(arg);
        const v = consts.eval(arg);
        return v instanceof Decimal ? v : null;
      },
      argText: (i) => printExpr(valueArgs[i]!),
      periodAllowed: () => periodAllowed(e, env),
    };
  }
}

/**
 * A form that reads the current period (`act_365f()`, interpolate without
 * `at`) is allowed only where period_start is: not in consts or test values.
 */
function periodAllowed(e: Call, env: ExprEnv): boolean {
  const entry = env.scope.lookup("period_start");
  if (entry === undefined || env.allow === undefined) return true;
  const ref: NameRef = { kind: "NameRef", name: { text: "period_start", range: e.callee.range }, range: e.range } as NameRef;
  return env.allow(ref, entry);
}
