/**
 * `tenor bound FILE [--format text|json]`: the most each clause and each
 * payer → payee pair can be made to pay, over the term and per contract
 * year (docs/risk.md "tenor bound"). An unbounded clause is a warning
 * (TN6101) naming why, printed as `tenor check` prints diagnostics; a sheet
 * with errors exits 1.
 */
import { renderDiagnostics } from "../../diagnostics/render.ts";
import { boundSource } from "../../api.ts";
import { boundJson, boundText } from "../../risk/bound/index.ts";
import { EXIT, type ExitCode } from "../exit-codes.ts";
import { displayPath, type Io } from "../io.ts";
import { cliModules, readTermSheet } from "./source-file.ts";

export const BOUND_FORMATS = ["text", "json"] as const;
export type BoundFormat = (typeof BOUND_FORMATS)[number];

export function boundCommand(io: Io, file: string, options: { readonly format?: BoundFormat }): ExitCode {
  const read = readTermSheet(io, file, { summary: true });
  if ("exit" in read) return read.exit;
  const name = displayPath(file);
  const result = boundSource(read.text, { modules: cliModules(io, file).host });
  if (result.diagnostics.length > 0) io.stderr(renderDiagnostics(result.diagnostics, name, read.text, result.files) + "\n");
  if (result.value === null) {
    const errors = result.diagnostics.filter((d) => d.severity === "error").length;
    io.stderr(`${name}: ${errors} error${errors === 1 ? "" : "s"}\n`);
    return EXIT.sourceErrors;
  }
  io.stdout(options.format === "json" ? JSON.stringify(boundJson(result.value), null, 2) + "\n" : boundText(result.value));
  return EXIT.ok;
}
