/**
 * Types of the finance built-ins (docs/language.md §4): `interpolate`, the
 * day-count fractions `act_365f`, `act_360`, `thirty_360`, `convert`, and
 * `compound`.
 * The argument count was checked by the caller (ExprChecker.call) and no
 * argument is of the error type.
 */
import { CHECK } from "../diagnostics/codes/check.ts";
import { addDays, addMonths, addYears, compareDates, formatDate, type CalendarDate } from "../eval/dates.ts";
import { Decimal } from "../eval/decimal.ts";
import { MAX_COMPOUND_PERIODS, isCompoundPeriods } from "../eval/finance.ts";
import type { Call, Expr, NameRef } from "../syntax/ast.ts";
import type { Type } from "./checked-program.ts";
import { literalValue, type ConstValue } from "./const-eval.ts";
import type { CheckContext } from "./context.ts";
import { isCurrencyCode } from "./currencies.ts";
import type { ExprEnv } from "./expressions.ts";
import { ERROR_TYPE, PLAIN_TYPE, describeType, numberType, sameType, unitWord } from "./types.ts";
import { Unit } from "./unit.ts";

/** The built-ins typed here. */
export const FINANCE_BUILTINS: ReadonlySet<string> = new Set(["interpolate", "act_365f", "act_360", "thirty_360", "convert"]);

/** The day-count fractions: `NAME()` over the period, `NAME(a, b)` from a up to b. */
export const DAY_COUNTS: ReadonlySet<string> = new Set(["act_365f", "act_360", "thirty_360"]);

/** The type of a call of a finance built-in, reporting what is wrong with it. */
export function typeFinanceCall(ctx: CheckContext, e: Call, args: readonly Type[], env: ExprEnv): Type {
  const name = e.callee.text;
  if (name === "convert") return typeConvert(ctx, e, args);
  if (name === "interpolate") return typeInterpolate(ctx, e, args, env);
  // A day count: no arguments (the current period) or two dates.
  if (args.length === 0) return readsPeriod(ctx, e, env) ? PLAIN_TYPE : ERROR_TYPE;
  for (let i = 0; i < args.length; i++) {
    if (!needDate(ctx, e, args, i, `${name} needs two dates (from, up to but not including)`)) return ERROR_TYPE;
  }
  return PLAIN_TYPE;
}

function needDate(ctx: CheckContext, e: Call, args: readonly Type[], i: number, what: string): boolean {
  const t = args[i]!;
  if (t.kind === "date") return true;
  ctx.error(CHECK.invalidOperand, e.args[i]!.range, `${what}, but argument ${i + 1} is ${describeType(t)}`);
  return false;
}

/**
 * A form that reads the current period (`act_365f()`, interpolate without
 * `at`) is allowed only where period_start is: not in consts or test values.
 */
function readsPeriod(ctx: CheckContext, e: Call, env: ExprEnv): boolean {
  const entry = env.scope.lookup("period_start");
  if (entry === undefined || env.allow === undefined) return true;
  const ref: NameRef = { kind: "NameRef", name: { text: "period_start", range: e.callee.range }, range: e.range } as NameRef;
  return env.allow(ref, entry);
}

function typeInterpolate(ctx: CheckContext, e: Call, args: readonly Type[], env: ExprEnv): Type {
  const [from, to] = args as [Type, Type];
  for (const i of [0, 1]) {
    const t = args[i]!;
    if (t.kind !== "number") {
      ctx.error(CHECK.invalidOperand, e.args[i]!.range, `interpolate needs numbers as from_value and to_value, but argument ${i + 1} is ${describeType(t)}`);
      return ERROR_TYPE;
    }
  }
  if (!sameType(from, to)) {
    ctx.error(
      CHECK.argumentUnitMismatch,
      e.args[1]!.range,
      `interpolate needs from_value and to_value of the same unit, but from_value is ${unitWord(from)} and to_value is ${unitWord(to)}`,
    );
    return ERROR_TYPE;
  }
  for (let i = 2; i < args.length; i++) {
    if (!needDate(ctx, e, args, i, "interpolate needs dates as from_date, to_date and at")) return ERROR_TYPE;
  }
  const a = constDate(ctx, e.args[2]!, 0);
  const b = constDate(ctx, e.args[3]!, 0);
  if (a !== null && b !== null && compareDates(a, b) >= 0) {
    ctx.error(
      CHECK.interpolateDatesNotAscending,
      e.args[3]!.range,
      `interpolate needs from_date before to_date, but from_date is ${formatDate(a)} and to_date is ${formatDate(b)}`,
    );
    return ERROR_TYPE;
  }
  if (args.length === 4 && !readsPeriod(ctx, e, env)) return ERROR_TYPE;
  return from;
}

/** The currency a unit is exactly (`EUR`), or null. */
function currencyOf(u: Unit): string | null {
  if (u.exponents.size !== 1) return null;
  const [[code, exp]] = [...u.exponents] as [[string, number]];
  return exp === 1 && isCurrencyCode(code) ? code : null;
}

function typeConvert(ctx: CheckContext, e: Call, args: readonly Type[]): Type {
  const [amount, rate] = args as [Type, Type];
  const c = amount.kind === "number" ? currencyOf(amount.unit) : null;
  if (c === null) {
    ctx.error(
      CHECK.convertAmountNotCurrency,
      e.args[0]!.range,
      `convert needs an amount in a currency (the deal currency or a declared unit such as EUR), but this is ${amount.kind === "number" && !amount.unit.isNone ? `in ${amount.unit.toString()}` : describeType(amount)}`,
    );
    return ERROR_TYPE;
  }
  const wanted = `D per ${c}, where D is another currency (such as ${c === "USD" ? "EUR" : "USD"} per ${c})`;
  if (rate.kind !== "number") {
    ctx.error(CHECK.convertRateUnit, e.args[1]!.range, `the rate of convert must be in ${wanted}, but it is ${describeType(rate)}`);
    return ERROR_TYPE;
  }
  const ex = rate.unit.exponents;
  const target = [...ex].find(([, n]) => n === 1)?.[0];
  const ok = ex.size === 2 && ex.get(c) === -1 && target !== undefined && target !== c && isCurrencyCode(target);
  if (!ok) {
    ctx.error(
      CHECK.convertRateUnit,
      e.args[1]!.range,
      `the rate of convert must be in ${wanted}, but it is ${rate.unit.isNone ? "a plain number" : `in ${rate.unit.toString()}`}`,
    );
    return ERROR_TYPE;
  }
  return numberType(Unit.base(target));
}

/**
 * The value of a constant date expression (a date literal, a const holding
 * one, or one of those shifted by a whole duration literal), or null.
 */
function constDate(ctx: CheckContext, e: Expr, depth: number): CalendarDate | null {
  if (depth > 50) return null;
  switch (e.kind) {
    case "DateExpr":
      return ctx.date(e.date);
    case "NameRef": {
      const b = ctx.bindings.get(e);
      return b?.kind === "const" ? constDate(ctx, b.decl.value, depth + 1) : null;
    }
    case "Binary": {
      if (e.op !== "+" && e.op !== "-") return null;
      const [dateSide, durSide] = ctx.types.get(e.left)?.kind === "date" ? [e.left, e.right] : [e.right, e.left];
      if (e.op === "-" && dateSide !== e.left) return null;
      const d = constDate(ctx, dateSide, depth + 1);
      if (d === null || durSide.kind !== "NumberLit") return null;
      const t = ctx.types.get(durSide);
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

/**
 * compound(rate, n): both plain numbers; a constant n must be a whole
 * number from 0 to MAX_COMPOUND_PERIODS (a computed one is checked at run
 * time, TN3035). The result is plain.
 */
export function typeCompound(ctx: CheckContext, e: Call, args: readonly Type[], constValue: (x: Expr) => ConstValue | null): Type {
  const names = ["rate", "n"];
  for (let i = 0; i < 2; i++) {
    const t = args[i]!;
    if (t.kind === "number" && t.unit.isNone) continue;
    ctx.error(
      CHECK.compoundNotPlain,
      e.args[i]!.range,
      `compound needs plain numbers as rate and n, but ${names[i]} is ${t.kind === "number" ? `in ${t.unit.toString()}` : describeType(t)}`,
    );
    return ERROR_TYPE;
  }
  const n = constValue(e.args[1]!);
  if (n instanceof Decimal && !isCompoundPeriods(n)) {
    ctx.error(
      CHECK.compoundExponentInvalid,
      e.args[1]!.range,
      `compound needs n to be a whole number from 0 to ${MAX_COMPOUND_PERIODS}, but it is ${n.toString()}`,
    );
    return ERROR_TYPE;
  }
  return PLAIN_TYPE;
}
