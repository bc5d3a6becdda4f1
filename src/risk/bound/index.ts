/**
 * `tenor bound` as a library (browser-safe: the CLI, `explain` and the
 * playground's analysis worker call it): a term sheet's source, checked
 * and lowered, then bounded (./bound.ts).
 */
import { checkSource, type SourceOptions, type WithFiles } from "../../api.ts";
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

/** Checks a term sheet and bounds it: null (with the check's diagnostics) when it has errors. */
export function boundSource(source: string, options: SourceOptions = {}): Result<BoundReport | null> & WithFiles {
  const checked = checkSource(source, options);
  if (checked.value === null) return { value: null, diagnostics: checked.diagnostics, files: checked.files };
  const bound = boundChecked(checked.value);
  // A clause made by a template `use` is shown at the `use`, as the checker's diagnostics are.
  return { value: bound.value, diagnostics: [...checked.diagnostics, ...checked.sources.mapDiagnostics(bound.diagnostics)], files: checked.files };
}
