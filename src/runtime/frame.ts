/**
 * What expressions see while one period settles: the period and its facts,
 * the period's inputs and events by slot, the event each `on` block is
 * running for, and the named values computed so far — consts and schedule
 * values once per period, lets once per clause (per event inside `on`) —
 * each only when first used, so an unused let never fails (language
 * decision).
 *
 * A frame is plain mutable data, reset rather than rebuilt between
 * clauses: the per-period loop allocates little.
 */
import type { TermDates } from "../builtins/builtin.ts";
import type { CalendarDate } from "../eval/dates.ts";
import type { Decimal } from "../eval/decimal.ts";
import type { Period } from "../eval/periods.ts";
import { Trace } from "./trace.ts";
import type { TraceItem } from "./trace.ts";

/** A compiled expression: evaluates in a frame to an unboxed value of its static type. */
export type Ev = (f: Frame) => unknown;

/** One occurrence of an event: its date and its arguments by parameter index. */
export interface EventInput {
  readonly date: string;
  readonly args: readonly (Decimal | undefined)[];
}

/** The period facts of docs/language.md §4 as values. */
export interface PeriodFacts {
  readonly days: Decimal;
  readonly periodIndex: Decimal;
  readonly contractYear: Decimal;
  readonly start: CalendarDate;
  readonly end: CalendarDate;
  /** The deal's term, for the day counts that read it (act_act_icma, act_365l, thirty_e_360_isda). */
  readonly term: TermDates;
}

/**
 * A computed named value. `deps` (what it was computed from, for traces)
 * is filled the first time a traced evaluation needs it, by evaluating
 * `ev` again with a trace: values are deterministic, so this gives what an
 * eager trace would have.
 */
export interface Memo {
  readonly value: unknown;
  deps: readonly TraceItem[] | null;
  readonly ev: Ev;
}

export class Frame {
  /** The event each event slot's `on` block is running for (null outside it). */
  readonly current: (EventInput | null)[];
  consts: (Memo | undefined)[];
  schedules: (Memo | undefined)[];
  /** The lets of the clause being run. */
  lets: (Memo | undefined)[] = [];
  /** The balances of the clause being run, by slot: the engine's state, changed in place by `add`/`subtract`. */
  balances: Decimal[] = [];
  /** Where name references record themselves, or null when nothing is being traced. */
  trace: Trace | null = null;

  constructor(
    readonly period: Period,
    readonly facts: PeriodFacts,
    /** Input values by slot; undefined for a missing one. */
    readonly inputs: readonly (Decimal | undefined)[],
    /** The period's events by event slot, each list in date order. */
    readonly events: readonly (readonly EventInput[])[],
    constCount: number,
    scheduleCount: number,
  ) {
    this.current = new Array<EventInput | null>(events.length).fill(null);
    this.consts = new Array<Memo | undefined>(constCount);
    this.schedules = new Array<Memo | undefined>(scheduleCount);
  }
}

/** Evaluates a named value's expression; with a trace active, its deps come along. */
export function computeMemo(f: Frame, ev: Ev): Memo {
  const outer = f.trace;
  if (outer === null) return { value: ev(f), deps: null, ev };
  const t = new Trace();
  f.trace = t;
  try {
    return { value: ev(f), deps: t.items, ev };
  } finally {
    f.trace = outer;
  }
}

/** What a named value was computed from, computing it now if no traced evaluation has yet. */
export function depsOf(f: Frame, m: Memo): readonly TraceItem[] {
  if (m.deps !== null) return m.deps;
  const outer = f.trace;
  const t = new Trace();
  f.trace = t;
  try {
    m.ev(f);
  } finally {
    f.trace = outer;
  }
  m.deps = t.items;
  return t.items;
}
