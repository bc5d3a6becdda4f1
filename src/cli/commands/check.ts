/** `tenor check FILE`: every diagnostic of the term sheet; exit 1 on any error. */
import { checkSource } from "../../api.ts";
import { renderDiagnostics } from "../../diagnostics/render.ts";
import { nodeHost } from "../../modules/node-host.ts";
import { EXIT, type ExitCode } from "../exit-codes.ts";
import { tryRead, type Io } from "../io.ts";

export function checkCommand(io: Io, file: string): ExitCode {
  const read = tryRead(io, file);
  if ("error" in read) {
    io.stderr(`tenor: ${read.error}\n`);
    return EXIT.usage;
  }
  const result = checkSource(read.text, { modules: nodeHost(file, io.readFile) });
  if (result.diagnostics.length > 0) io.stderr(renderDiagnostics(result.diagnostics, file, read.text, result.files) + "\n");
  const errors = result.diagnostics.filter((d) => d.severity === "error").length;
  const warnings = result.diagnostics.length - errors;
  io.stderr(`${file}: ${errors === 0 ? "ok" : `${errors} error${errors === 1 ? "" : "s"}`}${warnings ? `, ${warnings} warning${warnings === 1 ? "" : "s"}` : ""}\n`);
  return result.value === null ? EXIT.sourceErrors : EXIT.ok;
}
