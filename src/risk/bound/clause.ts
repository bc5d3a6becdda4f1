/**
 * One clause in one period, run abstractly (docs/language.md §7, §8): the
 * statements in order, a `when` that may go either way taken both ways
 * (its payments counted, its balance changes joined with none), an `on`
 * block for any number of events up to the event's bound. The result is,
 * per payer → payee pair, an upper bound on the period's payments of the
 * form `base + Σ perEvent[k] × (events of kind k in the period)`, so the
 * windows (./windows.ts) can spread an `at most N per term` over the term
 * instead of counting N in every period.
 */
import { Decimal } from "../../eval/decimal.ts";
import type { IrClause, IrOn, IrStmt, IrWhen } from "../../ir/ir.ts";
import { isUnbounded, plus, times, type Amount } from "./amount.ts";
import { BoundError, evaluate, type Scope } from "./evaluate.ts";
import type { PeriodValues } from "./period-values.ts";
import { add, equalSpans, hull, round, span, sub, unbounded, type Span } from "./span.ts";
import { spanOf, type AbstractValue } from "./values.ts";

/** An upper bound on one pair's payments in a period: base, plus so much per event of each kind. */
export interface PeriodPay {
  base: Amount;
  readonly perEvent: Map<number, Amount>;
}

export function emptyPay(): PeriodPay {
  return { base: Decimal.ZERO, perEvent: new Map() };
}

/** `payer → payee`, the key of a pair. */
export const pairKey = (payer: string, payee: string): string => `${payer}\u0000${payee}`;

/** What is known of the events of each kind in one period: at most so many. */
export type EventCounts = readonly Amount[];

interface Context {
  readonly clause: IrClause;
  readonly values: PeriodValues;
  readonly counts: EventCounts;
  readonly decimals: number;
  /** Event names, for reasons. */
  readonly eventName: (k: number) => string;
}

/** What one run of a block works on: the balances (changed in place) and the lets computed so far. */
interface Run {
  balances: Span[];
  readonly lets: Map<number, AbstractValue>;
  readonly args: Map<number, true>;
  /** Where payments go; null while only the balances' reach is being found. */
  readonly out: Map<string, PeriodPay> | null;
  /** The innermost enclosing `on` and the product of the enclosing ones' counts. */
  readonly event: { readonly kind: number; readonly times: Amount } | null;
}

/** The most events of one `on` loop that are tried one by one before a changing balance is taken as unbounded. */
const MAX_UNROLL = 12;

/**
 * Runs `clause` abstractly in the period of `values` from `balances`
 * (changed in place to what they may be after it), adding each pair's
 * bound to `out`.
 */
export function runClause(
  clause: IrClause,
  values: PeriodValues,
  counts: EventCounts,
  decimals: number,
  balances: Span[],
  out: Map<string, PeriodPay>,
  eventName: (k: number) => string,
): void {
  const cx: Context = { clause, values, counts, decimals, eventName };
  const run: Run = { balances, lets: new Map(), args: new Map(), out, event: null };
  block(cx, clause.body, run);
  // `when` and `on` may leave the run with a new array: the caller's is the one carried to the next period.
  for (let i = 0; i < balances.length; i++) balances[i] = run.balances[i]!;
}

function scopeOf(cx: Context, run: Run): Scope {
  const v = cx.values;
  const scope: Scope = {
    rounding: v.rounding,
    tiers: v.tiers,
    dates: v.dates,
    fact: (f) => v.fact(f),
    input: (slot) => v.input(slot),
    constant: (slot) => v.constant(slot),
    schedule: (slot) => v.schedule(slot),
    let: (slot) => {
      const known = run.lets.get(slot);
      if (known !== undefined) return known;
      const l = cx.clause.lets[slot];
      if (l === undefined) throw new BoundError(`internal: no let ${slot}`);
      const value = evaluate(l.value, scope);
      run.lets.set(slot, value);
      return value;
    },
    balance: (slot) => run.balances[slot] ?? unbounded("internal: no such balance"),
    eventArg: (event, arg) => {
      const e = v.ir.header.events[event];
      const name = e?.params[arg]?.name ?? `argument ${arg + 1}`;
      return { kind: "number", span: unbounded(`the ${name} of each ${e?.name ?? "event"} has no declared bound`) };
    },
  };
  return scope;
}

function block(cx: Context, body: readonly IrStmt[], run: Run): void {
  for (const s of body) statement(cx, s, run);
}

function statement(cx: Context, s: IrStmt, run: Run): void {
  switch (s.kind) {
    case "Pays": {
      if (run.out === null) return;
      const amount = spanOf(evaluate(s.amount, scopeOf(cx, run)));
      // Rounded as the runtime rounds it (monotone, so the top rounds to the top); a negative payment fails the run.
      const top = round(amount, cx.decimals, cx.values.rounding).hi;
      const most: Amount = top === null ? { unbounded: amount.whyHi ?? "its amount has no upper bound" } : Decimal.max(top, Decimal.ZERO);
      const key = pairKey(s.payer, s.payee);
      let pay = run.out.get(key);
      if (pay === undefined) run.out.set(key, (pay = emptyPay()));
      if (run.event === null) pay.base = plus(pay.base, most);
      else pay.perEvent.set(run.event.kind, plus(pay.perEvent.get(run.event.kind) ?? Decimal.ZERO, times(most, run.event.times)));
      return;
    }
    case "Grants": return; // grants are not payments: no ledger total counts them
    case "Adjust": {
      const amount = spanOf(evaluate(s.amount, scopeOf(cx, run)));
      const b = run.balances[s.balance];
      if (b !== undefined) run.balances[s.balance] = s.op === "add" ? add(b, amount) : sub(b, amount);
      return;
    }
    case "Let": {
      const l = cx.clause.lets[s.slot];
      if (l !== undefined) run.lets.set(s.slot, evaluate(l.value, scopeOf(cx, run)));
      return;
    }
    case "AtSigning": {
      if (cx.values.period.index === 1) block(cx, s.body, run);
      return;
    }
    case "When": return when(cx, s, run);
    case "On": return on(cx, s, run);
  }
}

function when(cx: Context, s: IrWhen, run: Run): void {
  const c = evaluate(s.cond, scopeOf(cx, run));
  let yes = c.kind !== "bool" || c.canTrue;
  const no = c.kind !== "bool" || c.canFalse;
  // `for N consecutive periods` cannot hold before the N-th period of a run.
  const streak = s.streak === null ? undefined : cx.clause.streaks[s.streak];
  if (s.streak !== null && (streak === undefined || cx.values.period.index < streak.periods)) yes = false;
  if (!yes) return;
  if (!no && s.streak === null) return block(cx, s.body, run);
  const before = [...run.balances];
  block(cx, s.body, run);
  run.balances = joinStates(before, run.balances, run.balances);
}

/**
 * `on EVENT`: the body runs once per event, up to the most the period can
 * have. The balances' reach is found first (each count tried, up to
 * MAX_UNROLL, then what still changes is taken as unbounded), and the body
 * then pays from that reach, so its bound per event holds for every event.
 */
function on(cx: Context, s: IrOn, run: Run): void {
  const count = cx.counts[s.event] ?? { unbounded: "internal: no such event" };
  const fresh = (out: Map<string, PeriodPay> | null, balances: Span[]): Run => {
    const lets = new Map(run.lets);
    for (const slot of s.lets) lets.delete(slot);
    // Nested inside another `on`, the body runs for every pairing: this event's count times the enclosing ones'.
    const times_ = run.event === null ? Decimal.ONE : times(run.event.times, cx.counts[run.event.kind] ?? Decimal.ONE);
    return { balances, lets, args: run.args, out, event: { kind: s.event, times: times_ } };
  };
  let reach = [...run.balances];
  let tries = 0;
  const limit = isUnbounded(count) ? MAX_UNROLL : Math.min(MAX_UNROLL, Number(count.toString()));
  for (;;) {
    const once = fresh(null, [...reach]);
    block(cx, s.body, once);
    const joined = joinStates(reach, once.balances, once.balances);
    const stable = joined.every((b, i) => equalSpans(b, reach[i]!));
    if (stable) break;
    tries++;
    if (!isUnbounded(count) && tries >= Number(count.toString())) {
      reach = joined;
      break;
    }
    if (tries >= limit) {
      // Still changing after as many events as we try: whatever moves is unbounded that way.
      const why = `${cx.clause.balances.map((b) => b.name).find((_, i) => !equalSpans(joined[i]!, reach[i]!)) ?? "a balance"} changes with each ${cx.eventName(s.event)}${isUnbounded(count) ? `, and ${count.unbounded}` : ""}`;
      reach = joined.map((b, i) => widen(reach[i]!, b, why));
      tries = 0;
      continue;
    }
    reach = joined;
  }
  const last = fresh(run.out, [...reach]);
  block(cx, s.body, last);
  run.balances = joinStates(reach, last.balances, last.balances);
}

/** Each balance as either state has it. */
function joinStates(a: readonly Span[], b: readonly Span[], into: Span[]): Span[] {
  const out = into === a ? [...a] : into;
  for (let i = 0; i < a.length; i++) out[i] = hull(a[i]!, b[i]!);
  return out;
}

/** `before` widened to infinity on each side that `after` moved past. */
function widen(before: Span, after: Span, why: string): Span {
  const down = after.lo === null || before.lo === null || after.lo.lt(before.lo);
  const up = after.hi === null || before.hi === null || after.hi.gt(before.hi);
  return span(down ? null : before.lo, up ? null : before.hi, down ? (after.whyLo ?? why) : undefined, up ? (after.whyHi ?? why) : undefined);
}
