/**
 * The one error a production caller of the runtime catches: a stable
 * `code` (TN3xxx inputs and run time, TN4xxx artifacts and snapshots), a
 * message that names what went wrong with the values involved, and —
 * where they apply — the clause, the period and the field, as properties
 * a service can log or route on without reading the message.
 */
import type { Diagnostic } from "../diagnostics/diagnostic.ts";
import type { Range } from "../diagnostics/range.ts";
import type { EngineFailure } from "./engine.ts";

export interface TenorErrorDetails {
  /** The clause that failed (run-time errors). */
  readonly clause?: string;
  /** The start date (ISO) of the period concerned. */
  readonly period?: string;
  /** The 1-based index of the period concerned (run-time errors). */
  readonly periodIndex?: number;
  /** The input, event argument or other data field concerned (input errors). */
  readonly field?: string;
  /** Where in the term sheet's source the failing expression or statement is. */
  readonly range?: Range;
  /** Every diagnostic behind the error (an inputs file may have several defects). */
  readonly diagnostics?: readonly Diagnostic[];
}

export class TenorError extends Error {
  override readonly name = "TenorError";
  readonly code: string;
  readonly clause: string | undefined;
  readonly period: string | undefined;
  readonly periodIndex: number | undefined;
  readonly field: string | undefined;
  readonly range: Range | undefined;
  readonly diagnostics: readonly Diagnostic[];

  constructor(code: string, message: string, details: TenorErrorDetails = {}) {
    super(message);
    this.code = code;
    this.clause = details.clause;
    this.period = details.period;
    this.periodIndex = details.periodIndex;
    this.field = details.field;
    this.range = details.range;
    this.diagnostics = details.diagnostics ?? [{ code, severity: "error", message }];
  }

  /** The error for a run that stopped: the clause, the period and the values are in the message. */
  static fromRun(failure: EngineFailure): TenorError {
    const d = failure.diagnostic;
    return new TenorError(d.code, d.message, {
      clause: failure.clause,
      period: failure.period.start,
      periodIndex: failure.period.index,
      ...(d.range === undefined ? {} : { range: d.range }),
      diagnostics: [d],
    });
  }

  /**
   * The error for inputs with defects: the first error's code and message
   * (with a count of the others), its period and field when it names them.
   */
  static fromInputs(diagnostics: readonly Diagnostic[]): TenorError {
    const errors = diagnostics.filter((d) => d.severity === "error");
    const first = errors[0] ?? diagnostics[0] ?? { code: "TN3113", severity: "error" as const, message: "the inputs were refused" };
    const more = errors.length - 1;
    const message = more > 0 ? `${first.message} (and ${more} more input error${more === 1 ? "" : "s"})` : first.message;
    const period = /\bperiod (\d{4}-\d{2}-\d{2})\b/.exec(first.message)?.[1];
    const field = /\b(?:input|argument|field|missing|event) "([^"]+)"/.exec(first.message)?.[1];
    return new TenorError(first.code, message, {
      ...(period === undefined ? {} : { period }),
      ...(field === undefined ? {} : { field }),
      diagnostics,
    });
  }
}
