/**
 * Validated period data (src/inputs DealData) to the engine's per-period
 * form — inputs and events by slot — and the ledger of a whole run
 * (docs/language.md §12): exactly the data rows given (docs/language.md §11 "Input errors": contiguous from
 * period 1, as the inputs reader validated); each row's period — dates,
 * contract year, days — comes from the term (docs/language.md §6).
 */
import { RUN } from "../diagnostics/codes/run.ts";
import type { Diagnostic, Result } from "../diagnostics/diagnostic.ts";
import type { TermsHeader } from "../ir/ir.ts";
import type { Decimal } from "../eval/decimal.ts";
import type { Period } from "../eval/periods.ts";
import type { DealData, EventOccurrence } from "../inputs/deal-data.ts";
import type { Ledger } from "../ledger/ledger.ts";
import { checkRunData } from "./data-bounds.ts";
import { runPeriods } from "./engine.ts";
import type { EngineOptions, EngineFailure, PeriodInput } from "./engine.ts";
import type { EventInput } from "./frame.ts";
import type { PreparedProgram } from "./prepare.ts";

/** A period's input values by slot, from values by name. */
export function inputsBySlot(header: TermsHeader, values: ReadonlyMap<string, Decimal>): (Decimal | undefined)[] {
  return header.inputs.map((i) => values.get(i.name));
}

/** A period's events by event slot (kept in the given order), from occurrences by name. */
export function eventsBySlot(header: TermsHeader, events: readonly EventOccurrence[]): EventInput[][] {
  const decls = header.events;
  const out: EventInput[][] = decls.map(() => []);
  for (const e of events) {
    const slot = decls.findIndex((d) => d.name === e.event);
    if (slot < 0) continue; // the inputs reader rejects unknown events
    // A missing argument (never after validation) is an internal error when used.
    out[slot]!.push({ date: e.date, args: decls[slot]!.params.map((p) => e.args.get(p.name)) });
  }
  return out;
}

/** The engine's periods for validated data, or the diagnostic of a row that does not line up with the term's `periods`. */
export function periodInputs(header: TermsHeader, term: readonly Period[], data: DealData): PeriodInput[] | Diagnostic {
  const periods: PeriodInput[] = [];
  let nextEvent = 0;
  for (let i = 0; i < data.periods.length; i++) {
    const row = data.periods[i]!;
    const period: Period | undefined = term[i];
    if (period === undefined || period.start !== row.period) {
      return {
        code: RUN.periodsMisaligned,
        severity: "error",
        message: `data row ${i + 1} is for ${row.period}, but period ${i + 1} of the term ${period === undefined ? "does not exist" : `starts on ${period.start}`}`,
      };
    }
    // Events are sorted by date: each period takes the run of events up to its end.
    const events: EventOccurrence[] = [];
    while (nextEvent < data.events.length && data.events[nextEvent]!.date <= period.end) {
      const e = data.events[nextEvent++]!;
      if (e.date >= period.start) events.push(e);
    }
    periods.push({ period, inputs: inputsBySlot(header, row.values), events: eventsBySlot(header, events) });
  }
  return periods;
}

/**
 * Settles every period of `data`. Returns the ledger, or null with one
 * run-time diagnostic (TN30xx) naming the clause, the period and the
 * values at the first error. Never throws on bad data.
 */
export function settleData(program: PreparedProgram, data: DealData, options: EngineOptions = {}): Result<Ledger | null> & { readonly failure?: EngineFailure } {
  const periods = periodInputs(program.header, program.periods, data);
  if (!Array.isArray(periods)) return { value: null, diagnostics: [periods] };
  // Data the term sheet rules out (declared ranges, event counts) settles nothing.
  const outside = checkRunData(program, periods);
  if (outside.length > 0) return { value: null, diagnostics: outside };
  return runPeriods(program, periods, options);
}
