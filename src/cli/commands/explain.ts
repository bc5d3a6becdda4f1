/**
 * `tenor explain FILE [--format text|markdown|html]`: the term sheet in
 * plain English (docs/explain.md), from the checked program that settles.
 * A sheet with errors prints its diagnostics as `tenor check` does, exit 1.
 */
import { explainSource } from "../../api.ts";
import { renderDiagnostics } from "../../diagnostics/render.ts";
import { renderExplanation, type ExplainFormat } from "../../explain/index.ts";
import { EXIT, type ExitCode } from "../exit-codes.ts";
import { displayPath, type Io } from "../io.ts";
import { cliModules, readTermSheet } from "./source-file.ts";

export function explainCommand(io: Io, file: string, options: { readonly format?: ExplainFormat }): ExitCode {
  const read = readTermSheet(io, file, { summary: true });
  if ("exit" in read) return read.exit;
  const name = displayPath(file);
  const result = explainSource(read.text, { modules: cliModules(io, file).host });
  if (result.diagnostics.length > 0) io.stderr(renderDiagnostics(result.diagnostics, name, read.text, result.files) + "\n");
  if (result.value === null) {
    const errors = result.diagnostics.filter((d) => d.severity === "error").length;
    io.stderr(`${name}: ${errors} error${errors === 1 ? "" : "s"}\n`);
    return EXIT.sourceErrors;
  }
  io.stdout(renderExplanation(result.value, options.format ?? "text"));
  return EXIT.ok;
}
