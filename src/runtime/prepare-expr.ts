/**
 * Expressions of the IR turned into closures, once per program: each node
 * becomes a function of the frame, specialized on the static types of its
 * operands, with every name already a slot. Evaluating a period walks no
 * tree and looks nothing up by name.
 *
 * Semantics (docs/language.md §3.3, §9): `+ − ×` exact, division to 20 places
 * half-even (Decimal), `and`/`or`/`if` short-circuit so that an untaken
 * branch never fails. When the frame has a trace, every name reference
 * records itself (and, for computed values, what they came from).
 */
import type { IrBinary, IrCall, IrExpr, IrRange, PeriodFact, RoundingMode, TermsIr } from "../ir/ir.ts";
import { kindOf } from "../ir/exhaustive.ts";
import { RUN } from "../diagnostics/codes/run.ts";
import type { Range } from "../diagnostics/range.ts";
import { addDays, addMonths, addYears, compareDates, dayNumber, parseDate } from "../eval/dates.ts";
import type { CalendarDate } from "../eval/dates.ts";
import { Decimal } from "../eval/decimal.ts";
import { computeMemo, depsOf } from "./frame.ts";
import type { Ev, Frame, Memo } from "./frame.ts";
import { RunError } from "./run-error.ts";
import { Trace, traceText } from "./trace.ts";
import type { TraceRef } from "./trace.ts";
import type { Duration, DurationUnit } from "./values.ts";
import { builtinNamed } from "../builtins/registry.ts";
import type { CallSite, PeriodRead, TableRows, Value } from "../builtins/builtin.ts";
import { fastExpr } from "./fast/fast-expr.ts";
import type { Scales } from "./fast/scales.ts";

/** How the references of an expression resolve. */
export interface ExprScope {
  /** The const in `slot` for this period, computed on first use. */
  constMemo(f: Frame, slot: number): Memo;
  /** The value of the schedule in `slot` for this period; `range` is the reference's, for the error when no entry applies. */
  scheduleMemo(f: Frame, slot: number, range: Range): Memo;
  /** The enclosing clause's lets by slot (filled once all are prepared), or null outside a clause. */
  readonly lets: readonly Ev[] | null;
  readonly rounding: RoundingMode;
  /** The program's tiers tables by slot (null: malformed in the IR); absent when it has none. */
  readonly tiers?: readonly (TableRows | null)[];
  /** What each expression's value depends on (see PeriodDeps); null turns period memos off. */
  readonly deps: PeriodDeps | null;
  /** Static scales for the scaled-integer fast path (fast/); null or absent turns it off. */
  readonly scales?: Scales | null;
  /** The enclosing clause's let expressions, for the scales of let references. */
  readonly letIr?: readonly IrExpr[] | null;
}

export const toRange = (r: IrRange): Range => ({ start: r[0], end: r[1] });

function internal(message: string): Ev {
  return () => {
    throw new Error(message);
  };
}

const dec = (text: string): Decimal | null => Decimal.parse(text);

/**
 * The closure of an expression.
 *
 * A costly part of an expression (one with a division or a stepped
 * round/floor/ceil) whose value depends on nothing but the period — its
 * `days`, contract year or index — and the program itself is computed once
 * per distinct value of what it depends on and kept with the program
 * (`guaranteed * 0.5% * days / 365`: four divisions for a monthly term of
 * any length, not one a period). Its trace is kept too and replayed, and a
 * failure is never kept, so results, traces and errors are exactly those of
 * evaluating it every time.
 */
export function prepareExpr(e: IrExpr, scope: ExprScope): Ev {
  const deps = scope.deps;
  if (deps !== null) {
    const d = deps.of(e);
    if ((d & DYNAMIC) === 0 && isCostly(e)) return periodMemo(prepareNode(e, { ...scope, deps: null }), d);
  }
  const scales = scope.scales;
  if (scales !== null && scales !== undefined) {
    const ctx = { scales, lets: scope.letIr ?? null, rounding: scope.rounding, slow: (x: IrExpr) => prepareExpr(x, scope) };
    // The Decimal path of the same expression, for the evaluations the fast path gives up on.
    const fast = fastExpr(e, ctx, () => prepareNode(e, { ...scope, scales: null }));
    if (fast !== null) return fast;
  }
  return prepareNode(e, scope);
}

function prepareNode(e: IrExpr, scope: ExprScope): Ev {
  switch (e.kind) {
    case "Number": {
      const v = dec(e.value);
      if (v === null) return internal(`internal: bad number literal ${e.value}`);
      return () => v;
    }
    case "Duration": {
      const amount = dec(e.amount);
      if (amount === null) return internal(`internal: bad duration literal ${e.amount}`);
      const v: Duration = { amount, per: e.per as DurationUnit };
      return () => v;
    }
    case "Date": {
      const d = parseDate(e.value);
      if (d === null) return internal(`internal: bad date literal ${e.value}`);
      return () => d;
    }
    case "Input": {
      const ref = traceRef(e);
      const slot = e.slot;
      const range = toRange(e.range);
      return (f) => {
        const v = f.inputs[slot];
        if (v === undefined) throw new RunError(RUN.missingInput, `input ${ref.name} has no value`, range);
        if (f.trace !== null) f.trace.add(ref, v);
        return v;
      };
    }
    case "EventArg": {
      const ref = traceRef(e);
      const { event, arg } = e;
      return (f) => {
        const v = f.current[event]?.args[arg];
        if (v === undefined) throw new Error(`internal: event argument ${ref.name} is not in scope`);
        if (f.trace !== null) f.trace.add(ref, v);
        return v;
      };
    }
    case "PeriodFact": {
      const ref = traceRef(e);
      const get = factGetter(e.fact);
      if (get === null) return internal(`internal: no period fact ${e.fact}`);
      return (f) => {
        const v = get(f);
        if (f.trace !== null) f.trace.add(ref, v);
        return v;
      };
    }
    case "Const": {
      const ref = traceRef(e);
      const slot = e.slot;
      return (f) => {
        let m = f.consts[slot];
        if (m === undefined) {
          m = scope.constMemo(f, slot);
          f.consts[slot] = m;
        }
        if (f.trace !== null) traceNamed(f, ref, m);
        return m.value;
      };
    }
    case "Schedule": {
      const ref = traceRef(e);
      const slot = e.slot;
      const range = toRange(e.range);
      return (f) => {
        let m = f.schedules[slot];
        if (m === undefined) {
          m = scope.scheduleMemo(f, slot, range);
          f.schedules[slot] = m;
        }
        if (f.trace !== null) traceNamed(f, ref, m);
        return m.value;
      };
    }
    case "Let": {
      const lets = scope.lets;
      if (lets === null) return internal(`internal: let ${e.name} outside a clause`);
      const ref = traceRef(e);
      const slot = e.slot;
      return (f) => {
        let m = f.lets[slot];
        if (m === undefined) {
          const ev = lets[slot];
          if (ev === undefined) throw new Error(`internal: no let in slot ${slot}`);
          m = computeMemo(f, ev);
          f.lets[slot] = m;
        }
        if (f.trace !== null) traceNamed(f, ref, m);
        return m.value;
      };
    }
    case "Balance": {
      const ref = traceRef(e);
      const slot = e.slot;
      return (f) => {
        const v = f.balances[slot];
        if (v === undefined) throw new Error(`internal: no balance in slot ${slot}`);
        if (f.trace !== null) f.trace.add(ref, v);
        return v;
      };
    }
    case "Unary": {
      const o = prepareExpr(e.operand, scope);
      if (e.op === "not") return (f) => !(o(f) as boolean);
      if (e.operand.type === "duration") {
        return (f) => {
          const d = o(f) as Duration;
          return { amount: d.amount.neg(), per: d.per };
        };
      }
      return (f) => (o(f) as Decimal).neg();
    }
    case "Binary": return binary(e, scope);
    case "Call": return call(e, scope);
    case "If": {
      const c = prepareExpr(e.cond, scope);
      const t = prepareExpr(e.then, scope);
      const x = prepareExpr(e.else, scope);
      return (f) => (c(f) ? t(f) : x(f));
    }
    case "Invalid":
      return internal(e.reason);
    default:
      return internal(`internal: unknown expression kind ${kindOf(e)}`);
  }
}

// ---------------------------------------------------------------- period memos

/** Bits of what a value depends on: nothing (0: the same in every period), period facts, or data. */
export const DAYS = 1;
export const CONTRACT_YEAR = 2;
/** The period itself: its index, or its dates, or a schedule keyed by period or date. */
export const PERIOD = 4;
/** Inputs, event arguments, lets, balances: the data of the period. */
export const DYNAMIC = 8;

/** What expressions of a program depend on, consts and schedules followed through. */
export class PeriodDeps {
  private readonly constDeps = new Map<number, number>();
  private readonly scheduleDeps = new Map<number, number>();

  constructor(private readonly ir: Pick<TermsIr, "consts" | "schedules">) {}

  of(e: IrExpr): number {
    switch (e.kind) {
      case "Number":
      case "Duration":
      case "Date":
        return 0;
      case "PeriodFact":
        return e.fact === "days" ? DAYS : e.fact === "contract_year" ? CONTRACT_YEAR : PERIOD;
      case "Input":
      case "EventArg":
      case "Let":
      case "Balance":
      case "Invalid":
        return DYNAMIC;
      case "Const": {
        const known = this.constDeps.get(e.slot);
        if (known !== undefined) return known;
        const c = this.ir.consts[e.slot];
        this.constDeps.set(e.slot, DYNAMIC); // a cycle (never checked) stays dynamic
        const d = c === undefined ? DYNAMIC : c.static ? 0 : this.of(c.value);
        this.constDeps.set(e.slot, d);
        return d;
      }
      case "Schedule": {
        const known = this.scheduleDeps.get(e.slot);
        if (known !== undefined) return known;
        const s = this.ir.schedules[e.slot];
        this.scheduleDeps.set(e.slot, DYNAMIC);
        let d = s === undefined ? DYNAMIC : s.basis === "contract_year" ? CONTRACT_YEAR : PERIOD;
        for (const entry of s?.entries ?? []) d |= this.of(entry.value);
        this.scheduleDeps.set(e.slot, d);
        return d;
      }
      case "Unary": return this.of(e.operand);
      case "Binary": return this.of(e.left) | this.of(e.right);
      case "Call": {
        // A day count without arguments, or interpolate without `at`, reads the period's dates.
        const fn = builtinNamed(e.fn);
        const period = fn === undefined ? DYNAMIC : fn.readsPeriod(e.args.length).length > 0 ? PERIOD : 0;
        return e.args.reduce((d, a) => d | this.of(a), period);
      }
      case "If": return this.of(e.cond) | this.of(e.then) | this.of(e.else);
      default: {
        kindOf(e);
        return DYNAMIC;
      }
    }
  }
}

/** Whether an expression holds an operation worth remembering: a division, or a built-in its registry entry calls costly. */
function isCostly(e: IrExpr): boolean {
  switch (e.kind) {
    case "Unary": return isCostly(e.operand);
    case "Binary": return e.op === "/" || isCostly(e.left) || isCostly(e.right);
    case "Call": return builtinNamed(e.fn)?.costly(e.args.length) === true || e.args.some(isCostly);
    case "If": return isCostly(e.cond) || isCostly(e.then) || isCostly(e.else);
    case "Number":
    case "Duration":
    case "Date":
    case "Input":
    case "Const":
    case "Schedule":
    case "Let":
    case "Balance":
    case "EventArg":
    case "PeriodFact":
    case "Invalid":
      return false;
    default:
      kindOf(e);
      return false;
  }
}

/** The key of a period for a value depending on `d`: what of the period it depends on. */
function keyOf(d: number): (f: Frame) => number {
  if ((d & PERIOD) !== 0) return (f) => f.period.index;
  if (d === (DAYS | CONTRACT_YEAR)) return (f) => f.period.contractYear * 512 + f.period.days;
  if (d === DAYS) return (f) => f.period.days;
  if (d === CONTRACT_YEAR) return (f) => f.period.contractYear;
  return () => 0;
}

/** `ev` computed once per key, with its trace; errors are not kept (they recur on every evaluation). */
function periodMemo(ev: Ev, d: number): Ev {
  const key = keyOf(d);
  const memos = new Map<number, Memo>();
  return (f) => {
    const k = key(f);
    let m = memos.get(k);
    if (m === undefined) {
      m = computeMemo(f, ev);
      memos.set(k, m);
    }
    if (f.trace !== null) f.trace.addAll(depsOf(f, m));
    return m.value;
  };
}

function traceRef(e: { name: string; type: TraceRef["type"]; unit?: string }): TraceRef {
  return { name: e.name, type: e.type, unit: e.unit };
}

/** Records a computed named value, then what it was computed from. */
function traceNamed(f: Frame, ref: TraceRef, m: Memo): void {
  const trace = f.trace!;
  trace.add(ref, m.value);
  trace.addAll(depsOf(f, m));
}

function factGetter(fact: PeriodFact): ((f: Frame) => unknown) | null {
  switch (fact) {
    case "days": return (f) => f.facts.days;
    case "period_index": return (f) => f.facts.periodIndex;
    case "contract_year": return (f) => f.facts.contractYear;
    case "period_start": return (f) => f.facts.start;
    case "period_end": return (f) => f.facts.end;
    default:
      kindOf(fact);
      return null;
  }
}

// ---------------------------------------------------------------- operators

function binary(e: IrBinary, scope: ExprScope): Ev {
  const l = prepareExpr(e.left, scope);
  const r = prepareExpr(e.right, scope);
  const lt = e.left.type;
  const rt = e.right.type;
  const op = e.op;
  // Short-circuit: `x > 0 and y / x > 1` never divides by zero.
  if (op === "and") return (f) => (l(f) as boolean) && (r(f) as boolean);
  if (op === "or") return (f) => (l(f) as boolean) || (r(f) as boolean);
  const numbers = lt === "number" && rt === "number";
  const text = e.text ?? "";
  const range = toRange(e.range);
  switch (op) {
    case "+":
    case "-": {
      const sign = op === "+" ? 1 : -1;
      if (numbers) {
        return sign === 1
          ? (f) => (l(f) as Decimal).add(r(f) as Decimal)
          : (f) => (l(f) as Decimal).sub(r(f) as Decimal);
      }
      if (lt === "date" && rt === "duration") {
        return (f) => {
          const d = l(f) as CalendarDate;
          return shift(d, r(f) as Duration, sign, text, range);
        };
      }
      if (lt === "duration" && rt === "date" && sign === 1) {
        return (f) => {
          const by = l(f) as Duration;
          return shift(r(f) as CalendarDate, by, 1, text, range);
        };
      }
      if (lt === "date" && rt === "date" && sign === -1) {
        return (f) => {
          const a = l(f) as CalendarDate;
          return Decimal.ofInt(dayNumber(a) - dayNumber(r(f) as CalendarDate));
        };
      }
      if (lt === "duration" && rt === "duration") {
        return (f) => {
          const a = l(f) as Duration;
          const b = r(f) as Duration;
          if (a.per !== b.per) throw new Error(`internal: cannot apply ${op} to a duration and a duration`);
          return { amount: sign === 1 ? a.amount.add(b.amount) : a.amount.sub(b.amount), per: a.per };
        };
      }
      return internal(`internal: cannot apply ${op} to a ${lt} and a ${rt}`);
    }
    case "*": {
      if (numbers) return (f) => (l(f) as Decimal).mul(r(f) as Decimal);
      if (lt === "duration" && rt === "number") {
        return (f) => {
          const d = l(f) as Duration;
          return { amount: d.amount.mul(r(f) as Decimal), per: d.per };
        };
      }
      if (lt === "number" && rt === "duration") {
        return (f) => {
          const n = l(f) as Decimal;
          const d = r(f) as Duration;
          return { amount: d.amount.mul(n), per: d.per };
        };
      }
      return internal(`internal: cannot apply * to a ${lt} and a ${rt}`);
    }
    case "/": {
      if (rt !== "number" || (lt !== "number" && lt !== "duration")) return internal(`internal: cannot apply / to a ${lt} and a ${rt}`);
      if (lt === "duration") {
        return (f) => {
          const d = l(f) as Duration;
          const divisor = r(f) as Decimal;
          if (divisor.isZero()) throw divisionByZero(f, l, r, text, range);
          return { amount: d.amount.div(divisor), per: d.per };
        };
      }
      return (f) => {
        const a = l(f) as Decimal;
        const divisor = r(f) as Decimal;
        if (divisor.isZero()) throw divisionByZero(f, l, r, text, range);
        return a.div(divisor);
      };
    }
    case "<":
    case "<=":
    case ">":
    case ">=":
    case "==":
    case "!=": {
      const cmp = comparer(lt, rt, op === "==" || op === "!=");
      if (cmp === null) return internal(`internal: cannot compare a ${lt} and a ${rt}`);
      if (numbers) {
        switch (op) {
          case "<": return (f) => (l(f) as Decimal).lt(r(f) as Decimal);
          case "<=": return (f) => (l(f) as Decimal).lte(r(f) as Decimal);
          case ">": return (f) => (l(f) as Decimal).gt(r(f) as Decimal);
          case ">=": return (f) => (l(f) as Decimal).gte(r(f) as Decimal);
          case "==": return (f) => (l(f) as Decimal).eq(r(f) as Decimal);
          case "!=": return (f) => !(l(f) as Decimal).eq(r(f) as Decimal);
        }
      }
      const test = COMPARISONS[op];
      return (f) => {
        const a = l(f);
        return test(cmp(a, r(f)));
      };
    }
  }
}

const COMPARISONS: Readonly<Record<"<" | "<=" | ">" | ">=" | "==" | "!=", (c: number) => boolean>> = {
  "<": (c) => c < 0,
  "<=": (c) => c <= 0,
  ">": (c) => c > 0,
  ">=": (c) => c >= 0,
  "==": (c) => c === 0,
  "!=": (c) => c !== 0,
};

/** Compares two values of the given types (booleans only for equality), or null when they do not compare. */
function comparer(lt: string, rt: string, equality: boolean): ((a: unknown, b: unknown) => number) | null {
  if (lt !== rt) return null;
  switch (lt) {
    case "number": return (a, b) => (a as Decimal).cmp(b as Decimal);
    case "date": return (a, b) => compareDates(a as CalendarDate, b as CalendarDate);
    case "duration": return (a, b) => (a as Duration).amount.cmp((b as Duration).amount);
    case "bool": return equality ? (a, b) => (a === b ? 0 : 1) : null;
    default: return null;
  }
}

/** DATE ± duration; a month-end clamps as in docs/language.md §3.4 (2026-01-31 + 1 month = 2026-02-28). */
function shift(d: CalendarDate, by: Duration, sign: 1 | -1, text: string, range: Range): CalendarDate {
  if (!by.amount.isInteger()) {
    throw new RunError(RUN.durationNotWhole, `${by.amount.toString()} ${by.per} is not a whole number of ${by.per} in ${text}`, range);
  }
  // A whole number past 2^53 days is far outside any calendar: out of range, like the result would be.
  const n = by.amount.toSafeInt();
  if (n === null) throw new RunError(RUN.dateOutOfRange, `${text} falls outside the years 0001 to 9999`, range);
  const k = sign * n;
  const out = by.per === "days" ? addDays(d, k) : by.per === "months" ? addMonths(d, k) : addYears(d, k);
  if (out.year < 1 || out.year > 9999) {
    throw new RunError(RUN.dateOutOfRange, `${text} falls outside the years 0001 to 9999`, range);
  }
  return out;
}

/** The message names the division and the values it was computed from. */
function divisionByZero(f: Frame, l: Ev, r: Ev, text: string, range: Range): RunError {
  // Re-evaluate the operands with a trace: they just succeeded, so this cannot fail.
  const outer = f.trace;
  const trace = new Trace();
  f.trace = trace;
  try {
    l(f);
    r(f);
  } finally {
    f.trace = outer;
  }
  const values = traceText(trace.items);
  return new RunError(RUN.divisionByZero, `division by zero: ${text}${values === "" ? "" : ` with ${values}`}`, range);
}

// ---------------------------------------------------------------- built-ins

const PERIOD_FACT_REFS: Readonly<Record<Exclude<PeriodRead, "term">, TraceRef>> = {
  period_start: { name: "period_start", type: "date", unit: undefined },
  period_end: { name: "period_end", type: "date", unit: undefined },
};

/**
 * A built-in call (src/builtins): every argument is evaluated first, then
 * the period facts the form reads are traced (they are what its value was
 * computed from), then the built-in's own evaluator applies.
 */
function call(e: IrCall, scope: ExprScope): Ev {
  const fn = builtinNamed(e.fn);
  if (fn === undefined) return internal(`internal: unknown built-in ${e.fn}`);
  const table = fn.takesTable ? (e.table === undefined ? undefined : scope.tiers?.[e.table]) : null;
  if (table === undefined) return internal(`internal: ${e.fn} without a tiers table`);
  const args = e.args.map((a) => prepareExpr(a, scope));
  const range = toRange(e.range);
  const site: CallSite = {
    rounding: scope.rounding,
    text: e.text ?? e.fn,
    table,
    decimals: e.decimals ?? null,
    fail(code, message): never {
      throw new RunError(code, message, range);
    },
  };
  const periodReads = fn.readsPeriod(args.length);
  // The term is the deal's, not a named value: nothing to trace.
  const reads = periodReads.flatMap((fact) => (fact === "term" ? [] : [PERIOD_FACT_REFS[fact]]));
  const evaluate = fn.evaluate;
  if (periodReads.length > 0) {
    return (f) => {
      const values = args.map((a) => a(f) as Value);
      if (f.trace !== null) {
        const facts = f.facts;
        for (const ref of reads) f.trace.add(ref, ref.name === "period_start" ? facts.start : facts.end);
      }
      return evaluate(values, site, f.facts);
    };
  }
  // The common arities without an array of closures to walk.
  const [a, b] = args;
  switch (args.length) {
    case 1: return (f) => evaluate([a!(f) as Value], site, null);
    case 2: return (f) => {
      const x = a!(f) as Value;
      return evaluate([x, b!(f) as Value], site, null);
    };
    default: return (f) => evaluate(args.map((g) => g(f) as Value), site, null);
  }
}
