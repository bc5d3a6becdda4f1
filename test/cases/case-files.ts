/**
 * Finds the case files under test/cases and runs one case the way the CLI
 * would (`tenor check`, `tenor run --format json`, `tenor test`), returning
 * the text its baseline must hold.
 *
 * A case is `<phase>/<name>.tenor` plus, by the files beside it:
 * - `<name>.inputs.json` or `<name>.inputs.csv` (optionally `<name>.events.csv`
 *   or `<name>.events.json`): a run; the baseline holds the diagnostics, if
 *   any, then the JSON ledger with trace (`tenor run --format json`), or
 *   `no ledger` when the run fails;
 * - a name starting `tests-` or a `<name>.test-blocks` marker: `tenor test`;
 *   the baseline holds the diagnostics, then each test's result with its
 *   problems (with their TN30xx code when a test could not run) and its
 *   expectations, then the pass/fail count (`tests not run` after errors);
 * - nothing else: a check; the baseline holds the diagnostics and the
 *   summary line of `tenor check`.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { checkSource, runSource, testSource } from "../../src/api.ts";
import type { InputFile } from "../../src/api.ts";
import type { Diagnostic } from "../../src/diagnostics/diagnostic.ts";
import { LineMap } from "../../src/diagnostics/positions.ts";
import { renderDiagnostics } from "../../src/diagnostics/render.ts";
import { ledgerToJson } from "../../src/ledger/format-json.ts";
import { nodeHost } from "../../src/modules/node-host.ts";
import type { SourceOptions } from "../../src/api.ts";

export interface CaseFile {
  /** `check/unknown-name`: phase folder and name, for test titles. */
  readonly id: string;
  readonly dir: string;
  readonly name: string;
  readonly kind: "check" | "run" | "tests";
  readonly baselinePath: string;
}

/** Every `.tenor` case under `root`, sorted by id so runs are stable. */
export function findCases(root: string): CaseFile[] {
  const cases: CaseFile[] = [];
  for (const phase of readdirSync(root, { withFileTypes: true })) {
    if (!phase.isDirectory()) continue;
    const dir = join(root, phase.name);
    for (const file of readdirSync(dir)) {
      if (!file.endsWith(".tenor")) continue;
      const name = file.slice(0, -".tenor".length);
      const has = (suffix: string) => existsSync(join(dir, `${name}${suffix}`));
      const kind = has(".inputs.json") || has(".inputs.csv") ? "run" : name.startsWith("tests-") || has(".test-blocks") ? "tests" : "check";
      cases.push({ id: `${phase.name}/${name}`, dir, name, kind, baselinePath: join(dir, `${name}.baseline.txt`) });
    }
  }
  return cases.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** The inputs files of a run case, in the order the CLI takes them (periods, then events). */
export function inputFilesOf(c: CaseFile): InputFile[] {
  const names = [".inputs.json", ".inputs.csv", ".events.csv", ".events.json"].map((s) => `${c.name}${s}`);
  return names
    .filter((n) => existsSync(join(c.dir, n)))
    .map((n) => ({ name: n, text: readFileSync(join(c.dir, n), "utf8") }));
}

/** What the case prints: the text its baseline must equal. */
export function renderCase(c: CaseFile): string {
  const file = `${c.name}.tenor`;
  const source = readFileSync(join(c.dir, file), "utf8");
  // Imports resolve as for the CLI: `stdlib/…`, or files beside the case (kept in a subfolder, which holds no cases).
  const options: SourceOptions = { modules: nodeHost(join(c.dir, file), (path) => readFileSync(path, "utf8")) };
  switch (c.kind) {
    case "check":
      return renderCheck(file, source, options);
    case "run":
      return renderRun(file, source, inputFilesOf(c), options);
    case "tests":
      return renderTests(file, source, options);
  }
}

function diagnosticsBlock(diagnostics: readonly Diagnostic[], file: string, source: string | null, files?: ReadonlyMap<string, string>): string {
  return diagnostics.length === 0 ? "" : `${renderDiagnostics(diagnostics, file, source, files)}\n`;
}

function renderCheck(file: string, source: string, options: SourceOptions): string {
  const { diagnostics, files } = checkSource(source, options);
  const errors = diagnostics.filter((d) => d.severity === "error").length;
  const warnings = diagnostics.length - errors;
  const summary = `${file}: ${errors === 0 ? "ok" : `${errors} error${errors === 1 ? "" : "s"}`}${warnings ? `, ${warnings} warning${warnings === 1 ? "" : "s"}` : ""}\n`;
  return diagnosticsBlock(diagnostics, file, source, files) + summary;
}

function renderRun(file: string, source: string, inputs: readonly InputFile[], options: SourceOptions): string {
  const result = runSource(source, inputs, options);
  // Diagnostics about the term sheet point into it; data diagnostics have no position and name the inputs files.
  const inSource = result.diagnostics.filter((d) => d.range !== undefined);
  const aboutData = result.diagnostics.filter((d) => d.range === undefined);
  const text =
    diagnosticsBlock(inSource, file, source, result.files) + diagnosticsBlock(aboutData, inputs.map((f) => f.name).join(", "), null);
  return text + (result.ledger === null ? "no ledger\n" : ledgerToJson(result.ledger, { trace: true }));
}

function renderTests(file: string, source: string, options: SourceOptions): string {
  const result = testSource(source, options);
  let text = diagnosticsBlock(result.diagnostics, file, source, result.files);
  if (result.value === null) return `${text}tests not run\n`;
  const lines = new LineMap(source);
  let failed = 0;
  for (const test of result.value) {
    text += `${test.passed ? "ok  " : "FAIL"} ${test.title}\n`;
    if (!test.passed) failed++;
    for (const p of test.problems) {
      const at = lines.position(p.range.start);
      text += `     ${file}:${at.line}:${at.column}: ${p.message}${p.code === undefined ? "" : ` [${p.code}]`}\n`;
    }
    for (const x of test.expectations) {
      text += `     expect ${x.description}: expected ${x.expected}, actual ${x.actual} (${x.passed ? "pass" : "fail"})\n`;
    }
  }
  return `${text}${result.value.length - failed} passed, ${failed} failed\n`;
}
