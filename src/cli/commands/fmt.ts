/**
 * `tenor fmt FILE` (docs/language.md §14): prints the term sheet in its canonical layout.
 * `--write` rewrites the file in place (only when it changes); `--check`
 * writes nothing and exits 1 naming the file when it is not formatted. A
 * file with syntax errors is never formatted: its diagnostics, exit 1.
 */
import { renderDiagnostics } from "../../diagnostics/render.ts";
import { formatSource } from "../../syntax/print.ts";
import { EXIT, type ExitCode } from "../exit-codes.ts";
import { tryRead, type Io } from "../io.ts";

export interface FmtOptions {
  /** Rewrite the file in place. */
  readonly write?: boolean;
  /** Only report whether the file is formatted. */
  readonly check?: boolean;
}

export function fmtCommand(io: Io, file: string, options: FmtOptions = {}): ExitCode {
  const read = tryRead(io, file);
  if ("error" in read) {
    io.stderr(`tenor: ${read.error}\n`);
    return EXIT.usage;
  }
  const formatted = formatSource(read.text);
  if (formatted.value === null) {
    io.stderr(renderDiagnostics(formatted.diagnostics, file, read.text) + "\n");
    io.stderr(`${file}: not formatted: fix the syntax errors first\n`);
    return EXIT.sourceErrors;
  }
  const changed = formatted.value !== read.text;
  if (options.check === true) {
    if (changed) io.stderr(`${file}: not formatted\n`);
    return changed ? EXIT.sourceErrors : EXIT.ok;
  }
  if (options.write === true) {
    if (!changed) return EXIT.ok;
    try {
      io.writeFile(file, formatted.value);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code ?? "write failed";
      io.stderr(`tenor: ${file}: cannot be written (${code})\n`);
      return EXIT.usage;
    }
    io.stderr(`${file}: formatted\n`);
    return EXIT.ok;
  }
  io.stdout(formatted.value);
  return EXIT.ok;
}
