/**
 * The abstract evaluator of `tenor bound`: an IR expression's possible
 * values in one period, given what each name may be. It mirrors the
 * runtime's evaluator (src/runtime/prepare-expr.ts) operation for
 * operation, on spans instead of decimals: a sub-expression whose operands
 * are all known exactly is computed exactly, with the runtime's own rules.
 */
import { builtinNamed } from "../../builtins/registry.ts";
import type { CallSite, Interval, PeriodDates, TableRows, Value } from "../../builtins/builtin.ts";
import { addDays, addMonths, addYears, compareDates, dayNumber, parseDate } from "../../eval/dates.ts";
import type { CalendarDate, Duration } from "../../eval/dates.ts";
import { Decimal } from "../../eval/decimal.ts";
import type { IrBinary, IrCall, IrExpr, PeriodFact, RoundingMode } from "../../ir/ir.ts";
import { add, div, guard, isPoint, mul, neg, point, span, sub, unbounded, type Span } from "./span.ts";
import { bool, date, duration, exactNumber, join, MAYBE, num, spanOf, type AbstractValue } from "./values.ts";

/** What the names of an expression may be where it is evaluated. */
export interface Scope {
  readonly rounding: RoundingMode;
  readonly tiers: readonly (TableRows | null)[];
  /** The period's dates and the term, for the built-ins that read them. */
  readonly dates: PeriodDates;
  fact(f: PeriodFact): AbstractValue;
  input(slot: number): Span;
  constant(slot: number): AbstractValue;
  schedule(slot: number): AbstractValue;
  let(slot: number): AbstractValue;
  balance(slot: number): Span;
  eventArg(event: number, arg: number): AbstractValue;
}

export class BoundError extends Error {}

export function evaluate(e: IrExpr, s: Scope): AbstractValue {
  switch (e.kind) {
    case "Number": {
      const v = Decimal.parseExact(e.value);
      if (v === null) throw new BoundError(`internal: bad number ${e.value}`);
      return exactNumber(v);
    }
    case "Duration": {
      const amount = Decimal.parseExact(e.amount);
      return duration(amount === null ? null : { amount, per: e.per });
    }
    case "Date": return date(parseDate(e.value));
    case "Input": return num(s.input(e.slot));
    case "Const": return s.constant(e.slot);
    case "Schedule": return s.schedule(e.slot);
    case "Let": return s.let(e.slot);
    case "Balance": return num(s.balance(e.slot));
    case "EventArg": return s.eventArg(e.event, e.arg);
    case "PeriodFact": return s.fact(e.fact);
    case "Unary": {
      const v = evaluate(e.operand, s);
      if (e.op === "not") return v.kind === "bool" ? bool(v.canFalse, v.canTrue) : MAYBE;
      if (v.kind === "number") return num(neg(v.span));
      if (v.kind === "duration") return duration(v.duration === null ? null : { amount: v.duration.amount.neg(), per: v.duration.per });
      return v;
    }
    case "Binary": return binary(e, s);
    case "Call": return call(e, s);
    case "If": {
      const c = evaluate(e.cond, s);
      const yes = c.kind !== "bool" || c.canTrue;
      const no = c.kind !== "bool" || c.canFalse;
      if (yes && !no) return evaluate(e.then, s);
      if (no && !yes) return evaluate(e.else, s);
      return join(evaluate(e.then, s), evaluate(e.else, s));
    }
    case "Invalid": throw new BoundError(`internal: ${e.reason}`);
  }
}

function binary(e: IrBinary, s: Scope): AbstractValue {
  const op = e.op;
  if (op === "and" || op === "or") {
    const l = evaluate(e.left, s);
    const lb = l.kind === "bool" ? l : MAYBE as Extract<AbstractValue, { kind: "bool" }>;
    // Short-circuit: the right side is evaluated only where it can matter.
    if (op === "and" && !lb.canTrue) return bool(false, true);
    if (op === "or" && !lb.canFalse) return bool(true, false);
    const r = evaluate(e.right, s);
    const rb = r.kind === "bool" ? r : MAYBE as Extract<AbstractValue, { kind: "bool" }>;
    return op === "and"
      ? bool(lb.canTrue && rb.canTrue, lb.canFalse || rb.canFalse)
      : bool(lb.canTrue || rb.canTrue, lb.canFalse && rb.canFalse);
  }
  const l = evaluate(e.left, s);
  const r = evaluate(e.right, s);
  switch (op) {
    case "+":
    case "-": {
      const sign = op === "+" ? 1 : -1;
      if (l.kind === "number" && r.kind === "number") return num(sign === 1 ? add(l.span, r.span) : sub(l.span, r.span));
      if (l.kind === "date" && r.kind === "duration") return date(shift(l.date, r.duration, sign));
      if (l.kind === "duration" && r.kind === "date") return date(shift(r.date, l.duration, 1));
      if (l.kind === "date" && r.kind === "date") {
        return l.date === null || r.date === null ? num(unbounded(`the dates in "${e.text ?? "a date difference"}" are not known`)) : exactNumber(Decimal.ofInt(dayNumber(l.date) - dayNumber(r.date)));
      }
      if (l.kind === "duration" && r.kind === "duration") {
        if (l.duration === null || r.duration === null) return duration(null);
        const amount = sign === 1 ? l.duration.amount.add(r.duration.amount) : l.duration.amount.sub(r.duration.amount);
        return duration({ amount, per: l.duration.per });
      }
      return l;
    }
    case "*": {
      if (l.kind === "number" && r.kind === "number") return num(mul(l.span, r.span));
      const [d, n] = l.kind === "duration" ? [l, r] : [r, l];
      if (d.kind === "duration" && n.kind === "number") {
        return duration(d.duration === null || !isPoint(n.span) ? null : { amount: d.duration.amount.mul(n.span.lo!), per: d.duration.per });
      }
      return l;
    }
    case "/": {
      if (r.kind !== "number") return l;
      const near = `the divisor in ${e.text ?? "a division"} can come close to 0`;
      if (l.kind === "number") return num(div(l.span, r.span, near));
      if (l.kind === "duration") {
        return duration(l.duration === null || !isPoint(r.span) || r.span.lo!.isZero() ? null : { amount: l.duration.amount.div(r.span.lo!), per: l.duration.per });
      }
      return l;
    }
    default: return compare(op, l, r);
  }
}

/** DATE ± duration, as the runtime shifts it; unknown when either is, or when the runtime would fail. */
function shift(d: CalendarDate | null, by: Duration | null, sign: 1 | -1): CalendarDate | null {
  if (d === null || by === null) return null;
  const n = by.amount.toSafeInt();
  if (n === null) return null;
  const k = sign * n;
  const out = by.per === "days" ? addDays(d, k) : by.per === "months" ? addMonths(d, k) : addYears(d, k);
  return out.year < 1 || out.year > 9999 ? null : out;
}

/** A comparison: certain when the operands' ranges settle it, otherwise either way. */
function compare(op: "<" | "<=" | ">" | ">=" | "==" | "!=", l: AbstractValue, r: AbstractValue): AbstractValue {
  if (l.kind === "number" && r.kind === "number") {
    const a = l.span;
    const b = r.span;
    const lt = (x: Decimal | null, y: Decimal | null): boolean => x !== null && y !== null && x.lt(y);
    const lte = (x: Decimal | null, y: Decimal | null): boolean => x !== null && y !== null && x.lte(y);
    switch (op) {
      // a < b surely when a's top is below b's bottom; surely not when a's bottom is at or above b's top.
      case "<": return bool(!lte(b.hi, a.lo), !lt(a.hi, b.lo));
      case "<=": return bool(!lt(b.hi, a.lo), !lte(a.hi, b.lo));
      case ">": return bool(!lte(a.hi, b.lo), !lt(b.hi, a.lo));
      case ">=": return bool(!lt(a.hi, b.lo), !lte(b.hi, a.lo));
      case "==":
      case "!=": {
        const disjoint = lt(a.hi, b.lo) || lt(b.hi, a.lo);
        const same = isPoint(a) && isPoint(b) && a.lo!.eq(b.lo!);
        return op === "==" ? bool(!disjoint, !same) : bool(!same, !disjoint);
      }
    }
  }
  const c = concreteCompare(l, r);
  if (c === null) return MAYBE;
  const holds = { "<": c < 0, "<=": c <= 0, ">": c > 0, ">=": c >= 0, "==": c === 0, "!=": c !== 0 }[op];
  return bool(holds, !holds);
}

function concreteCompare(l: AbstractValue, r: AbstractValue): number | null {
  if (l.kind === "date" && r.kind === "date") return l.date === null || r.date === null ? null : compareDates(l.date, r.date);
  if (l.kind === "duration" && r.kind === "duration") return l.duration === null || r.duration === null ? null : l.duration.amount.cmp(r.duration.amount);
  if (l.kind === "bool" && r.kind === "bool") {
    const lv = exactBool(l);
    const rv = exactBool(r);
    return lv === null || rv === null ? null : lv === rv ? 0 : 1;
  }
  return null;
}

function exactBool(v: Extract<AbstractValue, { kind: "bool" }>): boolean | null {
  return v.canTrue && !v.canFalse ? true : v.canFalse && !v.canTrue ? false : null;
}

/** The exact value of an abstract one, or undefined when it is not known exactly. */
function exactValue(v: AbstractValue): Value | undefined {
  switch (v.kind) {
    case "number": return isPoint(v.span) ? v.span.lo! : undefined;
    case "bool": return exactBool(v) ?? undefined;
    case "date": return v.date ?? undefined;
    case "duration": return v.duration ?? undefined;
  }
}

function fromValue(v: Value, type: IrExpr["type"]): AbstractValue {
  if (v instanceof Decimal) return exactNumber(v);
  if (typeof v === "boolean") return bool(v, !v);
  return type === "date" ? date(v as CalendarDate) : duration(v as Duration);
}

/**
 * A built-in: exactly with its own evaluator when every argument is known
 * (a day count over the period, say), otherwise by its interval rule,
 * which the registry guarantees sound (src/builtins/builtin.ts).
 */
function call(e: IrCall, s: Scope): AbstractValue {
  const fn = builtinNamed(e.fn);
  if (fn === undefined) throw new BoundError(`internal: unknown built-in ${e.fn}`);
  const args = e.args.map((a) => evaluate(a, s));
  const table = fn.takesTable ? (e.table === undefined ? null : s.tiers[e.table] ?? null) : null;
  const site: CallSite = {
    rounding: s.rounding,
    text: e.text ?? e.fn,
    table,
    decimals: e.decimals ?? null,
    fail(_code, message): never {
      throw new BoundError(message);
    },
  };
  const exact = args.map(exactValue);
  if (exact.every((v) => v !== undefined)) {
    try {
      return fromValue(fn.evaluate(exact as Value[], site, fn.readsPeriod(args.length).length > 0 ? s.dates : null), e.type);
    } catch {
      // The run fails here with these values; the interval rule still bounds every value it can give.
    }
  }
  if (e.type !== "number") return e.type === "bool" ? MAYBE : e.type === "date" ? date(null) : duration(null);
  const intervals: (Interval | null)[] = args.map((a) => (a.kind === "number" ? { lo: a.span.lo, hi: a.span.hi } : null));
  const why = args.map(spanOf).find((a) => a.whyLo !== undefined || a.whyHi !== undefined);
  const cause = why?.whyHi ?? why?.whyLo ?? `${e.text ?? e.fn} has no bound`;
  const out = guard(() => {
    const r = fn.interval(intervals, site);
    return span(r.lo, r.hi, why?.whyLo ?? cause, why?.whyHi ?? cause);
  });
  return num(out);
}

export { point };
