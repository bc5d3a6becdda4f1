import type { Diagnostic } from "../diagnostics/diagnostic.ts";

/** An input diagnostic: data has no source range, so the message names the row and the field. */
export function inputError(code: string, message: string): Diagnostic {
  return { code, severity: "error", message };
}

export function inputWarning(code: string, message: string): Diagnostic {
  return { code, severity: "warning", message };
}
