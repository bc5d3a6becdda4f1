/**
 * `tenor diff OLD NEW [--inputs FILE…] [--events FILE] [--format text|markdown|html|json]`:
 * a semantic redline of two versions of a term sheet (docs/explain.md
 * "tenor diff"). Exit codes as diff(1): 0 the same, 1 different, 2 when it
 * cannot tell (either sheet has errors, the data does not fit a version,
 * settling fails); 64 for wrong usage, as every command.
 */
import { checkSource, type CheckResult, type InputFile } from "../../api.ts";
import type { Diagnostic } from "../../diagnostics/diagnostic.ts";
import { renderDiagnostics } from "../../diagnostics/render.ts";
import { diffPrograms, renderDiff, type DiffFormat } from "../../diff/index.ts";
import { EXIT, type ExitCode } from "../exit-codes.ts";
import { displayPath, STDIN, type Io } from "../io.ts";
import { cliModules, readInputsFile, readTermSheet } from "./source-file.ts";

export interface DiffOptions {
  readonly inputs?: readonly string[];
  readonly events?: string;
  readonly format?: DiffFormat;
}

/** Exit 1 means "different" here, so trouble of any kind is 2 (diff(1)'s convention). */
const DIFFERENT: ExitCode = 1;
const TROUBLE = EXIT.dataErrors;

interface Version {
  readonly file: string;
  readonly text: string;
  readonly checked: CheckResult;
}

function checkVersion(io: Io, file: string): Version | { readonly exit: ExitCode } {
  const read = readTermSheet(io, file, { summary: true });
  if ("exit" in read) return { exit: read.exit === EXIT.usage ? EXIT.usage : TROUBLE };
  const checked = checkSource(read.text, { modules: cliModules(io, file).host });
  const name = displayPath(file);
  if (checked.diagnostics.length > 0) io.stderr(renderDiagnostics(checked.diagnostics, name, read.text, checked.files) + "\n");
  if (checked.value === null) {
    const errors = checked.diagnostics.filter((d) => d.severity === "error").length;
    io.stderr(`${name}: ${errors} error${errors === 1 ? "" : "s"}\n`);
  }
  return { file, text: read.text, checked };
}

/** A version's settling diagnostics as `tenor run` prints them: about the sheet with its source, about the data under the inputs' names. */
function printRunDiagnostics(io: Io, v: Version, diagnostics: readonly Diagnostic[], files: readonly InputFile[]): void {
  const mapped = v.checked.sources.mapDiagnostics(diagnostics);
  const aboutSource = mapped.filter((d) => d.range !== undefined);
  const aboutData = mapped.filter((d) => d.range === undefined);
  if (aboutSource.length > 0) io.stderr(renderDiagnostics(aboutSource, displayPath(v.file), v.text, v.checked.files) + "\n");
  if (aboutData.length > 0) io.stderr(renderDiagnostics(aboutData, files.map((f) => displayPath(f.name)).join(", "), null) + "\n");
}

export function diffCommand(io: Io, oldFile: string, newFile: string, options: DiffOptions): ExitCode {
  const inputPaths = [...(options.inputs ?? []), ...(options.events === undefined ? [] : [options.events])];
  if ([oldFile, newFile, ...inputPaths].filter((p) => p === STDIN).length > 1) {
    io.stderr("tenor: standard input (-) can be read only once\n");
    return EXIT.usage;
  }
  if (options.events !== undefined && (options.inputs ?? []).length === 0) {
    io.stderr("tenor diff: --events needs --inputs (the period data both versions settle on)\n");
    return EXIT.usage;
  }
  const a = checkVersion(io, oldFile);
  if ("exit" in a) return a.exit;
  const b = checkVersion(io, newFile);
  if ("exit" in b) return b.exit;
  if (a.checked.value === null || b.checked.value === null) return TROUBLE;

  let data: InputFile[] | undefined;
  if (inputPaths.length > 0) {
    data = [];
    for (const path of inputPaths) {
      const read = readInputsFile(io, path);
      if ("exit" in read) return TROUBLE;
      data.push(read.file);
    }
  }
  const report = diffPrograms(a.checked.value, b.checked.value, data);
  for (const f of report.failures) {
    io.stderr(`tenor diff: the ${f.version} version (${displayPath(f.version === "old" ? oldFile : newFile)}) cannot be settled on the data:\n`);
    printRunDiagnostics(io, f.version === "old" ? a : b, f.diagnostics, data ?? []);
  }
  if (report.diagnostics.length > 0) io.stderr(renderDiagnostics(report.diagnostics, `${displayPath(oldFile)}, ${displayPath(newFile)}`, null) + "\n");
  io.stdout(renderDiff(report, options.format ?? "text"));
  if (report.failures.length > 0) return TROUBLE;
  return report.equal ? EXIT.ok : DIFFERENT;
}
