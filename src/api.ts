/**
 * The one module that chains the phases:
 *   source → parse → check → lower (IR) → runtime → ledger.
 * Every phase returns `{ value, diagnostics }`; this module stops at the
 * first phase that reports an error and hands all diagnostics on. Running
 * a term sheet and running its compiled artifact go through the same
 * runtime: the source path lowers what it just checked and settles that.
 */
import type { Diagnostic, Result } from "./diagnostics/diagnostic.ts";
import { hasErrors } from "./diagnostics/diagnostic.ts";
import { parseSource } from "./syntax/parse.ts";
import { checkProgram } from "./check/check-program.ts";
import type { CheckedProgram } from "./check/checked-program.ts";
import { lowerProgram } from "./compile/lower.ts";
import { prepareProgram } from "./runtime/prepare.ts";
import type { PreparedProgram } from "./runtime/prepare.ts";
import { runTests } from "./runtime/run-tests.ts";
import type { TestResult } from "./runtime/run-tests.ts";
import { settleData } from "./runtime/settle-data.ts";
import { loadInputs } from "./inputs/load-inputs.ts";
import type { InputFile } from "./inputs/load-inputs.ts";
import type { Ledger } from "./ledger/ledger.ts";

export type { CheckedProgram, Diagnostic, InputFile, Ledger, PreparedProgram, Result, TestResult };

/** Parses and checks a term sheet. The checker runs even after syntax errors so that one pass reports every mistake. */
export function checkSource(source: string): Result<CheckedProgram | null> {
  const parsed = parseSource(source);
  // After syntax errors the checker stays quiet about what the parser dropped.
  const checked = checkProgram(parsed.value, { afterParseErrors: hasErrors(parsed.diagnostics) });
  const diagnostics = [...parsed.diagnostics, ...checked.diagnostics];
  return { value: hasErrors(diagnostics) ? null : checked.value, diagnostics };
}

/** Where a run failed: the term sheet (exit 1), or the inputs / run time (exit 2). */
export type RunFailure = "source" | "inputs" | "runtime";

export interface RunResult {
  readonly ledger: Ledger | null;
  readonly diagnostics: readonly Diagnostic[];
  readonly failure: RunFailure | null;
}

/** Settles a prepared program (from a checked program or a loaded artifact) over period data files (JSON or CSV, see src/inputs). */
export function settleProgram(program: PreparedProgram, files: readonly InputFile[]): RunResult {
  const data = loadInputs(files, program.header, program.periods);
  if (data.value === null || hasErrors(data.diagnostics)) {
    return { ledger: null, diagnostics: data.diagnostics, failure: "inputs" };
  }
  const run = settleData(program, data.value);
  const failed = run.value === null || hasErrors(run.diagnostics);
  return { ledger: failed ? null : run.value, diagnostics: [...data.diagnostics, ...run.diagnostics], failure: failed ? "runtime" : null };
}

/** Settles a checked program over period data files (JSON or CSV, see src/inputs). */
export function settleChecked(checked: CheckedProgram, files: readonly InputFile[]): RunResult {
  return settleProgram(prepareProgram(lowerProgram(checked)), files);
}

/** Checks a term sheet and settles it over the given inputs. */
export function runSource(source: string, files: readonly InputFile[]): RunResult {
  const checked = checkSource(source);
  if (checked.value === null) return { ledger: null, diagnostics: checked.diagnostics, failure: "source" };
  const run = settleChecked(checked.value, files);
  return { ...run, diagnostics: [...checked.diagnostics, ...run.diagnostics] };
}

/** Checks a term sheet and runs its `test` blocks. */
export function testSource(source: string): Result<readonly TestResult[] | null> {
  const checked = checkSource(source);
  if (checked.value === null) return { value: null, diagnostics: checked.diagnostics };
  return { value: runTests(prepareProgram(lowerProgram(checked.value))), diagnostics: checked.diagnostics };
}
