/**
 * What a built-in function is (docs/language.md §4): one entry holds every
 * part each phase needs — the checker's typing rule, the one evaluator the
 * constant folder and the runtime share, what the lowering and the
 * runtime's period memos need to know, the editor's text, the English of
 * `explain` and the interval rule of `tenor bound`. An entry that lacks a
 * part does not compile. Nothing here knows the checker or the runtime:
 * each phase hands an entry what it asks for through the interfaces below.
 */
import type { CalendarDate, Duration } from "../eval/dates.ts";
import type { Decimal } from "../eval/decimal.ts";
import type { RoundingMode, ValueType } from "../ir/ir.ts";
import type { NumberType, Type } from "../types/types.ts";

/** A value at run time: a number, a boolean, a date or a duration (the IR gives each expression its type). */
export type Value = Decimal | boolean | CalendarDate | Duration;

/**
 * One row of a tiers table (docs/language.md §5 "tiers"): it covers
 * `[low, high)`, `high` null meaning no upper end (`onward`). A table's rows
 * are ascending and contiguous (the checker proves it).
 */
export interface TierRow {
  readonly low: Decimal;
  readonly high: Decimal | null;
  readonly value: Decimal;
}

/** A tiers table as a table built-in evaluates it: its name, exact rows, and its bounds' display unit (null: plain). */
export interface TableRows {
  readonly name: string;
  readonly rows: readonly TierRow[];
  readonly boundUnit: string | null;
}

/** A tiers table as a table built-in types it: its name and the (number) types of its bounds and values. */
export interface TableInfo {
  readonly name: string;
  readonly bound: NumberType;
  readonly value: NumberType;
}

/** A call being typed: its argument types (none of them the error type), with the checker's help. */
export interface TypingCall {
  readonly name: string;
  /** The argument types; for a table built-in, those after the table. */
  readonly args: readonly Type[];
  /** The table of a table built-in (resolved and checked by the checker), otherwise null. */
  readonly table: TableInfo | null;
  /** Reports a mistake at argument `at` (an index into `args`), or at the whole call when null; returns the error type. */
  error(code: string, at: number | null, message: string): Type;
  /** The constant value of argument `i` (a number or a date), or null when it is not known before the run. */
  constant(i: number): Decimal | CalendarDate | null;
  /** Argument `i` as written, for messages. */
  argText(i: number): string;
  /** Whether the call may read the current period where it stands; false after reporting that it may not (in a const, say). */
  periodAllowed(): boolean;
}

/** Where a call is evaluated: what stays the same every time this call is evaluated. */
export interface CallSite {
  /** The deal's rounding mode (round, convert). */
  readonly rounding: RoundingMode;
  /** The call as written, quoted by errors. */
  readonly text: string;
  /** The table of a table built-in, otherwise null. */
  readonly table: TableRows | null;
  /** The minor unit of the result's currency, for a built-in that rounds to it (convert); otherwise null. */
  readonly decimals: number | null;
  /**
   * Stops the evaluation: at run time a run error with this code at the
   * call; when the checker folds a constant, the call is not a constant.
   */
  fail(code: string, message: string): never;
}

/** The current period's first and last day, for the forms that read it. */
export interface PeriodDates {
  readonly start: CalendarDate;
  readonly end: CalendarDate;
  /** The deal's term, for the forms that read "term"; absent where none is known (a bare period, in tests). */
  readonly term?: TermDates;
}

/**
 * The deal's term (docs/language.md §6): its first and last day, its
 * periods a year (12 monthly, 4 quarterly, 1 annually), and how its period
 * dates roll: from `anchor` (the start, or for `backward` the day after
 * the end), on month ends with `endOfMonth` when the anchor is one.
 */
export interface TermDates {
  readonly start: CalendarDate;
  readonly end: CalendarDate;
  readonly perYear: number;
  readonly anchor: CalendarDate;
  readonly endOfMonth: boolean;
}

/**
 * What of the period a form of a built-in reads: a period fact (which the
 * runtime traces), or the deal's term (`term`: not a named value, so not
 * traced; a form reading it is never folded, like one reading a fact).
 */
export type PeriodRead = "period_start" | "period_end" | "term";

/** A closed range of numbers; a null end is unbounded on that side. */
export interface Interval {
  readonly lo: Decimal | null;
  readonly hi: Decimal | null;
}

export interface Builtin {
  readonly name: string;
  /** How many arguments (a table counts); `counts` when only some between min and max are allowed. */
  readonly arity: { readonly min: number; readonly max: number; readonly counts?: readonly number[] };
  /** `round(x) or round(x, step)`: the forms, as messages and completion show them. */
  readonly usage: string;
  /** One line for the editor's hover. */
  readonly summary: string;
  /** The first argument names a tiers table: resolved by the checker, a slot in the IR, never a value. */
  readonly takesTable: boolean;
  /** The result is rounded to its currency's minor unit: the IR carries `decimals`. */
  readonly roundsToCurrency: boolean;
  /** The result type, reporting what is wrong with the call. The count was checked by the caller. */
  type(call: TypingCall): Type;
  /**
   * The run-time kind of a call whose arguments (after a table) have these
   * kinds, or null when no compiler could have written it: what `loadTerms`
   * holds an artifact's calls to (src/runtime/validate-terms.ts).
   */
  irType(args: readonly ValueType[]): ValueType | null;
  /** The value. `period` is null where no period is known (the checker folding a constant); forms that read it are never folded. */
  evaluate(args: readonly Value[], site: CallSite, period: PeriodDates | null): Value;
  /** The period facts a call with `count` arguments reads: empty when its value depends on its arguments alone. */
  readsPeriod(count: number): readonly PeriodRead[];
  /** Whether a call is worth remembering per period (a division, or many multiplications) rather than evaluating each time. */
  costly(count: number): boolean;
  /** The call in plain English, from its arguments already in English (explain). */
  english(args: readonly string[]): string;
  /**
   * The range of values of a call whose numeric arguments lie in `args`
   * (null for an argument that is not a number: a date, a table): sound,
   * so every value `evaluate` can give lies inside it (tenor bound).
   */
  interval(args: readonly (Interval | null)[], site: CallSite): Interval;
}

/** The interval of everything. */
export const UNBOUNDED: Interval = { lo: null, hi: null };

/** Reads nothing of the period. */
export const NO_PERIOD: readonly PeriodRead[] = [];
