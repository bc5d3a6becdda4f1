/**
 * The `tenor simulate` work of a portfolio worker (worker.ts hands it tasks
 * that carry `simulate`): a batch of scenarios [from, to) of one deal and one
 * model. The artifact and the model travel as text and are loaded once per
 * thread (a run sends the same ones in every task); outcomes go back as
 * columns of BigInt (structured clone keeps them exact).
 */
import { loadTerms } from "../../runtime/load-terms.ts";
import type { Terms } from "../../runtime/terms.ts";
import { planModel, runScenarios, SimulateError } from "../../risk/simulate/index.ts";
import type { ModelPlan, ScenarioBatch } from "../../risk/simulate/index.ts";

export interface SimulateTask {
  readonly simulate: {
    readonly artifact: string;
    /** The model's JSON text ("{}" without --model). */
    readonly model: string;
    readonly seed: number;
    readonly from: number;
    readonly to: number;
  };
}

export type SimulateTaskResult = { readonly batch: ScenarioBatch } | { readonly error: { readonly code: string; readonly field: string; readonly message: string } };

let cached: { artifact: string; model: string; terms: Terms; plan: ModelPlan } | null = null;

export function runSimulateTask(task: SimulateTask): SimulateTaskResult {
  const t = task.simulate;
  try {
    if (cached === null || cached.artifact !== t.artifact || cached.model !== t.model) {
      const terms = loadTerms(t.artifact);
      const plan = planModel(terms.program, t.model);
      // The main thread planned the same model first: a failure here is not expected, but is reported, not thrown.
      if (plan.value === null) {
        const d = plan.diagnostics[0]!;
        return { error: { code: d.code, field: d.field, message: d.message } };
      }
      cached = { artifact: t.artifact, model: t.model, terms, plan: plan.value };
    }
    return { batch: runScenarios(cached.terms.program, cached.plan, t.seed, t.from, t.to) };
  } catch (e) {
    if (e instanceof SimulateError) return { error: { code: e.code, field: e.field, message: e.message } };
    throw e;
  }
}
