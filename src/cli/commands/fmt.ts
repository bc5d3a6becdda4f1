/**
 * `tenor fmt FILE` (docs/language.md §14): prints the term sheet in its canonical layout.
 * `--write` rewrites the file (only when it changes; through a temporary
 * file renamed into place, so a failed write leaves it whole); `--check`
 * writes nothing and exits 1 naming the file when it is not formatted. A
 * file with syntax errors is never formatted: its diagnostics, exit 1.
 */
import { renderDiagnostics } from "../../diagnostics/render.ts";
import { formatSource } from "../../syntax/print.ts";
import { EXIT, type ExitCode } from "../exit-codes.ts";
import { displayPath, STDIN, writeFailed, type Io } from "../io.ts";
import { readTermSheet } from "./source-file.ts";

export interface FmtOptions {
  /** Rewrite the file in place. */
  readonly write?: boolean;
  /** Only report whether the file is formatted. */
  readonly check?: boolean;
}

export function fmtCommand(io: Io, file: string, options: FmtOptions = {}): ExitCode {
  if (file === STDIN && options.write === true) {
    io.stderr("tenor: fmt --write needs a file, not standard input\n");
    return EXIT.usage;
  }
  const read = readTermSheet(io, file);
  if ("exit" in read) return read.exit;
  const name = displayPath(file);
  const formatted = formatSource(read.text);
  if (formatted.value === null) {
    io.stderr(renderDiagnostics(formatted.diagnostics, name, read.text) + "\n");
    io.stderr(`${name}: not formatted: fix the syntax errors first\n`);
    return EXIT.sourceErrors;
  }
  const changed = formatted.value !== read.text;
  if (options.check === true) {
    if (changed) io.stderr(`${name}: not formatted\n`);
    return changed ? EXIT.sourceErrors : EXIT.ok;
  }
  if (options.write === true) {
    if (!changed) return EXIT.ok;
    try {
      io.writeFile(file, formatted.value);
    } catch (e) {
      return writeFailed(io, file, e);
    }
    io.stderr(`${name}: formatted\n`);
    return EXIT.ok;
  }
  io.stdout(formatted.value);
  return EXIT.ok;
}
