/**
 * A run-time error raised while evaluating one clause in one period
 * (docs/language.md §10). It is thrown inside the interpreter only, caught by the
 * engine, which prefixes the clause and the period and turns it into a
 * diagnostic: evaluation stops at the first one.
 */
import { RUN } from "../diagnostics/codes/run.ts";
import type { Range } from "../diagnostics/range.ts";
import { DecimalLimitError } from "../eval/decimal.ts";

export class RunError extends Error {
  constructor(
    /** A code from src/diagnostics/codes/run.ts. */
    readonly code: string,
    /** What went wrong, with the values involved; the engine adds clause and period. */
    readonly detail: string,
    readonly range: Range | undefined,
  ) {
    super(detail);
    this.name = "RunError";
  }
}

/**
 * Any other exception is a defect of the interpreter (the checker guarantees
 * well-formed input); it still becomes a diagnostic, never a crash.
 */
export function asRunError(e: unknown, range?: Range): RunError {
  if (e instanceof RunError) return e;
  if (e instanceof DecimalLimitError) return new RunError(RUN.valueTooLarge, e.message, range);
  const why = e instanceof Error ? e.message : String(e);
  return new RunError(RUN.internalError, `internal error in the interpreter: ${why}`, range);
}
