/**
 * The one diagnostics type that flows from every phase (parse, check, run,
 * inputs, compile) to the CLI and to the playground's Monaco markers.
 */
import type { Range } from "./range.ts";

export type Severity = "error" | "warning";

/** A further place worth showing; in another file (an imported template) when `file` is set. */
export interface RelatedInfo {
  readonly range: Range;
  readonly message: string;
  /** The imported file, as messages name it (`stdlib/taper.tenor`); absent: the same file. */
  readonly file?: string;
}

export interface Diagnostic {
  /** Stable code: TN1xxx parse, TN2xxx check, TN3xxx run/input, TN4xxx compile. */
  readonly code: string;
  readonly severity: Severity;
  readonly message: string;
  /** Where in the source; absent for diagnostics about data (those name period and field in the message). */
  readonly range?: Range;
  /** Further places worth showing, e.g. the earlier declaration of a duplicate. */
  readonly related?: readonly RelatedInfo[];
}

/** What every phase returns: its value (possibly partial) and what it found. */
export interface Result<T> {
  readonly value: T;
  readonly diagnostics: readonly Diagnostic[];
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === "error");
}
