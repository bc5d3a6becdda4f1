/**
 * Settling compiled terms: a whole run (`settle`) or one period at a time
 * from a snapshot (`settlePeriod`). Both return the ledger of docs/language.md §12 (the
 * same objects the CLI prints) or throw a TenorError.
 */
import type { Diagnostic } from "../diagnostics/diagnostic.ts";
import { COMPILE } from "../diagnostics/codes/compile.ts";
import type { Period } from "../eval/periods.ts";
import type { Ledger, LedgerPeriod, LedgerTotal } from "../ledger/ledger.ts";
import type { Limits } from "../limits.ts";
import { isFailure, newEngineState, runPeriods, settleOne, type PeriodInput } from "./engine.ts";
import { checkPeriodData, checkPeriodRanges, checkRunData } from "./data-bounds.ts";
import { readInputs } from "./read-inputs.ts";
import { fromSnapshot, toSnapshot } from "./snapshot.ts";
import type { Snapshot } from "./snapshot.ts";
import { TenorError } from "./tenor-error.ts";
import type { Terms } from "./terms.ts";

export interface SettleOptions {
  /** Give each line the trace of the values that produced it (default true). */
  readonly trace?: boolean;
  /** Resource limits for the inputs (src/limits.ts); the defaults otherwise. */
  readonly limits?: Partial<Limits>;
  /** Called with each warning about the inputs (e.g. an event after the last period with data). */
  readonly onWarning?: (warning: Diagnostic) => void;
}

/**
 * Settles the periods given in `inputs` (the inputs file of docs/language.md §11 "JSON": JSON text
 * or the parsed object). Throws TenorError on an input error (with the
 * period and field) or a run-time error (with the clause and period).
 */
export function settle(terms: Terms, inputs: string | object, options: SettleOptions = {}): Ledger {
  const program = terms.program;
  const read = readInputs(program.header, program.periods, inputs, options.limits);
  report(read.diagnostics, options);
  if (read.value === null) throw TenorError.fromInputs(read.diagnostics);
  const outside = checkRunData(program, read.value);
  if (outside.length > 0) throw TenorError.fromInputs(outside);
  const run = runPeriods(program, read.value, { trace: options.trace !== false });
  if (run.value === null) {
    if (run.failure !== undefined) throw TenorError.fromRun(run.failure);
    const d = run.diagnostics[0]!;
    throw new TenorError(d.code, d.message, { diagnostics: run.diagnostics });
  }
  return run.value;
}

function report(diagnostics: readonly Diagnostic[], options: SettleOptions): void {
  if (options.onWarning === undefined) return;
  for (const d of diagnostics) if (d.severity === "warning") options.onWarning(d);
}

/** What settling one more period gives. */
export interface PeriodSettlement {
  /** The period as the full run's ledger has it. */
  readonly period: LedgerPeriod;
  /** The run's totals including this period (a full run's `totals` after its last period). */
  readonly totals: LedgerTotal[];
  /** The state to keep for the next period. */
  readonly snapshot: Snapshot;
}

/**
 * Settles the period after those in `snapshot` (null: period 1) from its
 * data row (`{ "period": START, input: "decimal", … }`) and its events
 * (`{ "date", "event", args… }`). The snapshot given is not changed.
 * Throws TenorError for a row of another period, an event outside it, bad
 * data, a snapshot of other terms, or a run-time error.
 */
export function settlePeriod(
  terms: Terms,
  snapshot: Snapshot | string | null,
  row: object,
  events: readonly object[] = [],
  options: SettleOptions = {},
): PeriodSettlement {
  const program = terms.program;
  const state = snapshot === null ? newEngineState(program) : fromSnapshot(program, terms.irSha256, snapshot);
  const period = program.periods[state.lastIndex];
  if (period === undefined) {
    throw new TenorError(COMPILE.wrongNextPeriod, `all ${program.periods.length} periods of the term are settled already`);
  }
  const input = readPeriodData(terms, period, row, events, options);
  // Ranges and event counts, counted on from the snapshot (a whole run counts the same way).
  const outside = checkPeriodData(program, input, state.events);
  if (outside.length > 0) throw TenorError.fromInputs(outside);
  const settled = settleOne(program, state, input, options.trace !== false);
  if (isFailure(settled)) throw TenorError.fromRun(settled);
  return { period: settled, totals: state.totals.result(program), snapshot: toSnapshot(state, terms.irSha256, program) };
}

/**
 * Reads one period's data row and events as `settlePeriod` reads them
 * (a service checks data this way when it arrives, before the period is
 * due): the engine's input for `period`, or a TenorError naming the field.
 */
export function readPeriodData(terms: Terms, period: Period, row: object, events: readonly object[] = [], options: SettleOptions = {}): PeriodInput {
  const given = (row as { period?: unknown }).period;
  if (given !== period.start) {
    throw new TenorError(
      COMPILE.wrongNextPeriod,
      `the next period to settle is period ${period.index} (${period.start}), but the row is for ${JSON.stringify(given) ?? "no period"}`,
      { period: period.start, periodIndex: period.index, field: "period" },
    );
  }
  events.forEach((e, i) => {
    const date = (e as { date?: unknown }).date;
    if (typeof date === "string" && /^\d{4}-\d{2}-\d{2}$/.test(date) && (date < period.start || date > period.end)) {
      throw new TenorError(
        COMPILE.wrongNextPeriod,
        `event ${i + 1} on ${date} is not in period ${period.index} (${period.start} to ${period.end}), the period being settled`,
        { period: period.start, periodIndex: period.index, field: "date" },
      );
    }
  });
  // The row read as the only period of a one-period term, then put back in its place.
  const alone: Period = { ...period, index: 1 };
  const read = readInputs(terms.program.header, [alone], { periods: [row], events }, options.limits);
  report(read.diagnostics, options);
  if (read.value === null) throw TenorError.fromInputs(read.diagnostics);
  const input = read.value[0];
  if (input === undefined) throw new TenorError(COMPILE.wrongNextPeriod, `no row for period ${period.index} (${period.start})`);
  const placed = { ...input, period };
  // The declared ranges need only this row; event counts need the run so far (settlePeriod counts them).
  const outside = checkPeriodRanges(terms.program, placed);
  if (outside.length > 0) throw TenorError.fromInputs(outside);
  return placed;
}
