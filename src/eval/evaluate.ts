/**
 * The interpreter's entry point: a checked program plus validated period
 * data give the settlement ledger of brief §7.
 *
 * The ledger covers exactly the data rows given (brief §4: contiguous from
 * period 1, as the inputs loader validated); each row's period — dates,
 * contract year, days — comes from the term (brief §3).
 */
import type { CheckedProgram } from "../check/checked-program.ts";
import { RUN } from "../diagnostics/codes/run.ts";
import type { Result } from "../diagnostics/diagnostic.ts";
import type { DealData, EventOccurrence } from "../inputs/deal-data.ts";
import type { Ledger } from "../ledger/ledger.ts";
import { runPeriods } from "./engine.ts";
import type { PeriodData } from "./engine.ts";
import { periodsOf } from "./periods.ts";
import { planProgram } from "./program-plan.ts";
import type { ProgramPlan } from "./program-plan.ts";

export interface EvaluateOptions {
  /** A plan already built for this program (planProgram), to reuse across runs. */
  readonly plan?: ProgramPlan;
}

/**
 * Settles every period of `data`. Returns the ledger, or null with one
 * run-time diagnostic (TN30xx) naming the clause, the period and the
 * values at the first error. Never throws on bad data.
 */
export function evaluate(checked: CheckedProgram, data: DealData, options: EvaluateOptions = {}): Result<Ledger | null> {
  const plan = options.plan ?? planProgram(checked);
  const term = periodsOf(checked.header.term);
  const periods: PeriodData[] = [];
  let nextEvent = 0;
  for (let i = 0; i < data.periods.length; i++) {
    const row = data.periods[i]!;
    const period = term[i];
    if (period === undefined || period.start !== row.period) {
      return {
        value: null,
        diagnostics: [{
          code: RUN.periodsMisaligned,
          severity: "error",
          message: `data row ${i + 1} is for ${row.period}, but period ${i + 1} of the term ${period === undefined ? "does not exist" : `starts on ${period.start}`}`,
        }],
      };
    }
    // Events are sorted by date: each period takes the run of events up to its end.
    const events: EventOccurrence[] = [];
    while (nextEvent < data.events.length && data.events[nextEvent]!.date <= period.end) {
      const e = data.events[nextEvent++]!;
      if (e.date >= period.start) events.push(e);
    }
    periods.push({ period, inputs: row.values, events });
  }
  return runPeriods(plan, periods);
}
