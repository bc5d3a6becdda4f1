/**
 * Built-in functions (brief §2): min, max, abs, round, floor, ceil.
 * `round` uses the deal's rounding mode; `floor`/`ceil` go towards −∞/+∞.
 * With a step, each returns a multiple of the step (which must be > 0).
 */
import type { Call, RoundingMode } from "../syntax/ast.ts";
import { RUN } from "../diagnostics/codes/run.ts";
import { compareDates } from "./dates.ts";
import { Decimal } from "./decimal.ts";
import { exprText } from "./expr-text.ts";
import { RunError } from "./run-error.ts";
import { num } from "./values.ts";
import type { Value } from "./values.ts";

export function callBuiltin(call: Call, args: readonly Value[], mode: RoundingMode): Value {
  const name = call.callee.text;
  switch (name) {
    case "min": return extreme(args, -1);
    case "max": return extreme(args, 1);
    case "abs": return num(numberArg(args, 0).abs());
    case "round": {
      const x = numberArg(args, 0);
      const step = stepArg(call, args);
      return num(step === null ? x.round(0, mode) : x.roundToStep(step, mode));
    }
    case "floor": {
      const x = numberArg(args, 0);
      const step = stepArg(call, args);
      return num(step === null ? x.floor() : floorToStep(x, step));
    }
    case "ceil": {
      const x = numberArg(args, 0);
      const step = stepArg(call, args);
      return num(step === null ? x.ceil() : ceilToStep(x, step));
    }
    default:
      throw new Error(`internal: unknown built-in ${name}`);
  }
}

function numberArg(args: readonly Value[], i: number): Decimal {
  const v = args[i];
  if (v?.kind !== "number") throw new Error(`internal: argument ${i + 1} is not a number`);
  return v.value;
}

function stepArg(call: Call, args: readonly Value[]): Decimal | null {
  if (args.length < 2) return null;
  const step = numberArg(args, 1);
  if (!step.gt(Decimal.ZERO)) {
    throw new RunError(RUN.stepNotPositive, `the step of ${exprText(call)} is ${step.toString()}; it must be above zero`, call.range);
  }
  return step;
}

/** The smallest (sign −1) or largest (sign 1) of numbers or of dates; the first wins a tie. */
function extreme(args: readonly Value[], sign: 1 | -1): Value {
  let best = args[0];
  if (best === undefined) throw new Error("internal: min/max without arguments");
  for (const v of args.slice(1)) {
    let c: number;
    if (v.kind === "number" && best.kind === "number") c = v.value.cmp(best.value);
    else if (v.kind === "date" && best.kind === "date") c = compareDates(v.value, best.value);
    else if (v.kind === "duration" && best.kind === "duration") c = v.amount.cmp(best.amount);
    else throw new Error(`internal: min/max of a ${v.kind} and a ${best.kind}`);
    if (c * sign > 0) best = v;
  }
  return best;
}

// x / step is carried to 20 places and may round up onto the next whole
// number; multiplying back detects that, keeping floor and ceil exact.
function floorToStep(x: Decimal, step: Decimal): Decimal {
  let q = x.div(step).floor();
  if (q.mul(step).gt(x)) q = q.sub(Decimal.ONE);
  return q.mul(step);
}

function ceilToStep(x: Decimal, step: Decimal): Decimal {
  let q = x.div(step).ceil();
  if (q.sub(Decimal.ONE).mul(step).gte(x)) q = q.sub(Decimal.ONE);
  return q.mul(step);
}
