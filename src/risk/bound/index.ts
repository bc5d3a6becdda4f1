/**
 * `tenor bound` as a library (browser-safe: the CLI, `explain` and the
 * playground's analysis worker call it): a checked program, lowered, then
 * bounded (./bound.ts). From source: `boundSource` in src/api.ts.
 */
import type { Result } from "../../diagnostics/diagnostic.ts";
import type { CheckedProgram } from "../../check/checked-program.ts";
import { lowerProgram } from "../../compile/lower.ts";
import { boundTerms, type BoundReport } from "./bound.ts";

export type { Amount, Unbounded } from "./amount.ts";
export { isUnbounded } from "./amount.ts";
export type { BoundReport, ClauseBound, PairBound, Totals } from "./bound.ts";
export { boundTerms } from "./bound.ts";
export { boundJson, formatAmount } from "./render-json.ts";
export type { AmountJson, BoundJson, PairJson, TotalsJson } from "./render-json.ts";
export { boundText } from "./render-text.ts";

/** The bound of a checked program. */
export function boundChecked(checked: CheckedProgram): Result<BoundReport> {
  return boundTerms(lowerProgram(checked));
}
