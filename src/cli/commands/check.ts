/** `tenor check FILE`: every diagnostic of the term sheet; exit 1 on any error. */
import { checkSource } from "../../api.ts";
import { renderDiagnostics } from "../../diagnostics/render.ts";
import { EXIT, type ExitCode } from "../exit-codes.ts";
import { displayPath, type Io } from "../io.ts";
import { cliModules, readTermSheet } from "./source-file.ts";

export function checkCommand(io: Io, file: string): ExitCode {
  const read = readTermSheet(io, file, { summary: true });
  if ("exit" in read) return read.exit;
  const name = displayPath(file);
  const result = checkSource(read.text, { modules: cliModules(io, file).host });
  if (result.diagnostics.length > 0) io.stderr(renderDiagnostics(result.diagnostics, name, read.text, result.files) + "\n");
  const errors = result.diagnostics.filter((d) => d.severity === "error").length;
  const warnings = result.diagnostics.length - errors;
  io.stderr(`${name}: ${errors === 0 ? "ok" : `${errors} error${errors === 1 ? "" : "s"}`}${warnings ? `, ${warnings} warning${warnings === 1 ? "" : "s"}` : ""}\n`);
  return result.value === null ? EXIT.sourceErrors : EXIT.ok;
}
