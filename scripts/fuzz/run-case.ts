/**
 * Runs one fuzz case through the parser, the checker, the formatter (when
 * src/syntax/print.ts exists) and the interpreter, and judges the result.
 * The only acceptable outcomes are diagnostics and typed input errors; a
 * failure is anything else:
 * - an exception escaping any phase (a RangeError from deep input included);
 * - an internal-error diagnostic (TN1007, TN3099) or any "internal" message;
 * - a source diagnostic without a position inside the text, or with another
 *   phase's code (a parse error that is not TN1xxx, …);
 * - a failed run without an error diagnostic, or with errors of the wrong
 *   phase (inputs failures are TN31xx, run-time failures TN30xx);
 * - formatted text that no longer parses, or that formats differently again.
 * Hangs are caught by the supervisor in scripts/fuzz.ts, which watches the
 * clock from outside the worker.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { checkSource, settleChecked, testSource } from "../../src/api.ts";
import type { CheckedProgram, Diagnostic, Result, RunResult } from "../../src/api.ts";
import { hasErrors } from "../../src/diagnostics/diagnostic.ts";
import { bundledHost } from "../../src/modules/bundled-host.ts";
import type { FuzzCase } from "./cases.ts";

// Imports of the stdlib resolve as in the playground (mutated examples keep theirs).
const STDLIB_DIR = fileURLToPath(new URL("../../stdlib/", import.meta.url));
const OPTIONS = {
  modules: bundledHost(Object.fromEntries(readdirSync(STDLIB_DIR).map((f) => [`stdlib/${f}`, readFileSync(join(STDLIB_DIR, f), "utf8")]))),
};

/** The formatter, when it exists: `formatSource(text)` → canonical text, or null with diagnostics. */
export type Formatter = (source: string) => Result<string | null>;

/** Loads src/syntax/print.ts's `formatSource` if that module exists (the formatter is written in parallel). */
export async function loadFormatter(): Promise<Formatter | null> {
  const path = "../../src/syntax/print.ts"; // a variable, so the type checker does not require the module
  try {
    const module = (await import(path)) as { formatSource?: Formatter };
    return typeof module.formatSource === "function" ? module.formatSource : null;
  } catch {
    return null;
  }
}

const INTERNAL = new Set(["TN1007", "TN3099"]);

function judge(diagnostics: readonly Diagnostic[], phase: RegExp, what: string, textLength: number | null): string | null {
  for (const d of diagnostics) {
    if (INTERNAL.has(d.code) || /internal/i.test(d.message)) return `${what}: internal error ${d.code}: ${d.message}`;
    if (!phase.test(d.code)) return `${what}: unexpected code ${d.code} (${d.message})`;
    if (textLength !== null) {
      const r = d.range;
      if (r === undefined) return `${what}: ${d.code} has no position (${d.message})`;
      if (!(r.start >= 0 && r.start <= r.end && r.end <= textLength)) return `${what}: ${d.code} range ${r.start}-${r.end} outside 0-${textLength}`;
    }
  }
  return null;
}

/** Checked programs by source, so that inputs cases on one sample check it once. */
const checkedCache = new Map<string, Result<CheckedProgram | null>>();
function checkCached(source: string): Result<CheckedProgram | null> {
  let r = checkedCache.get(source);
  if (r === undefined) {
    r = checkSource(source, OPTIONS);
    if (checkedCache.size > 200) checkedCache.clear();
    checkedCache.set(source, r);
  }
  return r;
}

/** Null when the case behaved; otherwise what went wrong. Exceptions are the caller's to catch. */
export function runCase(c: FuzzCase, format: Formatter | null): string | null {
  const n = c.source.length;
  // checkSource parses first: its diagnostics hold the parse errors too.
  const checked = checkCached(c.source);
  const badCheck = judge(checked.diagnostics, /^TN[12]\d{3}$/, "check", n);
  if (badCheck !== null) return badCheck;
  const parses = !checked.diagnostics.some((d) => d.severity === "error" && d.code.startsWith("TN1"));

  if (format !== null && parses && c.kind !== "mutated-inputs") {
    const formatted = format(c.source);
    if (formatted.value === null) return "format: no output for a source that parses";
    // Formatting the output again both re-parses it and checks idempotence.
    const twice = format(formatted.value);
    if (twice.value === null) {
      const d = twice.diagnostics.find((x) => x.severity === "error");
      return `format: the formatted text does not parse: ${d?.code ?? "?"} ${d?.message ?? ""}`;
    }
    if (twice.value !== formatted.value) return "format: formatting the formatted text changes it (not idempotent)";
  }

  if (checked.value === null) return null;
  const badRun = judgeRun(settleChecked(checked.value, c.files));
  if (badRun !== null) return badRun;
  if (checked.value.tests.length > 0 && c.kind !== "mutated-inputs") {
    const tests = testSource(c.source, OPTIONS);
    const problems = (tests.value ?? []).flatMap((t) => t.problems.map((p) => p.message));
    const internal = problems.find((m) => /internal/i.test(m));
    if (internal !== undefined) return `test: internal error: ${internal}`;
    return judge(tests.diagnostics, /^TN[12]\d{3}$/, "test", n);
  }
  return null;
}

function judgeRun(run: RunResult): string | null {
  if (run.ledger !== null) {
    if (hasErrors(run.diagnostics)) return "run: a ledger together with error diagnostics";
    return judge(run.diagnostics, /^TN[123]\d{3}$/, "run", null);
  }
  if (!hasErrors(run.diagnostics)) return `run: no ledger (${run.failure}) and no error diagnostic`;
  const phase = run.failure === "inputs" ? /^TN31\d{2}$/ : /^TN30\d{2}$/;
  return judge(run.diagnostics.filter((d) => d.severity === "error"), phase, `run (${run.failure})`, null);
}
