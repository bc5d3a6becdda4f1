/** `tenor test FILE`: runs the term sheet's `test` blocks; a failure shows expected vs actual. */
import { testSource } from "../../api.ts";
import { renderDiagnostics } from "../../diagnostics/render.ts";
import { nodeHost } from "../../modules/node-host.ts";
import { LineMap } from "../../diagnostics/positions.ts";
import { EXIT, type ExitCode } from "../exit-codes.ts";
import { tryRead, type Io } from "../io.ts";

export function testCommand(io: Io, file: string): ExitCode {
  const read = tryRead(io, file);
  if ("error" in read) {
    io.stderr(`tenor: ${read.error}\n`);
    return EXIT.usage;
  }
  const result = testSource(read.text, { modules: nodeHost(file, io.readFile) });
  if (result.diagnostics.length > 0) io.stderr(renderDiagnostics(result.diagnostics, file, read.text, result.files) + "\n");
  if (result.value === null) return EXIT.sourceErrors;
  const lines = new LineMap(read.text);
  let failed = 0;
  for (const test of result.value) {
    io.stdout(`${test.passed ? "ok  " : "FAIL"} ${test.title}\n`);
    if (test.passed) continue;
    failed++;
    for (const problem of test.problems) {
      const at = lines.position(problem.range.start);
      io.stdout(`     ${file}:${at.line}:${at.column}: ${problem.message}\n`);
    }
  }
  const passed = result.value.length - failed;
  io.stdout(`${passed} passed, ${failed} failed\n`);
  return failed === 0 ? EXIT.ok : EXIT.sourceErrors;
}
