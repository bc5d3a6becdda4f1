/**
 * Issue 19's input for `npm run bench -- nesting`: 100,000 nested `if`s,
 * each with a condition (3.7 MB). Run as a script, it times one call in a
 * fresh process, as `tenor check` or the playground meets such a file:
 * nothing compiled or warmed up yet. `tsx bench/nesting-cold.ts guard`
 * times the nesting guard alone (grammar/nesting.ts findTooDeepInText),
 * `… parse` the whole way to the limit error (parseSource); it prints one
 * JSON line: { ms, cpuMs, codes, at }.
 */
import { fileURLToPath } from "node:url";
import { findTooDeepInText } from "../grammar/nesting.ts";
import { parseSource } from "../src/syntax/parse.ts";
import { DEFAULT_LIMITS } from "../src/limits.ts";

/** `const x = if revenue >= 10 USD then 1 USD else …`, `n` levels deep (37 characters a level). */
export function deepIfs(n: number): string {
  return `const x = ${"if revenue >= 10 USD then 1 USD else ".repeat(n)}1 USD\n`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const what = process.argv[2] === "parse" ? "parse" : "guard";
  const text = deepIfs(100_000);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const found =
    what === "guard"
      ? findTooDeepInText(text, DEFAULT_LIMITS.maxDepth).map((d) => ({ code: "TN1004", at: d.at.start }))
      : parseSource(text).diagnostics.map((d) => ({ code: d.code, at: d.range?.start }));
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const result = { ms, cpuMs: (cpu.user + cpu.system) / 1000, codes: found.map((f) => f.code), at: found.map((f) => f.at) };
  console.log(JSON.stringify(result));
}
