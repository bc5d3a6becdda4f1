/** Terms for the simulate tests: a term sheet compiled to its artifact and loaded, as the CLI and its workers load it. */
import { compileSource } from "../../src/api.ts";
import { artifactText } from "../../src/compile/artifact.ts";
import { loadTerms } from "../../src/runtime/load-terms.ts";
import type { Terms } from "../../src/runtime/terms.ts";
import { planModel } from "../../src/risk/simulate/index.ts";
import type { ModelPlan } from "../../src/risk/simulate/index.ts";

export function artifactOf(source: string): string {
  const compiled = compileSource(source);
  if (compiled.value === null) throw new Error(`does not compile: ${compiled.diagnostics.map((d) => `${d.code} ${d.message}`).join("; ")}`);
  return artifactText(compiled.value);
}

export function termsOf(source: string): Terms {
  return loadTerms(artifactOf(source));
}

export function planOf(terms: Terms, model: unknown): ModelPlan {
  const plan = planModel(terms.program, model);
  if (plan.value === null) throw new Error(`bad model: ${plan.diagnostics.map((d) => `${d.code} ${d.message}`).join("; ")}`);
  return plan.value;
}

/** One period; `x` drawn uniformly from 0.00 to 100.00 USD (10,001 values) by default; capped above 60 USD. */
export const UNIFORM_CAP = `deal "Known cap"

parties {
  a: "Payer"
  b: "Payee"
}

term 2026-01-01 to 2026-01-31, monthly
currency USD

input x: USD in 0 USD .. 100 USD

clause pay "Pay x" {
  a pays b x
  cap 60 USD over term
}
`;

/** Twelve months; each event pays 1 USD, capped at 8 USD over the term. */
export const POISSON_CAP = `deal "Known tail"

parties {
  a: "Payer"
  b: "Payee"
}

term 2026-01-01 to 2026-12-31, monthly
currency USD

event hit(amount: USD)

clause per_hit "Per event" {
  on hit {
    a pays b amount
  }
  cap 8 USD over term
}
`;
