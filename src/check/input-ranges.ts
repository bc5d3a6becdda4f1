/**
 * Declared ranges of inputs and count bounds of events (docs/language.md §5
 * "Declared ranges"): `input sold_hours: gpu_hour in 0 gpu_hour .. capacity_hours`,
 * `event lease_default(…) at most 3 per term`.
 *
 * A bound is in its input's unit and uses only numbers, consts and other
 * inputs of the same period: what the data of one period can be checked
 * against before any clause runs, and what a static bound of a clause can
 * be worked out from. An input's range may not name the input, nor run
 * in a circle through other ranges (each input's range must be knowable
 * from the others without going round). Constant bounds must leave room
 * for a value (low ≤ high). Runs after the consts are typed (globals.ts).
 */
import { CHECK } from "../diagnostics/codes/check.ts";
import { Decimal } from "../eval/decimal.ts";
import type { EventDecl, Expr, InputDecl } from "../syntax/ast.ts";
import type { ConstEvaluator } from "./const-eval.ts";
import type { CheckContext } from "./context.ts";
import type { ExprChecker, ExprEnv } from "./expressions.ts";
import { stronglyConnected } from "./graph.ts";
import { bindingNoun, type Globals } from "./names.ts";
import { isRecovered } from "./recovered.ts";
import { describeType, sameType } from "../types/types.ts";
import { nameRefsIn } from "./walk.ts";

/** Checks every input's range and every event's count bound. */
export function checkInputRanges(ctx: CheckContext, globals: Globals, exprs: ExprChecker, consts: ConstEvaluator): void {
  const inputs = [...globals.inputs.values()];
  for (const d of inputs) if (!isRecovered(d)) checkBounds(d, ctx, globals, exprs, consts);
  reportCycles(inputs, ctx, globals);
  for (const e of globals.events.values()) if (!isRecovered(e)) checkLimit(e, ctx);
}

function checkBounds(d: InputDecl, ctx: CheckContext, globals: Globals, exprs: ExprChecker, consts: ConstEvaluator): void {
  const b = d.bounds;
  if (b === undefined) return;
  const name = d.name.text;
  if (b.low === null && b.high === null) {
    ctx.error(CHECK.rangeWithoutBounds, b.range, `the range of ${name} has no bound: write \`in LOW ..\`, \`in .. HIGH\` or \`in LOW .. HIGH\``);
    return;
  }
  const env: ExprEnv = {
    scope: globals.scope,
    allow: (ref, entry) => {
      const binding = entry.binding;
      if (binding.kind === "input" && binding.decl === d) {
        ctx.error(CHECK.rangeSelfReference, ref.name.range, `the range of ${name} uses ${name} itself; a bound must be known without the value it bounds`);
        return false;
      }
      if (binding.kind === "input" || binding.kind === "const") return true;
      ctx.error(
        CHECK.rangeBoundNotAllowed,
        ref.name.range,
        `a bound of an input's range may only use numbers, consts and other inputs, but ${ref.name.text} is ${bindingNoun(binding)}`,
      );
      return false;
    },
  };
  const want = globals.inputTypes.get(d);
  const values: (Decimal | null)[] = [];
  for (const [which, e] of [["lower", b.low], ["upper", b.high]] as const) {
    if (e === null) {
      values.push(null);
      continue;
    }
    const t = exprs.check(e, env);
    if (t.kind === "error" || want === undefined || want.kind === "error") {
      values.push(null);
      continue;
    }
    if (!sameType(t, want)) {
      const got = t.kind === "number" && !t.unit.isNone ? `in ${describeType(t)}` : describeType(t);
      const of = want.kind === "number" && !want.unit.isNone ? `in ${describeType(want)}` : describeType(want);
      ctx.error(CHECK.rangeBoundUnitMismatch, e.range, `the ${which} bound of ${name} is ${got}, but ${name} is ${of}`);
      values.push(null);
      continue;
    }
    values.push(constant(e, consts));
  }
  const [low, high] = values;
  if (low instanceof Decimal && high instanceof Decimal && low.gt(high)) {
    ctx.error(
      CHECK.rangeEmpty,
      b.range,
      `the range of ${name} is empty: its lower bound ${low.toString()} is above its upper bound ${high.toString()}`,
    );
  }
}

/** The bound's value when it is a constant number, else null (an input, or not foldable). */
function constant(e: Expr, consts: ConstEvaluator): Decimal | null {
  const v = consts.eval(e);
  return v instanceof Decimal ? v : null;
}

/** One error per circle of ranges naming each other (a range naming itself is reported where it is typed). */
function reportCycles(inputs: readonly InputDecl[], ctx: CheckContext, globals: Globals): void {
  const indexOf = new Map<InputDecl, number>(inputs.map((d, i) => [d, i]));
  const edges = inputs.map((d) => {
    const out: number[] = [];
    const b = d.bounds;
    for (const e of b === undefined ? [] : [b.low, b.high]) {
      if (e === null) continue;
      for (const ref of nameRefsIn(e)) {
        const binding = globals.scope.lookup(ref.name.text)?.binding;
        const target = binding?.kind === "input" && binding.decl !== d ? indexOf.get(binding.decl) : undefined;
        if (target !== undefined) out.push(target);
      }
    }
    return out;
  });
  for (const component of stronglyConnected(inputs.length, edges)) {
    if (component.length < 2) continue;
    const members = component.map((i) => inputs[i]!).sort((a, b) => a.range.start - b.range.start);
    const first = members[0]!;
    const names = [...members.map((m) => m.name.text), first.name.text].join(" → ");
    ctx.error(
      CHECK.rangeCycle,
      first.name.range,
      `the ranges of ${members.map((m) => m.name.text).join(", ")} depend on each other (${names}); one of them must be bounded without the others`,
      members.slice(1).map((m) => ({ range: m.name.range, message: `${m.name.text} is declared here` })),
    );
  }
}

/**
 * A test period's value outside its input's constant range: a warning
 * (TN2167), since a test shows what the clauses do with the values it
 * states, but `tenor run` would refuse such data. Runs after the tests are
 * typed; a bound that uses another input is not evaluated here.
 */
export function checkTestRanges(ctx: CheckContext, globals: Globals, consts: ConstEvaluator): void {
  for (const test of globals.tests) {
    for (const period of test.periods) {
      for (const tv of period.values) {
        const d = globals.inputs.get(tv.name.text);
        const b = d?.bounds;
        if (d === undefined || b === undefined) continue;
        const v = constant(tv.value, consts);
        if (v === null) continue;
        const low = b.low === null ? null : constant(b.low, consts);
        const high = b.high === null ? null : constant(b.high, consts);
        const side = low !== null && v.lt(low) ? "below its lower bound" : high !== null && v.gt(high) ? "above its upper bound" : null;
        if (side === null) continue;
        const t = globals.inputTypes.get(d);
        const unit = t !== undefined && t.kind === "number" && !t.unit.isNone ? ` ${t.unit.toString()}` : "";
        ctx.warning(
          CHECK.testValueOutsideRange,
          tv.value.range,
          `${tv.name.text} = ${v.toString()}${unit} in period ${period.date.text} is ${side} ${(side.startsWith("below") ? low! : high!).toString()}${unit}: ` +
            "the test runs, but tenor run refuses such data",
        );
      }
    }
  }
}

function checkLimit(e: EventDecl, ctx: CheckContext): void {
  const limit = e.limit;
  if (limit === undefined) return;
  const digits = limit.count.digits;
  if (!/^\d+$/.test(digits) || /^0+$/.test(digits) || !Number.isSafeInteger(Number(digits))) {
    ctx.error(
      CHECK.eventLimitNotPositive,
      limit.count.range,
      `the count of event ${e.name.text} must be a whole number of at least 1 (\`at most 3 per term\`), not ${digits}`,
    );
  }
}
