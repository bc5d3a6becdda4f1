/**
 * The checker's constant evaluator over a checked program: the exact value
 * of any constant expression (literals, consts, arithmetic, built-ins).
 * Hover shows const values and schedule rates with it; the charts draw
 * constant caps with it.
 */
import type { CheckedProgram } from "../check/checked-program.ts";
import { ConstEvaluator } from "../check/const-eval.ts";
import { CheckContext } from "../check/context.ts";

/** An evaluator seeded with the program's bindings and types (the checker's maps, copied). */
export function constantEvaluator(checked: CheckedProgram): ConstEvaluator {
  const ctx = new CheckContext();
  for (const [k, v] of checked.bindings) ctx.bindings.set(k, v);
  for (const [k, v] of checked.types) ctx.types.set(k, v);
  ctx.currency = checked.header.currency.code;
  ctx.rounding = checked.header.currency.rounding;
  return new ConstEvaluator(ctx);
}
