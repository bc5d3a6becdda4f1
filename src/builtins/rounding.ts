/**
 * `abs`, and `round`, `floor`, `ceil` to a whole number or to a multiple of
 * a step (docs/language.md §4): round with the deal's rounding mode, floor
 * towards −∞, ceil towards +∞. To a step, each is exact (Decimal's
 * roundToStep/floorToStep/ceilToStep: no rounded quotient on the way).
 */
import { CHECK } from "../diagnostics/codes/check.ts";
import { RUN } from "../diagnostics/codes/run.ts";
import { Decimal } from "../eval/decimal.ts";
import type { RoundingMode } from "../ir/ir.ts";
import { ERROR_TYPE, unitWord } from "../types/types.ts";
import type { Type } from "../types/types.ts";
import type { Builtin, CallSite, Interval, TypingCall } from "./builtin.ts";
import { NO_PERIOD } from "./builtin.ts";
import { kinds, numbersOnly } from "./args.ts";
import { guarded, monotone, widen } from "./interval.ts";

export const abs: Builtin = {
  name: "abs",
  arity: { min: 1, max: 1 },
  usage: "abs(x)",
  summary: "the absolute value of x",
  takesTable: false,
  roundsToCurrency: false,
  type: (call) => numbersOnly(call)?.[0] ?? ERROR_TYPE,
  irType: kinds("number", ["number"]),
  evaluate: ([x]) => (x as Decimal).abs(),
  readsPeriod: () => NO_PERIOD,
  costly: () => false,
  english: ([x]) => `the absolute value of ${x}`,
  interval: ([x]) => {
    if (x === null || x === undefined) return { lo: Decimal.ZERO, hi: null };
    if (x.lo !== null && !x.lo.isNegative()) return x;
    if (x.hi !== null && !x.hi.gt(Decimal.ZERO)) return { lo: x.hi.neg(), hi: x.lo?.neg() ?? null };
    return { lo: Decimal.ZERO, hi: x.lo === null || x.hi === null ? null : Decimal.max(x.lo.neg(), x.hi) };
  },
};

/** How one of round, floor, ceil rounds: to a whole number, and to a multiple of a step. */
interface Rounding {
  readonly name: "round" | "floor" | "ceil";
  readonly summary: string;
  readonly whole: (x: Decimal, mode: RoundingMode) => Decimal;
  readonly stepped: (x: Decimal, step: Decimal, mode: RoundingMode) => Decimal;
  /** How far below and above x a result to a step of `s` can fall. */
  readonly reach: (s: Decimal | null) => readonly [below: Decimal | null, above: Decimal | null];
  readonly english: (x: string, step: string | undefined) => string;
}

/** x, then an optional step: numbers, the step plain or in x's unit and, when constant, above zero. */
function typeRounding(call: TypingCall): Type {
  const nums = numbersOnly(call);
  if (nums === null) return ERROR_TYPE;
  const [x, step] = nums as [typeof nums[0], typeof nums[0] | undefined];
  if (step === undefined) return x;
  if (!step.unit.isNone && !step.unit.equals(x.unit)) {
    return call.error(CHECK.stepUnitMismatch, 1, `the step of ${call.name} must be a plain number or in ${unitWord(x)}, but it is in ${unitWord(step)}`);
  }
  const v = call.constant(1);
  if (v instanceof Decimal && !v.gt(Decimal.ZERO)) {
    return call.error(CHECK.stepNotPositive, 1, `the step of ${call.name} must be greater than zero, not ${v.toString()}`);
  }
  return x;
}

function stepOf(step: Decimal, site: CallSite): Decimal {
  if (!step.gt(Decimal.ZERO)) site.fail(RUN.stepNotPositive, `the step of ${site.text} is ${step.toString()}; it must be above zero`);
  return step;
}

function roundingBuiltin(r: Rounding): Builtin {
  return {
    name: r.name,
    arity: { min: 1, max: 2 },
    usage: `${r.name}(x) or ${r.name}(x, step)`,
    summary: r.summary,
    takesTable: false,
    roundsToCurrency: false,
    type: typeRounding,
    irType: kinds("number", ["number"], ["number", "number"]),
    evaluate: ([x, step], site) =>
      step === undefined ? r.whole(x as Decimal, site.rounding) : r.stepped(x as Decimal, stepOf(step as Decimal, site), site.rounding),
    readsPeriod: () => NO_PERIOD,
    costly: (count) => count >= 2,
    english: ([x, step]) => r.english(x!, step),
    interval: ([x, step], site): Interval => guarded(() => {
      if (step === undefined) return monotone(x ?? null, (v) => r.whole(v, site.rounding));
      // A constant step rounds monotonically; any other moves x by less than its largest step.
      if (step !== null && step.lo !== null && step.hi !== null && step.lo.eq(step.hi) && step.lo.gt(Decimal.ZERO)) {
        const s = step.lo;
        return monotone(x ?? null, (v) => r.stepped(v, s, site.rounding));
      }
      const [below, above] = r.reach(step?.hi ?? null);
      return widen(x ?? null, below, above);
    }),
  };
}

export const round = roundingBuiltin({
  name: "round",
  summary: "x rounded with the deal's rounding mode: to a whole number, or to a multiple of step",
  whole: (x, mode) => x.round(0, mode),
  stepped: (x, step, mode) => x.roundToStep(step, mode),
  reach: (s) => [s, s],
  english: (x, step) => (step === undefined ? `${x}, rounded to a whole number` : `${x}, rounded to a multiple of ${step}`),
});

export const floor = roundingBuiltin({
  name: "floor",
  summary: "the largest whole number (or multiple of step) at or below x",
  whole: (x) => x.floor(),
  stepped: (x, step) => x.floorToStep(step),
  reach: (s) => [s, Decimal.ZERO],
  english: (x, step) => (step === undefined ? `${x}, rounded down to a whole number` : `${x}, rounded down to a multiple of ${step}`),
});

export const ceil = roundingBuiltin({
  name: "ceil",
  summary: "the smallest whole number (or multiple of step) at or above x",
  whole: (x) => x.ceil(),
  stepped: (x, step) => x.ceilToStep(step),
  reach: (s) => [Decimal.ZERO, s],
  english: (x, step) => (step === undefined ? `${x}, rounded up to a whole number` : `${x}, rounded up to a multiple of ${step}`),
});
