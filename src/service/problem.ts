/**
 * Every refusal of the service is a Problem (RFC 9457,
 * `application/problem+json`): an HTTP status, a stable TNxxxx code, the
 * message the CLI prints for the same defect, and — where they apply — the
 * period, the field and the clause. Nothing the client sends becomes a 500.
 */
import { TenorError } from "../runtime/tenor-error.ts";
import type { Diagnostic } from "../diagnostics/diagnostic.ts";
import { LineMap } from "../diagnostics/positions.ts";
import { SERVICE } from "../diagnostics/codes/service.ts";

export interface ProblemBody {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly code: string;
  readonly detail: string;
  readonly period?: string;
  readonly periodIndex?: number;
  readonly field?: string;
  readonly clause?: string;
  /** Every diagnostic behind it (a term sheet or inputs file may have several). */
  readonly diagnostics?: readonly { readonly code: string; readonly severity: string; readonly message: string; readonly line?: number; readonly column?: number }[];
}

const TITLES: Record<number, string> = {
  400: "Bad request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not found",
  409: "Conflict",
  413: "Body too large",
  415: "Unsupported media type",
  422: "Unprocessable content",
  429: "Too many requests",
  500: "Internal error",
};

export class Problem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extra: Partial<Pick<ProblemBody, "period" | "periodIndex" | "field" | "clause" | "diagnostics">> = {},
  ) {
    super(message);
  }

  body(): ProblemBody {
    return {
      type: `https://tenor.dev/problems/${this.code}`,
      title: TITLES[this.status] ?? "Error",
      status: this.status,
      code: this.code,
      detail: this.message,
      ...this.extra,
    };
  }

  /** A runtime refusal (bad data, a run-time error, a refused artifact) as the client's problem. */
  static fromTenorError(e: TenorError, status = 422): Problem {
    return new Problem(status, e.code, e.message, {
      ...(e.period === undefined ? {} : { period: e.period }),
      ...(e.periodIndex === undefined ? {} : { periodIndex: e.periodIndex }),
      ...(e.field === undefined ? {} : { field: e.field }),
      ...(e.clause === undefined ? {} : { clause: e.clause }),
      diagnostics: diagnosticsOf(e.diagnostics),
    });
  }
}

/** The 404 of a deal that does not exist — and, word for word, of a deal the caller may not see. */
export function unknownDeal(id: string): Problem {
  return new Problem(404, SERVICE.unknownDeal, `there is no deal ${id}`);
}

/** Diagnostics as a problem lists them: with the line and column (1-based) in `source` where there is one. */
export function diagnosticsOf(diagnostics: readonly Diagnostic[], source: string | null = null): NonNullable<ProblemBody["diagnostics"]> {
  const lines = source === null ? null : new LineMap(source);
  return diagnostics.map((d) => {
    const at = d.range === undefined || lines === null ? null : lines.position(d.range.start);
    return { code: d.code, severity: d.severity, message: d.message, ...(at === null ? {} : { line: at.line, column: at.column }) };
  });
}

/** The problem for anything thrown while serving: a Problem as it is, a TenorError as 422, else a 500 (logged). */
export function asProblem(e: unknown): Problem {
  if (e instanceof Problem) return e;
  if (e instanceof TenorError) return Problem.fromTenorError(e);
  return new Problem(500, SERVICE.internal, "the service failed unexpectedly; the error is in its log");
}
