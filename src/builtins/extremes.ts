/**
 * `min(a, b, …)` and `max(a, b, …)` (docs/language.md §4): two or more
 * numbers of one unit, dates, or durations of one word. The first wins a tie.
 */
import { CHECK } from "../diagnostics/codes/check.ts";
import { compareDates, type CalendarDate, type Duration } from "../eval/dates.ts";
import { Decimal } from "../eval/decimal.ts";
import { ERROR_TYPE, describeType, sameType, unitWord } from "../types/types.ts";
import type { Builtin, Interval, TypingCall, Value } from "./builtin.ts";
import { NO_PERIOD } from "./builtin.ts";
import { listed } from "./args.ts";
import type { Type } from "../types/types.ts";

function typeExtreme(call: TypingCall): Type {
  const x = call.args[0]!;
  if (x.kind === "bool") {
    return call.error(CHECK.invalidOperand, 0, `${call.name} needs numbers, dates or durations, but argument 1 is ${describeType(x)}`);
  }
  for (let i = 1; i < call.args.length; i++) {
    const t = call.args[i]!;
    if (sameType(x, t)) continue;
    return call.error(
      CHECK.argumentUnitMismatch,
      i,
      `${call.name} needs arguments of the same unit, but argument 1 is ${unitWord(x)} and argument ${i + 1} is ${unitWord(t)}`,
    );
  }
  return x.kind === "error" ? ERROR_TYPE : x;
}

/** Orders two values of one type: numbers, dates or durations. */
function order(a: Value, b: Value): number {
  if (a instanceof Decimal) return a.cmp(b as Decimal);
  if (typeof a === "object" && "per" in a) return a.amount.cmp((b as Duration).amount);
  return compareDates(a as CalendarDate, b as CalendarDate);
}

function extreme(name: "min" | "max", sign: 1 | -1, word: readonly [two: string, many: string]): Builtin {
  const pick = (values: readonly Decimal[], better: (a: Decimal, b: Decimal) => Decimal): Decimal => values.reduce(better);
  return {
    name,
    arity: { min: 2, max: Infinity },
    usage: `${name}(a, b, …)`,
    summary: `the ${word[1]} of two or more numbers of one unit, dates or durations`,
    takesTable: false,
    roundsToCurrency: false,
    type: typeExtreme,
    // Two or more of one kind: numbers, dates or durations.
    irType: (args) => {
      const k = args[0];
      return args.length >= 2 && k !== "bool" && k !== undefined && args.every((a) => a === k) ? k : null;
    },
    evaluate: (args) => {
      let best = args[0]!;
      for (let i = 1; i < args.length; i++) if (order(args[i]!, best) * sign > 0) best = args[i]!;
      return best;
    },
    readsPeriod: () => NO_PERIOD,
    costly: () => false,
    english: (args) => `the ${args.length === 2 ? word[0] : word[1]} of ${listed(args)}`,
    interval: (args): Interval => {
      const better = sign > 0 ? Decimal.max : Decimal.min;
      const ends = (side: "lo" | "hi"): Decimal | null => {
        const values: Decimal[] = [];
        for (const a of args) {
          const v = a?.[side] ?? null;
          // An unbounded end of one argument bounds nothing on that side; on the other it is simply outdone.
          if (v === null) {
            if ((side === "hi") === (sign > 0)) return null;
            continue;
          }
          values.push(v);
        }
        return values.length === 0 ? null : pick(values, better);
      };
      return { lo: ends("lo"), hi: ends("hi") };
    },
  };
}

export const min = extreme("min", -1, ["smaller", "smallest"]);
export const max = extreme("max", 1, ["larger", "largest"]);
