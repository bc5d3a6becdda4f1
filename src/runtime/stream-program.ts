/**
 * Settling a prepared program into a ledger sink, a period at a time (api.ts
 * re-exports it): no parser, so `tenor run` of a compiled artifact loads only
 * the runtime.
 */
import type { Diagnostic } from "../diagnostics/diagnostic.ts";
import { hasErrors } from "../diagnostics/diagnostic.ts";
import { loadInputs, type InputFile } from "../inputs/load-inputs.ts";
import type { LedgerSink } from "../ledger/ledger-sink.ts";
import { checkRunData } from "./data-bounds.ts";
import { newEngineState, streamPeriods } from "./engine.ts";
import type { PreparedProgram } from "./prepare.ts";
import { periodInputs } from "./settle-data.ts";

/** A streamed run's outcome: the ledger went to the sink, whole, only when `failure` is null. */
export interface StreamResult {
  readonly diagnostics: readonly Diagnostic[];
  /** Where the run failed (api.ts RunFailure); "source" only from a caller that checked the source. */
  readonly failure: "source" | "inputs" | "runtime" | null;
}

/**
 * Settles a prepared program over period data files and hands the ledger
 * to `sink` a period at a time, keeping none: memory in proportion to one
 * period. A run-time error leaves no ledger at all, as `settleProgram`'s
 * null: a first pass that keeps nothing (and makes no traces) finds it
 * before the sink hears anything; the second pass, the same settlement,
 * feeds the sink.
 */
export function streamProgram(program: PreparedProgram, files: readonly InputFile[], sink: LedgerSink, options: { readonly trace: boolean }): StreamResult {
  const data = loadInputs(files, program.header, program.periods);
  if (data.value === null || hasErrors(data.diagnostics)) return { diagnostics: data.diagnostics, failure: "inputs" };
  const periods = periodInputs(program.header, program.periods, data.value);
  if (!Array.isArray(periods)) return { diagnostics: [...data.diagnostics, periods], failure: "runtime" };
  const outside = checkRunData(program, periods);
  if (hasErrors(outside)) return { diagnostics: [...data.diagnostics, ...outside], failure: "inputs" };
  const failed = streamPeriods(program, periods, { trace: false }, newEngineState(program), () => {});
  if (failed !== null) return { diagnostics: [...data.diagnostics, failed.diagnostic], failure: "runtime" };
  const state = newEngineState(program);
  sink.begin(program.header.title, program.header.currency.code);
  const again = streamPeriods(program, periods, options, state, (p) => sink.period(p));
  // The same settlement cannot fail the second time; if it ever did, the sink's text stops short and the run fails.
  if (again !== null) return { diagnostics: [...data.diagnostics, again.diagnostic], failure: "runtime" };
  sink.end(state.totals.result(program));
  return { diagnostics: data.diagnostics, failure: null };
}
