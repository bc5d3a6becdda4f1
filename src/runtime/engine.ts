/**
 * Settles periods (docs/language.md §8, §12): for each period, every clause in
 * declaration order — its streak conditions observed first, then its
 * statements when its window is open — then netting; totals over the run.
 * Shared by full runs, incremental settlement (one period at a time from a
 * snapshot) and test blocks (the periods a test lists). The first run-time
 * error stops the run and is the only diagnostic.
 *
 * Everything that lives across periods is in `EngineState`: cap uses,
 * streaks, balances, running totals and the last settled period — exactly
 * what a snapshot (snapshot.ts) writes down.
 */
import type { Diagnostic, Result } from "../diagnostics/diagnostic.ts";
import type { Decimal } from "../eval/decimal.ts";
import type { Period } from "../eval/periods.ts";
import type { Ledger, LedgerPeriod } from "../ledger/ledger.ts";
import type { CapUse } from "./caps.ts";
import { newStreak, observe } from "./consecutive.ts";
import type { Streak } from "./consecutive.ts";
import { Frame } from "./frame.ts";
import type { Memo } from "./frame.ts";
import type { PeriodInput } from "./period-input.ts";
import { netTransfers, Totals } from "./netting.ts";
import type { ClauseRun, PeriodOutput, PreparedProgram } from "./prepare.ts";
import { asRunError } from "./run-error.ts";
import { newEventCounts } from "./data-bounds.ts";
import type { EventCount } from "./data-bounds.ts";
import type { RunError } from "./run-error.ts";

export type { PeriodInput } from "./period-input.ts";

/** What settling carries from one period to the next. */
export interface EngineState {
  /** The index of the last settled period; 0 before any. */
  lastIndex: number;
  /** Per clause, per cap: what was paid in its current window (null: nothing yet). */
  readonly caps: (CapUse | null)[][];
  /** Per streak condition of the program, in clause order. */
  readonly streaks: Streak[];
  /**
   * Per clause, per balance: its current value; undefined until the first
   * period this state settles, which starts it at its initial value.
   */
  readonly balances: (Decimal | undefined)[][];
  readonly totals: Totals;
  /** Per event slot: how many events the current window of its `at most N per …` has seen (data-bounds.ts). */
  readonly events: (EventCount | null)[];
}

export interface EngineOptions {
  /** Give each line the trace of the values that produced it (default true). */
  readonly trace?: boolean;
}

/** Where and why settling stopped. */
export interface EngineFailure {
  readonly diagnostic: Diagnostic;
  readonly clause: string;
  readonly period: Period;
}

export function newEngineState(program: PreparedProgram): EngineState {
  return {
    lastIndex: 0,
    caps: program.clauses.map((c) => c.capWindows.map(() => null)),
    streaks: Array.from({ length: program.streakCount }, newStreak),
    balances: program.clauses.map((c) => c.balanceInitials.map(() => undefined)),
    totals: new Totals(),
    events: newEventCounts(program),
  };
}

const NO_LETS: (Memo | undefined)[] = [];
const NO_CAPS: (Decimal | undefined)[] = [];
const NO_BALANCES: Decimal[] = [];

/** Settles one period, updating `state`; on a run-time error `state` is left part-way and must be dropped. */
export function settleOne(program: PreparedProgram, state: EngineState, input: PeriodInput, traceOn: boolean): LedgerPeriod | EngineFailure {
  const period = input.period;
  const frame = new Frame(period, program.factsOf(period), input.inputs, input.events, program.constCount, program.scheduleCount);
  const out: PeriodOutput = { lines: [], grants: [], payments: [] };
  const clauses = program.clauses;
  for (let ci = 0; ci < clauses.length; ci++) {
    const clause = clauses[ci]!;
    frame.lets = clause.letCount === 0 ? NO_LETS : new Array<Memo | undefined>(clause.letCount);
    try {
      const initials = clause.balanceInitials;
      if (initials.length === 0) frame.balances = NO_BALANCES;
      else {
        // Balances start at their initial values before the first period settled (language.md §7).
        const balances = state.balances[ci]!;
        for (let i = 0; i < initials.length; i++) balances[i] ??= initials[i]!(frame) as Decimal;
        frame.balances = balances as Decimal[];
      }
      const streaks = clause.streaks;
      for (let i = 0; i < streaks.length; i++) {
        const s = streaks[i]!;
        observe(state.streaks[clause.streakBase + i]!, s.periods, period.index, s.cond(frame) as boolean);
      }
      const open = (clause.from === null || period.start >= clause.from) && (clause.until === null || period.start <= clause.until);
      if (open) {
        const run: ClauseRun = {
          clause,
          caps: state.caps[ci]!,
          streaks: state.streaks,
          capAmounts: clause.capWindows.length === 0 ? NO_CAPS : new Array<Decimal | undefined>(clause.capWindows.length),
          out,
          traceOn,
        };
        clause.body(frame, run);
      }
    } catch (e) {
      frame.trace = null;
      return { diagnostic: runDiagnostic(asRunError(e, clause.range), clause.name, period), clause: clause.name, period };
    }
  }
  for (const p of out.payments) state.totals.add(p);
  state.lastIndex = period.index;
  // Written out rather than spread from one object: a spread here cost a third of settling (CPU profile, docs/performance.md).
  const paymentDate = program.paymentDateOf(period);
  return program.header.settleNet
    ? {
      index: period.index, start: period.start, end: period.end, payment_date: paymentDate, contract_year: period.contractYear, days: period.days,
      lines: out.lines, grants: out.grants, net: netTransfers(out.payments, program),
    }
    : {
      index: period.index, start: period.start, end: period.end, payment_date: paymentDate, contract_year: period.contractYear, days: period.days,
      lines: out.lines, grants: out.grants,
    };
}

export function isFailure(r: LedgerPeriod | EngineFailure): r is EngineFailure {
  return "diagnostic" in r;
}

/**
 * Settles `periods` in order from `state` (a fresh state for a whole run).
 * Gives the ledger, or null with the one run-time diagnostic (TN30xx)
 * naming the clause, the period and the values.
 */
export function runPeriods(
  program: PreparedProgram,
  periods: readonly PeriodInput[],
  options: EngineOptions = {},
  state: EngineState = newEngineState(program),
): Result<Ledger | null> & { readonly failure?: EngineFailure } {
  const out: LedgerPeriod[] = [];
  const failure = streamPeriods(program, periods, options, state, (p) => void out.push(p));
  if (failure !== null) return { value: null, diagnostics: [failure.diagnostic], failure };
  return { value: ledgerOf(program, out, state.totals), diagnostics: [] };
}

/**
 * Settles `periods` in order, handing each settled period to `onPeriod` and
 * keeping none: memory in proportion to one period, whatever the run's
 * size. Gives the failure that stopped it, or null (the totals are then in
 * `state.totals`).
 */
export function streamPeriods(
  program: PreparedProgram,
  periods: readonly PeriodInput[],
  options: EngineOptions,
  state: EngineState,
  onPeriod: (period: LedgerPeriod) => void,
): EngineFailure | null {
  const traceOn = options.trace !== false;
  for (const input of periods) {
    const r = settleOne(program, state, input, traceOn);
    if (isFailure(r)) return r;
    onPeriod(r);
  }
  return null;
}

/** The ledger of settled periods, with the run's totals. */
export function ledgerOf(program: PreparedProgram, periods: readonly LedgerPeriod[], totals: Totals): Ledger {
  return { deal: program.header.title, currency: program.header.currency.code, periods, totals: totals.result(program) };
}

/** `clause NAME, period K (START): what went wrong`. */
function runDiagnostic(e: RunError, clause: string, period: Period): Diagnostic {
  const message = `clause ${clause}, period ${period.index} (${period.start}): ${e.detail}`;
  return e.range === undefined
    ? { code: e.code, severity: "error", message }
    : { code: e.code, severity: "error", message, range: e.range };
}
