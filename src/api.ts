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
import { compileArtifact } from "./compile/artifact.ts";
import type { Artifact } from "./ir/artifact-format.ts";
import { prepareProgram } from "./runtime/prepare.ts";
import type { PreparedProgram } from "./runtime/prepare.ts";
import { runTests } from "./runtime/run-tests.ts";
import type { TestResult } from "./runtime/run-tests.ts";
import { periodInputs } from "./runtime/settle-data.ts";
import { runPeriods } from "./runtime/engine.ts";
import { checkRunData } from "./runtime/data-bounds.ts";
import { loadInputs } from "./inputs/load-inputs.ts";
import type { InputFile } from "./inputs/load-inputs.ts";
import type { Ledger } from "./ledger/ledger.ts";
import { DEFAULT_LIMITS } from "./limits.ts";
import { expandProgram } from "./modules/expand.ts";
import { noModules, type ModuleHost } from "./modules/host.ts";
import type { SourceMap } from "./modules/source-map.ts";
import type { Program, TemplateDecl } from "./syntax/ast.ts";
import { explainProgram, type ExplainDocument } from "./explain/index.ts";
import { boundChecked, type BoundReport } from "./risk/bound/index.ts";

export type { ModuleHost };
export type { Artifact, CheckedProgram, Diagnostic, InputFile, Ledger, PreparedProgram, Result, TestResult };

/** How a term sheet is read: where its imports come from. */
export interface SourceOptions {
  /** Serves `import … from "…"`; without one, a sheet that imports gets TN2200. */
  readonly modules?: ModuleHost;
}

/** What every source-based result also carries: the texts of imported files, to show notes inside them. */
export interface WithFiles {
  /** Imported files by the path messages use (`stdlib/taper.tenor`). */
  readonly files: ReadonlyMap<string, string>;
}

export type CheckResult = Result<CheckedProgram | null> & WithFiles & {
  /** The program as parsed (before templates are expanded): what an editor shows and indexes. */
  readonly parsed: Program;
  /** The templates the sheet can use (its own and imported), by name. */
  readonly templates: ReadonlyMap<string, TemplateDecl>;
  /** Maps diagnostics found later (at run time) out of template instances, like the checker's. */
  readonly sources: SourceMap;
};

const NO_MODULES = noModules("imports are not available here (no module host was given)");

/**
 * Parses and checks a term sheet: parse, expand templates and imports
 * (src/modules), check. The checker runs even after syntax errors so that
 * one pass reports every mistake.
 */
export function checkSource(source: string, options: SourceOptions = {}): CheckResult {
  const parsed = parseSource(source);
  const expanded = expandProgram(parsed.value, { host: options.modules ?? NO_MODULES, maxModules: DEFAULT_LIMITS.maxModules });
  // After syntax errors the checker stays quiet about what the parser dropped.
  const checked = checkProgram(expanded.program, { afterParseErrors: hasErrors(parsed.diagnostics) });
  const diagnostics = expanded.sources.mapDiagnostics([...parsed.diagnostics, ...expanded.diagnostics, ...checked.diagnostics]);
  const value = hasErrors(diagnostics) ? null : checked.value;
  return { value, diagnostics, files: expanded.sources.files, parsed: parsed.value, templates: expanded.templates, sources: expanded.sources };
}

/** Checks a term sheet and compiles it to an artifact (imported templates end up in its IR). */
export function compileSource(source: string, options: SourceOptions = {}): Result<Artifact | null> & WithFiles {
  const checked = checkSource(source, options);
  if (checked.value === null) return { value: null, diagnostics: checked.diagnostics, files: checked.files };
  return { value: compileArtifact(source, checked.value), diagnostics: checked.diagnostics, files: checked.files };
}

/** Where a run failed: the term sheet (exit 1), or the inputs / run time (exit 2). */
export type RunFailure = "source" | "inputs" | "runtime";

export interface RunResult {
  readonly ledger: Ledger | null;
  readonly diagnostics: readonly Diagnostic[];
  readonly failure: RunFailure | null;
  /** Imported files, when run from source (see WithFiles). */
  readonly files?: ReadonlyMap<string, string>;
}

/** Settles a prepared program (from a checked program or a loaded artifact) over period data files (JSON or CSV, see src/inputs). */
export function settleProgram(program: PreparedProgram, files: readonly InputFile[]): RunResult {
  const data = loadInputs(files, program.header, program.periods);
  if (data.value === null || hasErrors(data.diagnostics)) {
    return { ledger: null, diagnostics: data.diagnostics, failure: "inputs" };
  }
  const periods = periodInputs(program.header, program.periods, data.value);
  if (!Array.isArray(periods)) return { ledger: null, diagnostics: [...data.diagnostics, periods], failure: "runtime" };
  // Data the term sheet rules out (declared ranges, event counts) is an input error, found before any clause runs.
  const outside = checkRunData(program, periods);
  if (hasErrors(outside)) return { ledger: null, diagnostics: [...data.diagnostics, ...outside], failure: "inputs" };
  const run = runPeriods(program, periods);
  const failed = run.value === null || hasErrors(run.diagnostics);
  return { ledger: failed ? null : run.value, diagnostics: [...data.diagnostics, ...run.diagnostics], failure: failed ? "runtime" : null };
}

/** Settles a checked program over period data files (JSON or CSV, see src/inputs). */
export function settleChecked(checked: CheckedProgram, files: readonly InputFile[]): RunResult {
  return settleProgram(prepareProgram(lowerProgram(checked)), files);
}

export type PrepareResult = Result<PreparedProgram | null> & WithFiles & {
  /** Maps run-time diagnostics out of template instances (see CheckResult). */
  readonly sources: SourceMap;
};

/** Checks a term sheet and prepares it to settle: what `tenor run` settles from source. */
export function prepareSource(source: string, options: SourceOptions = {}): PrepareResult {
  const checked = checkSource(source, options);
  const value = checked.value === null ? null : prepareProgram(lowerProgram(checked.value));
  return { value, diagnostics: checked.diagnostics, files: checked.files, sources: checked.sources };
}

/** Checks a term sheet and settles it over the given inputs. */
export function runSource(source: string, files: readonly InputFile[], options: SourceOptions = {}): RunResult {
  const prepared = prepareSource(source, options);
  if (prepared.value === null) return { ledger: null, diagnostics: prepared.diagnostics, failure: "source", files: prepared.files };
  const run = settleProgram(prepared.value, files);
  return { ...run, diagnostics: [...prepared.diagnostics, ...prepared.sources.mapDiagnostics(run.diagnostics)], files: prepared.files };
}

// Streaming needs no parser: its own module, so `tenor run` of an artifact never loads Chevrotain.
export { streamProgram, type StreamResult } from "./runtime/stream-program.ts";

/** Checks a term sheet and runs its `test` blocks. */
export function testSource(source: string, options: SourceOptions = {}): Result<readonly TestResult[] | null> & WithFiles {
  const checked = checkSource(source, options);
  if (checked.value === null) return { value: null, diagnostics: checked.diagnostics, files: checked.files };
  return { value: testChecked(checked.value, checked.sources), diagnostics: checked.diagnostics, files: checked.files };
}

/** Runs the `test` blocks of a program already checked (an editor's analysis checks once for everything it shows). */
export function testChecked(checked: CheckedProgram, sources: SourceMap): readonly TestResult[] {
  return runTests(prepareProgram(lowerProgram(checked))).map((r) => ({
    ...r,
    // A run-time error inside a template instance is shown at the `use`.
    problems: r.problems.map((p) => {
      const [d] = sources.mapDiagnostics([{ code: p.code ?? "", severity: "error", message: p.message, range: p.range }]);
      return { ...p, range: d?.range ?? p.range, message: d?.message ?? p.message };
    }),
  }));
}

/** Checks a term sheet and explains it in English (`tenor explain`, docs/explain.md): null when it has errors. */
export function explainSource(source: string, options: SourceOptions = {}): Result<ExplainDocument | null> & WithFiles {
  const checked = checkSource(source, options);
  if (checked.value === null) return { value: null, diagnostics: checked.diagnostics, files: checked.files };
  return { value: explainProgram(checked.value, { parsed: checked.parsed, templates: checked.templates }), diagnostics: checked.diagnostics, files: checked.files };
}

/** Checks a term sheet and bounds it: null (with the check's diagnostics) when it has errors. */
export function boundSource(source: string, options: SourceOptions = {}): Result<BoundReport | null> & WithFiles {
  const checked = checkSource(source, options);
  if (checked.value === null) return { value: null, diagnostics: checked.diagnostics, files: checked.files };
  const bound = boundChecked(checked.value);
  // A clause made by a template `use` is shown at the `use`, as the checker's diagnostics are.
  return { value: bound.value, diagnostics: [...checked.diagnostics, ...checked.sources.mapDiagnostics(bound.diagnostics)], files: checked.files };
}
