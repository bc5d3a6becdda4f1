/**
 * The evaluation form of a program: its IR prepared once into closures
 * over resolved slots — consts, schedules with their matchers, and each
 * clause as a window, caps, streak conditions, lets and a body of
 * statement closures. The engine (engine.ts) runs periods through it.
 */
import type {
  IrAdjust, IrClause, IrGrants, IrPays, IrSchedule, IrStmt, RoundingMode, TermsHeader, TermsIr,
} from "../ir/ir.ts";
import { RUN } from "../diagnostics/codes/run.ts";
import type { Range } from "../diagnostics/range.ts";
import { Decimal } from "../eval/decimal.ts";
import type { Period } from "../eval/periods.ts";
import type { LedgerGrant, LedgerLine } from "../ledger/ledger.ts";
import type { CapUse, CapWindow } from "./caps.ts";
import { headroom, recordPaid } from "./caps.ts";
import { holds } from "./consecutive.ts";
import { entryIndex } from "./schedules.ts";
import type { Streak } from "./consecutive.ts";
import { computeMemo, depsOf } from "./frame.ts";
import type { Ev, Frame, Memo, PeriodFacts } from "./frame.ts";
import { termPeriods } from "./term-periods.ts";
import { paymentDates } from "./payment-dates.ts";
import { formatMoney } from "./money.ts";
import type { Payment } from "./netting.ts";
import { PeriodDeps, prepareExpr, toRange } from "./prepare-expr.ts";
import { prepareTiers } from "./tiers.ts";
import type { ExprScope } from "./prepare-expr.ts";
import { RunError } from "./run-error.ts";
import { kindOf } from "../ir/exhaustive.ts";
import { Trace, traceEntries, traceText } from "./trace.ts";
import { Scales } from "./fast/scales.ts";

/** What a period's clauses produce, in clause order then statement order. */
export interface PeriodOutput {
  readonly lines: LedgerLine[];
  readonly grants: LedgerGrant[];
  /** The lines' paid amounts as decimals, for netting and totals. */
  readonly payments: Payment[];
}

/** One clause running in one period: what its statements need beyond the frame. */
export interface ClauseRun {
  readonly clause: PreparedClause;
  /** This clause's cap uses (engine state). */
  readonly caps: (CapUse | null)[];
  /** Every streak of the program (engine state). */
  readonly streaks: readonly Streak[];
  /** Cap amounts of this period, evaluated on the first payment that needs them. */
  readonly capAmounts: (Decimal | undefined)[];
  readonly out: PeriodOutput;
  /** Whether lines carry their trace. */
  readonly traceOn: boolean;
}

/** A statement closure. */
type Exec = (f: Frame, run: ClauseRun) => void;

export interface PreparedClause {
  readonly name: string;
  readonly title: string;
  readonly from: string | null;
  readonly until: string | null;
  readonly range: Range;
  readonly letCount: number;
  /** The initial value of each balance (constant), computed before the first period a run settles. */
  readonly balanceInitials: readonly Ev[];
  readonly capWindows: readonly CapWindow[];
  readonly capAmounts: readonly Ev[];
  /** This clause's streak conditions; their state is at `streakBase + i` in the engine's streaks. */
  readonly streaks: readonly { readonly cond: Ev; readonly periods: number }[];
  readonly streakBase: number;
  readonly body: Exec;
}

/** One end of a declared range: evaluated on a frame of the period's inputs; `text` as written. */
export interface PreparedBound {
  readonly ev: Ev;
  readonly text: string;
}

/** A declared range of the input in `slot`. */
export interface PreparedRange {
  readonly slot: number;
  readonly low: PreparedBound | null;
  readonly high: PreparedBound | null;
}

interface PreparedSchedule {
  readonly name: string;
  readonly basis: IrSchedule["basis"];
  readonly entries: readonly { readonly lo: number | string; readonly hi: number | string | null; readonly ev: Ev; readonly static: boolean }[];
}

/** A program ready to settle periods. */
export interface PreparedProgram {
  readonly ir: TermsIr;
  readonly header: TermsHeader;
  readonly decimals: number;
  readonly rounding: RoundingMode;
  /** The periods of the term. */
  readonly periods: readonly Period[];
  readonly constCount: number;
  readonly scheduleCount: number;
  readonly clauses: readonly PreparedClause[];
  readonly streakCount: number;
  /** The root scope: consts and schedules, no lets (what test values and cap amounts see). */
  readonly scope: ExprScope;
  /** Declared input ranges (docs/language.md §5 "Declared ranges"), in input order. */
  readonly ranges: readonly PreparedRange[];
  /** How many expressions settle on the scaled-integer fast path (0 when it is off). */
  readonly fastExpressions: number;
  /** The period facts of a period of the term. */
  factsOf(period: Period): PeriodFacts;
  /** When a period's amounts are due (ISO): the `paid` rule's date, or the period's end. */
  paymentDateOf(period: Period): string;
}

export interface PrepareOptions {
  /**
   * Remember costly period-only values per period (prepare-expr.ts); on by
   * default. Off only to measure what the memos save (npm run bench).
   */
  readonly periodMemos?: boolean;
  /**
   * Evaluate expressions of known scale on integers (src/runtime/fast/,
   * issue 17); on by default, the ledger the same either way. Off with
   * `fastPath: false` or the environment variable TENOR_FAST_PATH=0 (for
   * the differential tests and the bench).
   */
  readonly fastPath?: boolean;
}

/** Whether the fast path is on: the option when given, else off only under TENOR_FAST_PATH=0. */
export function fastPathOn(options: PrepareOptions): boolean {
  if (options.fastPath !== undefined) return options.fastPath;
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
  return env?.["TENOR_FAST_PATH"] !== "0";
}

/**
 * Prepares a program's IR for settlement. A defect in an expression becomes
 * an internal run-time error when evaluated; a payment rule whose calendar
 * does not cover its dates throws here (src/runtime/payment-dates.ts), which
 * loadTerms reports as a malformed IR — the compiler never writes one.
 */
export function prepareProgram(ir: TermsIr, options: PrepareOptions = {}): PreparedProgram {
  const rounding = ir.header.currency.rounding;
  const decimals = ir.header.currency.decimals;
  // Values that are the same in every period (literals and such consts) are computed once per program.
  const staticConsts: (Memo | undefined)[] = new Array(ir.consts.length);
  const staticEntries: (Memo | undefined)[][] = ir.schedules.map((s) => new Array(s.entries.length));
  const consts: Ev[] = [];
  const schedules: PreparedSchedule[] = [];
  const scales = fastPathOn(options) ? new Scales(ir) : null;

  const root: ExprScope = {
    rounding,
    tiers: (ir.tiers ?? []).map(prepareTiers),
    lets: null,
    deps: options.periodMemos === false ? null : new PeriodDeps(ir),
    scales,
    constMemo(f, slot) {
      const known = staticConsts[slot];
      if (known !== undefined) return known;
      const ev = consts[slot];
      if (ev === undefined) throw new Error(`internal: no const in slot ${slot}`);
      const m = computeMemo(f, ev);
      if (ir.consts[slot]!.static) staticConsts[slot] = m;
      return m;
    },
    scheduleMemo(f, slot, range) {
      const s = schedules[slot];
      if (s === undefined) throw new Error(`internal: no schedule in slot ${slot}`);
      const i = entryIndex(s.basis, s.entries, f.period);
      if (i < 0) {
        const p = f.period;
        const which = s.basis === "date" ? `a period starting ${p.start}` : s.basis === "period" ? `period ${p.index}` : `contract year ${p.contractYear}`;
        throw new RunError(RUN.noScheduleEntry, `schedule ${s.name} has no entry for ${which}`, range);
      }
      const known = staticEntries[slot]![i];
      if (known !== undefined) return known;
      const entry = s.entries[i]!;
      const m = computeMemo(f, entry.ev);
      if (entry.static) staticEntries[slot]![i] = m;
      return m;
    },
  };
  for (const c of ir.consts) consts.push(prepareExpr(c.value, root));
  for (const s of ir.schedules) {
    schedules.push({
      name: s.name,
      basis: s.basis,
      entries: s.entries.map((e) => ({ lo: e.from, hi: e.to, ev: prepareExpr(e.value, root), static: e.static })),
    });
  }

  let streakCount = 0;
  const clauses = ir.clauses.map((c) => {
    const prepared = prepareClause(c, root, streakCount, decimals, rounding, ir.header.currency.code);
    streakCount += c.streaks.length;
    return prepared;
  });

  const ranges = (ir.ranges ?? []).map((r): PreparedRange => ({
    slot: r.input,
    low: r.low === null ? null : { ev: prepareExpr(r.low.value, root), text: r.low.text },
    high: r.high === null ? null : { ev: prepareExpr(r.high.value, root), text: r.high.text },
  }));

  const term = termPeriods(ir.header.term);
  const paymentDateOf = paymentDates(ir.header, term.periods);
  return {
    ir,
    header: ir.header,
    decimals,
    rounding,
    periods: term.periods,
    constCount: ir.consts.length,
    scheduleCount: ir.schedules.length,
    clauses,
    streakCount,
    scope: root,
    ranges,
    fastExpressions: scales?.fastExpressions ?? 0,
    factsOf: term.factsOf,
    paymentDateOf,
  };
}

// ---------------------------------------------------------------- clauses

function prepareClause(c: IrClause, root: ExprScope, streakBase: number, decimals: number, rounding: RoundingMode, currency: string): PreparedClause {
  const lets: Ev[] = [];
  const scope: ExprScope = { ...root, constMemo: root.constMemo, scheduleMemo: root.scheduleMemo, lets, letIr: c.lets.map((l) => l.value) };
  for (const l of c.lets) lets.push(prepareExpr(l.value, scope));
  const money = { decimals, rounding, currency };
  const clause: PreparedClause = {
    name: c.name,
    title: c.title,
    from: c.from,
    until: c.until,
    range: toRange(c.range),
    letCount: c.lets.length,
    balanceInitials: (c.balances ?? []).map((b) => prepareExpr(b.initial, scope)),
    capWindows: c.caps.map((cap) => cap.window),
    // Evaluated in the clause's top-level scope (the checker keeps them to consts, schedules, inputs and period facts).
    capAmounts: c.caps.map((cap) => prepareExpr(cap.amount, scope)),
    streaks: c.streaks.map((s) => ({ cond: prepareExpr(s.cond, scope), periods: s.periods })),
    streakBase,
    body: block(c.body, scope, streakBase, c.streaks.map((s) => s.periods), money),
  };
  return clause;
}

interface MoneyContext {
  readonly decimals: number;
  readonly rounding: RoundingMode;
  readonly currency: string;
}

function block(stmts: readonly IrStmt[], scope: ExprScope, streakBase: number, streakN: readonly number[], money: MoneyContext): Exec {
  const execs = stmts.map((s) => statement(s, scope, streakBase, streakN, money));
  if (execs.length === 1) return execs[0]!;
  return (f, run) => {
    for (let i = 0; i < execs.length; i++) execs[i]!(f, run);
  };
}

function statement(s: IrStmt, scope: ExprScope, streakBase: number, streakN: readonly number[], money: MoneyContext): Exec {
  switch (s.kind) {
    case "Pays": return pays(s, scope, money);
    case "Grants": return grants(s, scope, money);
    case "When": {
      const body = block(s.body, scope, streakBase, streakN, money);
      if (s.streak !== null) {
        const n = streakN[s.streak];
        // A streak that is not observed (an index outside the clause's streaks) never holds.
        if (n === undefined) return () => {};
        const at = streakBase + s.streak;
        return (f, run) => {
          if (holds(run.streaks[at], n)) body(f, run);
        };
      }
      const cond = prepareExpr(s.cond, scope);
      return (f, run) => {
        if (cond(f) as boolean) body(f, run);
      };
    }
    case "On": {
      const body = block(s.body, scope, streakBase, streakN, money);
      const slot = s.event;
      const owned = s.lets;
      return (f, run) => {
        const events = f.events[slot];
        if (events === undefined || events.length === 0) return;
        const outer = f.current[slot] ?? null;
        for (const event of events) {
          f.current[slot] = event;
          // The lets of this block are computed afresh for each event.
          for (let i = 0; i < owned.length; i++) f.lets[owned[i]!] = undefined;
          body(f, run);
        }
        f.current[slot] = outer;
      };
    }
    case "AtSigning": {
      const body = block(s.body, scope, streakBase, streakN, money);
      return (f, run) => {
        if (f.period.index === 1) body(f, run);
      };
    }
    case "Adjust": return adjust(s, scope);
    case "Let": {
      // A let that reads a balance: computed here, so it sees the balance as it is now.
      const ev = scope.lets?.[s.slot];
      if (ev === undefined) throw new Error(`internal: no let in slot ${s.slot}`);
      const slot = s.slot;
      return (f, run) => {
        const m = computeMemo(f, ev);
        // Its trace cannot be recomputed later (the balance may have changed): take it now.
        if (run.traceOn) depsOf(f, m);
        f.lets[slot] = m;
      };
    }
    default:
      return () => {
        throw new Error(`internal: unknown statement kind ${kindOf(s)}`);
      };
  }
}

/**
 * A payment (docs/language.md §9): rounded to the currency's minor unit (`computed`),
 * refused when negative, dropped when 0.00, then cut to the clause's
 * smallest cap headroom (`amount`).
 */
function pays(s: IrPays, scope: ExprScope, money: MoneyContext): Exec {
  const amount = prepareExpr(s.amount, scope);
  const { decimals, rounding, currency } = money;
  const range = toRange(s.range);
  const { payer, payee, text } = s;
  return (f, run) => {
    const trace = run.traceOn ? new Trace() : null;
    f.trace = trace;
    let raw: Decimal;
    try {
      raw = amount(f) as Decimal;
    } finally {
      f.trace = null;
    }
    const computed = raw.round(decimals, rounding);
    if (computed.isNegative()) {
      let items = trace?.items;
      if (items === undefined) {
        // Traces were off: evaluate again with one for the message (it just succeeded).
        const t = new Trace();
        f.trace = t;
        try {
          amount(f);
        } finally {
          f.trace = null;
        }
        items = t.items;
      }
      const values = traceText(items);
      throw new RunError(
        RUN.negativePayment,
        `payment from ${payer} to ${payee} is negative: ${formatMoney(computed, money)} ${currency} (${text}${values === "" ? "" : ` with ${values}`})`,
        range,
      );
    }
    if (computed.isZero()) return; // docs/language.md §9: no line for a computed 0.00
    const clause = run.clause;
    let paid = computed;
    if (clause.capWindows.length > 0) {
      const room = headroom(clause.capWindows, run.caps, f.period, (i) => capAmount(f, run, i), decimals);
      if (room !== null && room.lt(computed)) paid = room;
      recordPaid(clause.capWindows, run.caps, f.period, paid);
    }
    const computedText = formatMoney(computed, money);
    run.out.lines.push({
      clause: clause.name,
      title: clause.title,
      payer,
      payee,
      computed: computedText,
      amount: paid === computed ? computedText : formatMoney(paid, money),
      capped: paid !== computed,
      trace: trace === null ? [] : traceEntries(trace.items),
    });
    run.out.payments.push({ payer, payee, amount: paid });
  };
}

/** `add`/`subtract`: the balance changes by the exact amount (never rounded). */
function adjust(s: IrAdjust, scope: ExprScope): Exec {
  const amount = prepareExpr(s.amount, scope);
  const slot = s.balance;
  const add = s.op === "add";
  return (f) => {
    const v = amount(f) as Decimal;
    const current = f.balances[slot];
    if (current === undefined) throw new Error(`internal: no balance in slot ${slot}`);
    f.balances[slot] = add ? current.add(v) : current.sub(v);
  };
}

function capAmount(f: Frame, run: ClauseRun, i: number): Decimal {
  let a = run.capAmounts[i];
  if (a === undefined) {
    a = run.clause.capAmounts[i]!(f) as Decimal;
    run.capAmounts[i] = a;
  }
  return a;
}

/** A grant: quantity a plain number (printed canonically), price money rounded like a payment. */
function grants(s: IrGrants, scope: ExprScope, money: MoneyContext): Exec {
  const quantityOf = prepareExpr(s.quantity, scope);
  const priceOf = prepareExpr(s.price, scope);
  const { decimals, rounding, currency } = money;
  const range = toRange(s.range);
  return (f, run) => {
    const quantity = quantityOf(f) as Decimal;
    const price = (priceOf(f) as Decimal).round(decimals, rounding);
    if (quantity.isNegative() || price.isNegative()) {
      const what = quantity.isNegative()
        ? `quantity is negative: ${quantity.toString()} (${s.quantityText})`
        : `price is negative: ${formatMoney(price, money)} ${currency} (${s.priceText})`;
      throw new RunError(RUN.negativeGrant, `grant of ${s.instrument} from ${s.grantor} to ${s.grantee}: ${what}`, range);
    }
    // Like a payment of 0.00, a grant of nothing is not recorded.
    if (quantity.isZero()) return;
    run.out.grants.push({
      clause: run.clause.name,
      grantor: s.grantor,
      grantee: s.grantee,
      quantity: quantity.toString(),
      instrument: s.instrument,
      price: formatMoney(price, money),
    });
  };
}
