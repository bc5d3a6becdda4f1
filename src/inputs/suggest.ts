/**
 * "Did you mean …?" for names in data files, worded for data: quoted
 * names, and the allowed names listed when none is close.
 */
import { closestName } from "../diagnostics/suggest.ts";

/** ` (did you mean "x"?)`, or a list of what is allowed when nothing is close, or "" when nothing is allowed. */
export function suggestionText(name: string, candidates: readonly string[], what: string): string {
  const close = closestName(name, candidates);
  if (close !== null) return ` (did you mean "${close}"?)`;
  if (candidates.length === 0) return ` (the deal declares no ${what})`;
  return ` (${what}: ${candidates.map((c) => `"${c}"`).join(", ")})`;
}
