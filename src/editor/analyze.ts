/**
 * One analysis of an editor's state (source + inputs), as the playground's
 * analysis worker and the language server (src/lsp) run it after every
 * edit: the CLI's own pipeline
 * (src/api.ts: checkSource, then settleChecked for `run` — exactly what
 * runSource chains — and testChecked for `test`) plus what the
 * editor needs beside it: markers, the symbol index, the chart series.
 *
 * The result is plain data (structured-clone safe) and the ledger JSON is
 * the CLI's `--format json` text, byte for byte.
 */
import { checkSource, settleChecked, testChecked, type SourceOptions } from "../api.ts";
import type { CheckResult, RunFailure } from "../api.ts";
import type { TestResult } from "../api.ts";
import type { Diagnostic, Severity } from "../diagnostics/diagnostic.ts";
import { LineMap } from "../diagnostics/positions.ts";
import { periodsOfTerm } from "../eval/periods.ts";
import { termGeneration } from "../check/declarations.ts";
import { unitSpelling } from "./source-text.ts";
import type { InputFile } from "../inputs/load-inputs.ts";
import { ledgerToJson } from "../ledger/format-json.ts";
import type { Ledger } from "../ledger/ledger.ts";
import type { Program } from "../syntax/ast.ts";
import { toMarkers } from "./markers.ts";
import type { EditorMarker } from "./markers.ts";
import { chartSeries } from "./series.ts";
import type { ChartSeries } from "./series.ts";
import { indexProgram } from "./symbols.ts";
import type { SymbolIndex } from "./symbols.ts";

export interface AnalysisRequest {
  /** Increases with every edit; the editor drops results for older versions. */
  readonly version: number;
  readonly source: string;
  /**
   * The inputs as a JSON inputs file (docs/language.md §11 "JSON"): `{ "periods": […], "events": […] }`;
   * null when there are none (an editor's sheet without an inputs file): the sheet is checked, not settled.
   */
  readonly inputs: string | null;
  /** How messages name the inputs file (default INPUTS_FILE_NAME). */
  readonly inputsName?: string;
}

export interface AnalysisOptions extends SourceOptions {
  /** Run the sheet's test blocks (default true; the language server shows no tests). */
  readonly tests?: boolean;
}

/** Which step reported a problem: the term sheet, the inputs, or the run. */
export type ProblemPhase = "source" | "inputs" | "run";

export interface ProblemView {
  readonly code: string;
  readonly severity: Severity;
  readonly message: string;
  readonly phase: ProblemPhase;
  /** 1-based position of the range's start; absent for data problems. */
  readonly line?: number;
  readonly column?: number;
}

export interface ExpectationView {
  readonly description: string;
  readonly expected: string;
  readonly actual: string;
  readonly passed: boolean;
  readonly line: number;
}

export interface TestView {
  readonly title: string;
  readonly passed: boolean;
  readonly line: number;
  readonly expectations: readonly ExpectationView[];
  /** Failed expectations and errors that kept the test from running. */
  readonly problems: readonly { readonly message: string; readonly code?: string; readonly line: number }[];
}

/** What the inputs panel needs to know of the deal, even while the source has errors. */
export interface DealSummary {
  readonly inputs: readonly { readonly name: string; readonly unit: string }[];
  readonly events: readonly { readonly name: string; readonly params: readonly { readonly name: string; readonly unit: string }[] }[];
  /** Start dates of the term's periods, in order ([] without a valid term). */
  readonly periodStarts: readonly string[];
}

export interface AnalysisResult {
  readonly version: number;
  readonly markers: readonly EditorMarker[];
  readonly problems: readonly ProblemView[];
  readonly index: SymbolIndex;
  readonly summary: DealSummary;
  readonly ledger: Ledger | null;
  /** `tenor run --format json` output for this ledger. */
  readonly ledgerJson: string | null;
  readonly failure: RunFailure | null;
  /** null when the term sheet does not check, or tests were not asked for. */
  readonly tests: readonly TestView[] | null;
  readonly series: ChartSeries | null;
}

/** The file name under which the playground hands its inputs to the loader. */
export const INPUTS_FILE_NAME = "playground.inputs.json";

function problems(diagnostics: readonly Diagnostic[], phase: ProblemPhase, map: LineMap): ProblemView[] {
  return diagnostics.map((d) => {
    const base = { code: d.code, severity: d.severity, message: d.message, phase };
    if (d.range === undefined) return base;
    const at = map.position(d.range.start);
    return { ...base, line: at.line, column: at.column };
  });
}

function summaryOf(program: Program): DealSummary {
  const inputs: { name: string; unit: string }[] = [];
  const events: { name: string; params: { name: string; unit: string }[] }[] = [];
  let periodStarts: string[] = [];
  for (const d of program.decls) {
    if (d.kind === "Input" && d.name.text !== "") inputs.push({ name: d.name.text, unit: unitSpelling(d.unit) });
    if (d.kind === "Event" && d.name.text !== "") {
      events.push({ name: d.name.text, params: d.params.map((p) => ({ name: p.name.text, unit: unitSpelling(p.unit) })) });
    }
    if (d.kind === "Term") {
      periodStarts = periodsOfTerm(d.start.text, d.end.text, d.frequency, termGeneration(d)).map((p) => p.start);
    }
  }
  return { inputs, events, periodStarts };
}

function testViews(results: readonly TestResult[], map: LineMap): TestView[] {
  return results.map((t) => ({
    title: t.title,
    passed: t.passed,
    line: map.position(t.range.start).line,
    expectations: t.expectations.map((x) => ({
      description: x.description, expected: x.expected, actual: x.actual, passed: x.passed, line: map.position(x.range.start).line,
    })),
    problems: t.problems.map((p) => ({
      message: p.message, line: map.position(p.range.start).line, ...(p.code === undefined ? {} : { code: p.code }),
    })),
  }));
}

/**
 * Checks, settles and tests an editor's state. Never throws on bad input.
 * `options.modules` serves imports (the playground bundles the stdlib, the
 * language server reads them from disk as the CLI does).
 */
export function analyze(request: AnalysisRequest, options: AnalysisOptions = {}): AnalysisResult {
  return analyzeChecked(request, checkSource(request.source, options), options);
}

/**
 * `analyze` from a check the caller already made of `request.source`, so
 * that what it builds beside the result (the playground's English tab)
 * comes from the same checked program the ledger settles.
 */
export function analyzeChecked(request: AnalysisRequest, checked: CheckResult, options: AnalysisOptions = {}): AnalysisResult {
  const { version, source } = request;
  const map = new LineMap(source);
  // The index is built from the sheet as written (templates not expanded; also after errors).
  const program = checked.parsed;
  const index = indexProgram(program, source, checked.value, checked.templates);
  const summary = summaryOf(program);
  const base = { version, index, summary };
  if (checked.value === null) {
    return {
      ...base,
      markers: toMarkers(checked.diagnostics, source, checked.files),
      problems: problems(checked.diagnostics, "source", map),
      ledger: null, ledgerJson: null, failure: "source", tests: null, series: null,
    };
  }
  // `tenor test` on the program just checked: checking the text a second time was a fifth of a keystroke's analysis (issue 17).
  const tested = options.tests === false ? null : testChecked(checked.value, checked.sources);
  const tests = tested === null ? null : testViews(tested, map);
  if (request.inputs === null) {
    return {
      ...base,
      markers: toMarkers(checked.diagnostics, source, checked.files),
      problems: problems(checked.diagnostics, "source", map),
      ledger: null, ledgerJson: null, failure: null, tests, series: null,
    };
  }
  const files: InputFile[] = [{ name: request.inputsName ?? INPUTS_FILE_NAME, text: request.inputs }];
  const settled = settleChecked(checked.value, files);
  // Run-time errors inside a template instance are shown at its `use`.
  const run = { ...settled, diagnostics: checked.sources.mapDiagnostics(settled.diagnostics) };
  const runPhase: ProblemPhase = run.failure === "inputs" ? "inputs" : "run";
  const all = [...checked.diagnostics, ...run.diagnostics];
  return {
    ...base,
    markers: toMarkers(all, source, checked.files),
    problems: [...problems(checked.diagnostics, "source", map), ...problems(run.diagnostics, runPhase, map)],
    ledger: run.ledger,
    ledgerJson: run.ledger === null ? null : ledgerToJson(run.ledger),
    failure: run.failure,
    tests,
    series: run.ledger === null ? null : chartSeries(checked.value, run.ledger, source),
  };
}

