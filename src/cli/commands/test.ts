/** `tenor test FILE`: runs the term sheet's `test` blocks; a failure shows expected vs actual. */
import { testSource } from "../../api.ts";
import { renderDiagnostics } from "../../diagnostics/render.ts";
import { LineMap } from "../../diagnostics/positions.ts";
import { displayText } from "../../text/display.ts";
import { EXIT, type ExitCode } from "../exit-codes.ts";
import { displayPath, type Io } from "../io.ts";
import { cliModules, readTermSheet } from "./source-file.ts";

export function testCommand(io: Io, file: string): ExitCode {
  const read = readTermSheet(io, file);
  if ("exit" in read) return read.exit;
  const name = displayPath(file);
  const result = testSource(read.text, { modules: cliModules(io, file).host });
  if (result.diagnostics.length > 0) io.stderr(renderDiagnostics(result.diagnostics, name, read.text, result.files) + "\n");
  if (result.value === null) return EXIT.sourceErrors;
  const lines = new LineMap(read.text);
  let failed = 0;
  // Titles and messages quote the term sheet: hidden characters are shown as U+XXXX.
  for (const test of result.value) {
    io.stdout(`${test.passed ? "ok  " : "FAIL"} ${displayText(test.title)}\n`);
    if (test.passed) continue;
    failed++;
    for (const problem of test.problems) {
      const at = lines.position(problem.range.start);
      io.stdout(`     ${name}:${at.line}:${at.column}: ${displayText(problem.message)}\n`);
    }
  }
  const passed = result.value.length - failed;
  io.stdout(`${passed} passed, ${failed} failed\n`);
  return failed === 0 ? EXIT.ok : EXIT.sourceErrors;
}
