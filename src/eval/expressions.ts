/**
 * Evaluation of expressions (brief §2, §6.1): `+ − ×` exact, division to
 * 20 places half-even (Decimal), `and`/`or`/`if` short-circuit so that an
 * untaken branch never fails. The checker has proved the program well
 * typed; the value kinds below follow from its types.
 */
import type { Binding } from "../check/checked-program.ts";
import { RUN } from "../diagnostics/codes/run.ts";
import type { Binary, Expr, NameRef, NumberLit } from "../syntax/ast.ts";
import { callBuiltin } from "./builtins.ts";
import { addDays, addMonths, addYears, compareDates, dayNumber, parseDate } from "./dates.ts";
import type { CalendarDate } from "./dates.ts";
import { Decimal } from "./decimal.ts";
import { exprText } from "./expr-text.ts";
import type { Named, Scope } from "./period-context.ts";
import { RunError } from "./run-error.ts";
import { Trace, traceText } from "./trace.ts";
import { bool, date, displayUnit, duration, num, valueText } from "./values.ts";
import type { DurationUnit, DurationValue, Value } from "./values.ts";

const MILLION = Decimal.ofInt(1_000_000);
const BILLION = Decimal.ofInt(1_000_000_000);
const HUNDRED = Decimal.ofInt(100);
const DURATION_UNITS: readonly string[] = ["days", "months", "years"];

/**
 * The value of `expr` in `scope`. When `trace` is given, every named value
 * used is recorded in it (brief §7 trace). Run-time errors are thrown as
 * RunError and reported by the engine with the clause and the period.
 */
export function evalExpr(expr: Expr, scope: Scope, trace: Trace | null): Value {
  switch (expr.kind) {
    case "NumberLit": return literal(expr, scope);
    case "DateExpr": return literalDate(expr.date.text, scope);
    case "NameRef": return nameValue(expr, scope, trace);
    case "Unary": {
      const v = evalExpr(expr.operand, scope, trace);
      if (expr.op === "not") return bool(!asBool(v));
      if (v.kind === "duration") return duration(v.amount.neg(), v.per);
      return num(asNumber(v).neg());
    }
    case "Binary": return binary(expr, scope, trace);
    case "Call": return callBuiltin(expr, expr.args.map((a) => evalExpr(a, scope, trace)), scope.ctx.plan.rounding);
    case "IfExpr":
      return asBool(evalExpr(expr.cond, scope, trace))
        ? evalExpr(expr.then, scope, trace)
        : evalExpr(expr.else, scope, trace);
    case "ErrorExpr":
      throw new Error("an ErrorExpr reached the interpreter");
  }
}

/** The number an expression yields (a payment, a cap, a grant quantity). */
export function evalNumber(expr: Expr, scope: Scope, trace: Trace | null): Decimal {
  return asNumber(evalExpr(expr, scope, trace));
}

export function evalBool(expr: Expr, scope: Scope, trace: Trace | null): boolean {
  return asBool(evalExpr(expr, scope, trace));
}

function asNumber(v: Value): Decimal {
  if (v.kind !== "number") throw new Error(`internal: expected a number, got a ${v.kind}`);
  return v.value;
}

function asBool(v: Value): boolean {
  if (v.kind !== "bool") throw new Error(`internal: expected a boolean, got a ${v.kind}`);
  return v.value;
}

function literal(lit: NumberLit, scope: Scope): Value {
  const cache = scope.ctx.plan.literalCache;
  const known = cache.get(lit);
  if (known) return known;
  let d = Decimal.parse(lit.digits);
  if (d === null) throw new Error(`internal: bad number literal ${lit.digits}`);
  if (lit.scale === "million") d = d.mul(MILLION);
  else if (lit.scale === "billion") d = d.mul(BILLION);
  if (lit.percent) d = d.div(HUNDRED);
  const unit = lit.unit;
  const isDuration = scope.ctx.plan.checked.types.get(lit)?.kind === "duration"
    && unit !== null && unit.denominator.length === 0 && unit.numerator.length === 1
    && DURATION_UNITS.includes(unit.numerator[0]!.text);
  const v: Value = isDuration ? duration(d, unit!.numerator[0]!.text as DurationUnit) : num(d);
  cache.set(lit, v);
  return v;
}

function literalDate(text: string, scope: Scope): Value {
  const cache = scope.ctx.plan.dateCache;
  let d = cache.get(text);
  if (d === undefined) {
    const parsed = parseDate(text);
    if (parsed === null) throw new Error(`internal: bad date literal ${text}`);
    cache.set(text, parsed);
    d = parsed;
  }
  return date(d);
}

function nameValue(ref: NameRef, scope: Scope, trace: Trace | null): Value {
  const ctx = scope.ctx;
  const b: Binding | undefined = ctx.plan.checked.bindings.get(ref);
  if (b === undefined) throw new Error(`internal: unresolved name ${ref.name.text}`);
  let named: Named;
  switch (b.kind) {
    case "input": {
      const v = num(ctx.input(b.decl.name.text, ref.range));
      record(trace, ref, v, scope);
      return v;
    }
    case "eventArg": {
      const param = b.event.params[b.index];
      if (param === undefined) throw new Error(`internal: event ${b.event.name.text} has no argument ${b.index}`);
      const v = num(scope.eventArg(b.event.name.text, param.name.text));
      record(trace, ref, v, scope);
      return v;
    }
    case "periodFact": {
      const v = ctx.fact(b.fact);
      record(trace, ref, v, scope);
      return v;
    }
    case "const": named = ctx.constValue(b.decl); break;
    case "schedule": named = ctx.scheduleValue(b.decl, ref.range); break;
    case "let": named = scope.letValue(b.decl); break;
  }
  if (trace !== null) {
    record(trace, ref, named.value, scope);
    trace.addAll(named.deps);
  }
  return named.value;
}

function record(trace: Trace | null, ref: NameRef, v: Value, scope: Scope): void {
  if (trace === null) return;
  const unit = displayUnit(scope.ctx.plan.checked.types.get(ref));
  const name = ref.name.text;
  trace.add(unit === undefined ? { name, value: valueText(v) } : { name, value: valueText(v), unit });
}

function binary(e: Binary, scope: Scope, trace: Trace | null): Value {
  // Short-circuit: `x > 0 and y / x > 1` never divides by zero.
  if (e.op === "and") return bool(evalBool(e.left, scope, trace) && evalBool(e.right, scope, trace));
  if (e.op === "or") return bool(evalBool(e.left, scope, trace) || evalBool(e.right, scope, trace));
  const l = evalExpr(e.left, scope, trace);
  const r = evalExpr(e.right, scope, trace);
  switch (e.op) {
    case "+": return add(l, r, 1, e);
    case "-": return add(l, r, -1, e);
    case "*": return multiply(l, r);
    case "/": {
      const divisor = asNumber(r);
      if (divisor.isZero()) throw divisionByZero(e, scope);
      if (l.kind === "duration") return duration(l.amount.div(divisor), l.per);
      return num(asNumber(l).div(divisor));
    }
    case "<": return bool(compare(l, r) < 0);
    case "<=": return bool(compare(l, r) <= 0);
    case ">": return bool(compare(l, r) > 0);
    case ">=": return bool(compare(l, r) >= 0);
    case "==": return bool(equal(l, r));
    case "!=": return bool(!equal(l, r));
  }
}

function add(l: Value, r: Value, sign: 1 | -1, e: Binary): Value {
  if (l.kind === "number" && r.kind === "number") {
    return num(sign === 1 ? l.value.add(r.value) : l.value.sub(r.value));
  }
  if (l.kind === "date" && r.kind === "duration") return date(shift(l.value, r, sign, e));
  if (l.kind === "duration" && r.kind === "date" && sign === 1) return date(shift(r.value, l, 1, e));
  if (l.kind === "date" && r.kind === "date" && sign === -1) {
    return num(Decimal.ofInt(dayNumber(l.value) - dayNumber(r.value)));
  }
  if (l.kind === "duration" && r.kind === "duration" && l.per === r.per) {
    return duration(sign === 1 ? l.amount.add(r.amount) : l.amount.sub(r.amount), l.per);
  }
  throw new Error(`internal: cannot apply ${e.op} to a ${l.kind} and a ${r.kind}`);
}

function multiply(l: Value, r: Value): Value {
  if (l.kind === "duration") return duration(l.amount.mul(asNumber(r)), l.per);
  if (r.kind === "duration") return duration(r.amount.mul(asNumber(l)), r.per);
  return num(asNumber(l).mul(asNumber(r)));
}

/** DATE ± duration; a month-end clamps as in brief §3 (2026-01-31 + 1 month = 2026-02-28). */
function shift(d: CalendarDate, by: DurationValue, sign: 1 | -1, e: Binary): CalendarDate {
  const n = by.amount.toSafeInt();
  if (n === null) {
    throw new RunError(RUN.durationNotWhole, `${by.amount.toString()} ${by.per} is not a whole number of ${by.per} in ${exprText(e)}`, e.range);
  }
  const k = sign * n;
  const out = by.per === "days" ? addDays(d, k) : by.per === "months" ? addMonths(d, k) : addYears(d, k);
  if (out.year < 1 || out.year > 9999) {
    throw new RunError(RUN.dateOutOfRange, `${exprText(e)} falls outside the years 0001 to 9999`, e.range);
  }
  return out;
}

function compare(l: Value, r: Value): number {
  if (l.kind === "number" && r.kind === "number") return l.value.cmp(r.value);
  if (l.kind === "date" && r.kind === "date") return compareDates(l.value, r.value);
  if (l.kind === "duration" && r.kind === "duration") return l.amount.cmp(r.amount);
  throw new Error(`internal: cannot compare a ${l.kind} and a ${r.kind}`);
}

function equal(l: Value, r: Value): boolean {
  if (l.kind === "bool" && r.kind === "bool") return l.value === r.value;
  return compare(l, r) === 0;
}

/** The message names the division and the values it was computed from. */
function divisionByZero(e: Binary, scope: Scope): RunError {
  // Re-evaluate the operands with a trace: they just succeeded, so this cannot fail.
  const trace = new Trace();
  evalExpr(e.left, scope, trace);
  evalExpr(e.right, scope, trace);
  const values = traceText(trace.entries);
  return new RunError(
    RUN.divisionByZero,
    `division by zero: ${exprText(e)}${values === "" ? "" : ` with ${values}`}`,
    e.range,
  );
}
