/**
 * `npm run bench`: how fast Tenor checks and settles, as times and as
 * ratios against a baseline measured in the same process (lexing the same
 * text), so runs on busy or different machines stay comparable.
 *
 * Targets (issue 2): a 5,000-clause sheet checks in under 2 s, CLI start-up
 * included; 10,000-deep nesting gives a limit diagnostic, never a crash.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { lex } from "../grammar/lexer.ts";
import { checkSource, runSource } from "../src/api.ts";
import { parseSource } from "../src/syntax/parse.ts";
import { bigSheet } from "./big-sheet.ts";
import { measure, ms, ratio } from "./measure.ts";

const root = join(import.meta.dirname, "..");
const lines: string[] = [];
const report = (line: string) => {
  lines.push(line);
  console.log(line);
};

// 1. Checking a 5,000-clause sheet, against lexing it.
const sheet = bigSheet(5000);
const lexing = measure(() => lex(sheet));
const checking = measure(() => checkSource(sheet));
report(`check 5,000 clauses (${(sheet.length / 1024).toFixed(0)} KiB): first ${ms(checking.first)}, median ${ms(checking.median)}; ` +
  `lexing alone ${ms(lexing.median)}; ratio ${ratio(checking.median, lexing.median)} (target: < 2000 ms)`);

// 2. The same through the CLI, start-up included (the bundle is built by `npm install`).
const dir = mkdtempSync(join(tmpdir(), "tenor-bench-"));
const file = join(dir, "big.tenor");
writeFileSync(file, sheet);
const cli = measure(() => spawnSync(process.execPath, [join(root, "bin", "tenor.mjs"), "check", file]), 3);
const startup = measure(() => spawnSync(process.execPath, [join(root, "bin", "tenor.mjs"), "--version"]), 3);
report(`tenor check on the 5,000-clause file: median ${ms(cli.median)} wall (start-up alone ${ms(startup.median)}; target: < 2000 ms)`);

// 3. Nesting limits: a diagnostic, fast, for every kind of deep nesting.
const nestings: [string, (n: number) => string][] = [
  ["parentheses", (n) => `const x = ${"(".repeat(n)}1${")".repeat(n)}`],
  ["unary minus", (n) => `const x = ${"-".repeat(n)}1`],
  ["if", (n) => `const x = ${"if a then 1 else ".repeat(n)}1`],
  ["calls", (n) => `const x = ${"max(".repeat(n)}1${")".repeat(n)}`],
];
for (const n of [10_000, 100_000]) {
  for (const [name, make] of nestings) {
    const text = make(n);
    const codes = parseSource(text).diagnostics.map((d) => d.code).join(",");
    const t = measure(() => parseSource(text), 3);
    report(`${n.toLocaleString("en-US")} nested ${name}: ${codes}, median ${ms(t.median)}, ratio to lexing ${ratio(t.median, measure(() => lex(text), 3).median)}`);
  }
}

// 4. Settling the main example over its inputs.
const deal = readFileSync(join(root, "examples", "sharon-dsx.tenor"), "utf8");
const inputs = [{ name: "sharon-dsx.inputs.json", text: readFileSync(join(root, "examples", "sharon-dsx.inputs.json"), "utf8") }];
const periods = runSource(deal, inputs).ledger?.periods.length ?? 0;
const settling = measure(() => runSource(deal, inputs));
report(`run examples/sharon-dsx.tenor (${periods} periods, check included): median ${ms(settling.median)}, ratio to lexing it ${ratio(settling.median, measure(() => lex(deal)).median)}`);
