/**
 * The finance built-ins (docs/language.md §4) as closures: interpolate, the
 * day counts act_365f / act_360 / thirty_360, convert, and compound. The forms
 * without dates read the current period: `act_365f()` runs from
 * period_start up to the day after period_end, interpolate without `at`
 * is taken at period_start.
 */
import type { IrCall, RoundingMode } from "../ir/ir.ts";
import { RUN } from "../diagnostics/codes/run.ts";
import { addDays, compareDates, formatDate, type CalendarDate } from "../eval/dates.ts";
import type { Decimal } from "../eval/decimal.ts";
import { MAX_COMPOUND_PERIODS, compound, convert, dayCountFraction, interpolate, isCompoundPeriods } from "../eval/finance.ts";
import type { Ev } from "./frame.ts";
import { RunError } from "./run-error.ts";
import type { TraceRef } from "./trace.ts";
import type { Range } from "../diagnostics/range.ts";

const PERIOD_START: TraceRef = { name: "period_start", type: "date", unit: undefined };
const PERIOD_END: TraceRef = { name: "period_end", type: "date", unit: undefined };

/** The closure of a finance built-in call whose arguments are prepared as `args`; null for another function. */
export function prepareFinanceCall(e: IrCall, args: readonly Ev[], mode: RoundingMode, range: Range): Ev | null {
  switch (e.fn) {
    case "act_365f":
    case "act_360":
    case "thirty_360": {
      const kind = e.fn;
      const [a, b] = args;
      if (a === undefined || b === undefined) {
        return (f) => {
          // The period's dates are what the fraction was computed from: traced like period_start and period_end.
          if (f.trace !== null) {
            f.trace.add(PERIOD_START, f.facts.start);
            f.trace.add(PERIOD_END, f.facts.end);
          }
          return dayCountFraction(kind, f.facts.start, addDays(f.facts.end, 1));
        };
      }
      return (f) => {
        const from = a(f) as CalendarDate;
        return dayCountFraction(kind, from, b(f) as CalendarDate);
      };
    }
    case "interpolate": {
      const [v0, v1, d0, d1, at] = args;
      if (v0 === undefined || v1 === undefined || d0 === undefined || d1 === undefined) return null;
      const text = e.text ?? "interpolate(…)";
      return (f) => {
        const from = v0(f) as Decimal;
        const to = v1(f) as Decimal;
        const a = d0(f) as CalendarDate;
        const b = d1(f) as CalendarDate;
        const when = at === undefined ? f.facts.start : (at(f) as CalendarDate);
        if (at === undefined && f.trace !== null) f.trace.add(PERIOD_START, when);
        if (compareDates(a, b) >= 0) {
          throw new RunError(
            RUN.interpolateDatesNotAscending,
            `interpolate needs from_date before to_date, but from_date is ${formatDate(a)} and to_date is ${formatDate(b)} in ${text}`,
            range,
          );
        }
        return interpolate(from, to, a, b, when);
      };
    }
    case "convert": {
      const [amount, rate] = args;
      if (amount === undefined || rate === undefined || e.decimals === undefined) return null;
      const decimals = e.decimals;
      return (f) => {
        const x = amount(f) as Decimal;
        return convert(x, rate(f) as Decimal, decimals, mode);
      };
    }
    case "compound": {
      const [r, k] = args;
      if (r === undefined || k === undefined) return null;
      const text = e.text ?? "compound(…)";
      return (f) => {
        const rate = r(f) as Decimal;
        const n = k(f) as Decimal;
        if (!isCompoundPeriods(n)) {
          throw new RunError(
            RUN.compoundExponentInvalid,
            `compound needs n to be a whole number from 0 to ${MAX_COMPOUND_PERIODS}, but it is ${n.toString()} in ${text}`,
            range,
          );
        }
        return compound(rate, n);
      };
    }
    default:
      return null;
  }
}
