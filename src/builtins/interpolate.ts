/**
 * `interpolate(from_value, to_value, from_date, to_date[, at])`
 * (docs/language.md §4): the linear taper from from_value on from_date to
 * to_value on to_date, taken at `at` (period_start without it).
 */
import { CHECK } from "../diagnostics/codes/check.ts";
import { RUN } from "../diagnostics/codes/run.ts";
import { compareDates, dayNumber, formatDate, type CalendarDate } from "../eval/dates.ts";
import { Decimal } from "../eval/decimal.ts";
import { ERROR_TYPE, describeType, sameType, unitWord } from "../types/types.ts";
import type { Builtin, PeriodRead } from "./builtin.ts";
import { NO_PERIOD } from "./builtin.ts";
import { kinds, needDate } from "./args.ts";
import { hull } from "./interval.ts";

const START: readonly PeriodRead[] = ["period_start"];

/**
 * from + (to − from) × r, r = (at − a) / (b − a) in days (Decimal's
 * division); `from` on or before a, `to` on or after b. Needs a before b.
 */
export function interpolateAt(from: Decimal, to: Decimal, a: CalendarDate, b: CalendarDate, at: CalendarDate): Decimal {
  const na = dayNumber(a);
  const nb = dayNumber(b);
  const n = dayNumber(at);
  if (n <= na) return from;
  if (n >= nb) return to;
  const r = Decimal.ofInt(n - na).div(Decimal.ofInt(nb - na));
  return from.add(to.sub(from).mul(r));
}

export const interpolate: Builtin = {
  name: "interpolate",
  arity: { min: 4, max: 5 },
  usage: "interpolate(from_value, to_value, from_date, to_date) or interpolate(from_value, to_value, from_date, to_date, at)",
  summary: "linear taper from from_value on from_date to to_value on to_date, taken at `at` (default period_start)",
  takesTable: false,
  roundsToCurrency: false,
  irType: kinds("number", ["number", "number", "date", "date"], ["number", "number", "date", "date", "date"]),
  type: (call) => {
    const [from, to] = call.args as [(typeof call.args)[0], (typeof call.args)[0]];
    for (const i of [0, 1]) {
      const t = call.args[i]!;
      if (t.kind !== "number") {
        return call.error(CHECK.invalidOperand, i, `interpolate needs numbers as from_value and to_value, but argument ${i + 1} is ${describeType(t)}`);
      }
    }
    if (!sameType(from, to)) {
      return call.error(
        CHECK.argumentUnitMismatch,
        1,
        `interpolate needs from_value and to_value of the same unit, but from_value is ${unitWord(from)} and to_value is ${unitWord(to)}`,
      );
    }
    for (let i = 2; i < call.args.length; i++) {
      if (!needDate(call, i, "interpolate needs dates as from_date, to_date and at")) return ERROR_TYPE;
    }
    const a = call.constant(2);
    const b = call.constant(3);
    if (a !== null && b !== null && !(a instanceof Decimal) && !(b instanceof Decimal) && compareDates(a, b) >= 0) {
      return call.error(
        CHECK.interpolateDatesNotAscending,
        3,
        `interpolate needs from_date before to_date, but from_date is ${formatDate(a)} and to_date is ${formatDate(b)}`,
      );
    }
    if (call.args.length === 4 && !call.periodAllowed()) return ERROR_TYPE;
    return from;
  },
  evaluate: (args, site, period) => {
    const [from, to, a, b, at] = args as [Decimal, Decimal, CalendarDate, CalendarDate, CalendarDate | undefined];
    const when = at ?? period?.start ?? site.fail(RUN.internalError, `${site.text} needs the current period`);
    if (compareDates(a, b) >= 0) {
      site.fail(
        RUN.interpolateDatesNotAscending,
        `interpolate needs from_date before to_date, but from_date is ${formatDate(a)} and to_date is ${formatDate(b)} in ${site.text}`,
      );
    }
    return interpolateAt(from, to, a, b, when);
  },
  readsPeriod: (count) => (count === 4 ? START : NO_PERIOD),
  costly: () => true,
  english: ([from, to, a, b, at]) =>
    `the value moving in a straight line from ${from} on ${a} to ${to} on ${b}, taken ${at === undefined ? "at the start of the period" : `on ${at}`}`,
  // Between the two values, whatever the dates.
  interval: ([from, to]) => hull(from ?? null, to ?? null),
};
