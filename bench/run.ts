/**
 * `npm run bench`: how fast Tenor checks and settles, as times and as
 * ratios against a baseline measured in the same process (lexing the same
 * text; the same deal written by hand on big.js), so runs on busy or
 * different machines stay comparable.
 *
 * Targets (issue 2): a 5,000-clause sheet checks in under 2 s, CLI start-up
 * included; 10,000-deep nesting gives a limit diagnostic, never a crash.
 * Targets (issue 3): the runtime settles a deal in at most 1.3× the time of
 * the same deal written by hand on big.js; 10,000 compiled deals × 120
 * periods settle in at most 10 s on two cores (worker threads).
 *
 * Target (issue 10): periods settled through the HTTP service (`tenor
 * serve`, embedded database) cost at most 3× `settlePeriod` in process.
 *
 * `npm run bench -- runtime portfolio` runs only the sections named
 * (check, cli, nesting, run, runtime, portfolio, service).
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { lex } from "../grammar/lexer.ts";
import { checkSource, runSource } from "../src/api.ts";
import { nodeHost } from "../src/modules/node-host.ts";
import { parseSource } from "../src/syntax/parse.ts";
import { findTooDeepInText } from "../grammar/nesting.ts";
import { DEFAULT_LIMITS } from "../src/limits.ts";
import { deepIfs } from "./nesting-cold.ts";
import { bigSheet } from "./big-sheet.ts";
import { measureCheckSizes } from "./check-sizes.ts";
import { measure, ms, ratio } from "./measure.ts";
import { settleMany } from "../src/cli/portfolio/pool.ts";
import { portfolio } from "./portfolio.ts";
import { measureHandPortfolio, measureRuntime } from "./runtime.ts";
import { measureService } from "./service.ts";
import { measureSimulate } from "./simulate.ts";
// @ts-expect-error: a plain JS build script without type declarations
import { buildWorker } from "../scripts/build-cli.mjs";

const root = join(import.meta.dirname, "..");
const only = process.argv.slice(2).filter((a) => !a.startsWith("-"));
const wanted = (section: string) => only.length === 0 || only.includes(section);
const lines: string[] = [];
const report = (line: string) => {
  lines.push(line);
  console.log(line);
};

// 1. Checking a 5,000-clause sheet, against lexing it.
const sheet = bigSheet(5000);
if (wanted("check")) {
const lexing = measure(() => lex(sheet));
const checking = measure(() => checkSource(sheet));
report(`check 5,000 clauses (${(sheet.length / 1024).toFixed(0)} KiB): first ${ms(checking.first)}, median ${ms(checking.median)}; ` +
  `lexing alone ${ms(lexing.median)}; ratio ${ratio(checking.median, lexing.median)} (target: < 2000 ms)`);
// Issue 17: 500 to 20,000 clauses, linear; start-up against bare node.
measureCheckSizes(root, report);

}

// 2. The same through the CLI, start-up included (the bundle is built by `npm install`).
if (wanted("cli")) {
const dir = mkdtempSync(join(tmpdir(), "tenor-bench-"));
const file = join(dir, "big.tenor");
writeFileSync(file, sheet);
const cli = measure(() => spawnSync(process.execPath, [join(root, "bin", "tenor.mjs"), "check", file]), 3);
const startup = measure(() => spawnSync(process.execPath, [join(root, "bin", "tenor.mjs"), "--version"]), 3);
report(`tenor check on the 5,000-clause file: median ${ms(cli.median)} wall (start-up alone ${ms(startup.median)}; target: < 2000 ms)`);

}

// 3. Nesting limits: a diagnostic, fast, for every kind of deep nesting.
if (wanted("nesting")) {
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
// Issue 19: 100,000 nested `if`s with a condition each (3.7 MB) get the limit error in under 50 ms.
// Cold: one call in a fresh process (bench/nesting-cold.ts), as `tenor check` meets the file; warm: in this one.
{
  const text = deepIfs(100_000);
  const size = `${(text.length / 1e6).toFixed(1)} MB`;
  for (const what of ["guard", "parse"] as const) {
    const runs = Array.from({ length: 7 }, () => {
      const child = spawnSync(process.execPath, [...process.execArgv, join(root, "bench", "nesting-cold.ts"), what], { encoding: "utf8" });
      if (child.status !== 0) throw new Error(`bench/nesting-cold.ts ${what}: ${child.stderr}`);
      return JSON.parse(child.stdout) as { ms: number; cpuMs: number; codes: string[]; at: number[] };
    });
    const wall = runs.map((r) => r.ms).sort((a, b) => a - b);
    const cpu = runs.map((r) => r.cpuMs).sort((a, b) => a - b);
    const found = `${runs[0]!.codes.join(",")} at ${runs[0]!.at.join(",")}`;
    const warm = what === "guard" ? measure(() => findTooDeepInText(text, DEFAULT_LIMITS.maxDepth), 5) : measure(() => parseSource(text), 5);
    const name = what === "guard" ? "nesting guard (findTooDeepInText)" : "parseSource to the limit error";
    report(`100,000 nested if with conditions (${size}), ${name}: ${found}; cold median ${ms(wall[3]!)} wall (max ${ms(wall[6]!)}), ` +
      `median ${ms(cpu[3]!)} CPU; warm median ${ms(warm.median)} (target: < 50 ms)`);
  }
}

}

// 4. Settling the main example over its inputs.
if (wanted("run")) {
const deal = readFileSync(join(root, "examples", "sharon-dsx.tenor"), "utf8");
const inputs = [{ name: "sharon-dsx.inputs.json", text: readFileSync(join(root, "examples", "sharon-dsx.inputs.json"), "utf8") }];
// The example imports its clauses from stdlib/: served from the disk, as by the CLI.
const options = { modules: nodeHost(join(root, "examples", "sharon-dsx.tenor"), (p) => readFileSync(p, "utf8")) };
const periods = runSource(deal, inputs, options).ledger?.periods.length ?? 0;
const settling = measure(() => runSource(deal, inputs, options));
report(`run examples/sharon-dsx.tenor (${periods} periods, check included): median ${ms(settling.median)}, ratio to lexing it ${ratio(settling.median, measure(() => lex(deal)).median)}`);
}

// 5. The runtime against the same deal written by hand on big.js (bench/hand-written.ts).
if (wanted("runtime")) {
  const f = measureRuntime();
  report(`runtime vs hand-written big.js, 120 monthly periods: hand ${ms(f.handMs)}, runtime ${ms(f.runtimeMs)} ` +
    `(ratio ${ratio(f.runtimeMs, f.handMs)}; target <= 1.30x); with traces ${ms(f.tracedMs)} (${ratio(f.tracedMs, f.handMs)}); ` +
    `without period memos ${ms(f.noMemoMs)} (${ratio(f.noMemoMs, f.handMs)}); ` +
    `loadTerms (verify + prepare) ${ms(f.loadMs)}`);
  // Issue 17: one process, one set of rows; every ratio against big.js by hand, and the runtime against the integer-cents limit.
  report(`runtime vs hand-written, ratios to big.js by hand (issue 17): big.js by hand 1.00x (${ms(f.handMs)}); ` +
    `integer cents by hand ${ratio(f.centsMs, f.handMs)} (${ms(f.centsMs)}); Tenor fast path on ${ratio(f.runtimeMs, f.handMs)}; ` +
    `fast path off ${ratio(f.noFastMs, f.handMs)} (${ms(f.noFastMs)}); runtime / integer cents ${ratio(f.runtimeMs, f.centsMs)} (target <= 2.00x)`);
}

// 6. A portfolio: 10,000 compiled deals x 120 periods on worker threads (tenor settle-many's engine).
if (wanted("portfolio")) {
  await buildWorker(); // the workers run the bundled runtime, as the installed CLI does
  const count = 10_000;
  const { jobs, dir, builtSeconds } = portfolio(count);
  if (builtSeconds > 0) report(`portfolio: compiled ${count.toLocaleString("en-US")} deals and wrote their inputs to ${dir} in ${builtSeconds.toFixed(1)} s (reused next time)`);
  // The baseline: the hand-written code on big.js over the same kind of data, in this process (inputs already parsed).
  const handMs = measureHandPortfolio(1000);
  report(`portfolio baseline: hand-written big.js ${ms(handMs)} per deal, so ${count.toLocaleString("en-US")} deals take ${(handMs * count / 2000).toFixed(1)} s on 2 fully available cores`);
  for (const [workers, trace] of [[1, false], [2, false], [2, true]] as const) {
    const cpu0 = process.cpuUsage(); // all threads of this process
    const run = await settleMany(jobs, { workers, trace, digest: trace });
    const cpu = process.cpuUsage(cpu0);
    const failed = run.results.filter((r) => !r.ok);
    if (failed.length > 0) throw new Error(`${failed.length} deals failed, e.g. ${JSON.stringify(failed[0])}`);
    const periods = run.results.reduce((n, r) => n + r.periods, 0);
    const cpuSeconds = (cpu.user + cpu.system) / 1e6;
    report(`portfolio ${count.toLocaleString("en-US")} deals x 120 periods (${periods.toLocaleString("en-US")} periods), ${workers} worker${workers === 1 ? "" : "s"}` +
      `${trace ? ", ledgers with traces serialized and hashed" : ""}: ${run.seconds.toFixed(2)} s wall, ${Math.round(count / run.seconds)} deals/s; ` +
      `${cpuSeconds.toFixed(1)} CPU-s (${(cpuSeconds * 1000 / count).toFixed(2)} ms a deal; ${(cpuSeconds / Math.min(workers, 2)).toFixed(1)} s on ${Math.min(workers, 2)} free core${workers === 1 ? "" : "s"}) (target: <= 2 s on 2 workers, issue 17)`);
  }
  // Issue 17: the peak memory of `tenor settle-many` itself on this portfolio (GNU time's maximum resident set, all threads).
  if (existsSync("/usr/bin/time")) {
    const child = spawnSync("/usr/bin/time", ["-f", "%M %e", process.execPath, join(root, "bin", "tenor.mjs"), "settle-many", dir, "--workers", "2"], { encoding: "utf8", maxBuffer: 1 << 28 });
    const [kb, wall] = (child.stderr.trim().split("\n").at(-1) ?? "").split(" ");
    report(`tenor settle-many on the portfolio, 2 workers, ledgers not written: exit ${child.status}, ${wall} s wall, peak memory ${(Number(kb) / 1024).toFixed(0)} MiB (maximum resident set)`);
  }
}

// 7. The settlement service: periods through HTTP + storage (tenor serve on PGlite) against settlePeriod in process (bench/service.ts).
if (wanted("service")) {
  const f = await measureService(20);
  const rate = (x: number) => `${Math.round(x).toLocaleString("en-US")} periods/s`;
  // The cost of a period through the service in units of its cost in process: the "overhead", target <= 3x.
  const cost = (x: number) => `HTTP/in-process ${(x / f.inProcess).toFixed(4)}, a period costs ${(f.inProcess / x).toFixed(0)}x ` +
    `(target <= 3x: ${f.inProcess / x <= 3 ? "met" : "NOT met"})`;
  report(`service, ${f.deals} deals x ${f.periodsPerDeal} periods (examples/sharon-dsx, tenor serve on embedded PGlite, traces on): ` +
    `in-process settlePeriod ${rate(f.inProcess)} (${f.inProcessCpuUs.toFixed(0)} µs of CPU a period)`);
  const cpu = (us: number) => `server CPU ${us.toFixed(0)} µs a period (${(us / f.inProcessCpuUs).toFixed(0)}x the in-process CPU)`;
  report(`service (a) settle only, data PUT first: ${rate(f.settleOnly)}; ${cost(f.settleOnly)}; ${cpu(f.settleOnlyCpuUs)}; the PUTs alone ${Math.round(f.putOnly)} requests/s`);
  report(`service (b) two PUTs (inputs, events) + one settle per period: ${rate(f.putAndSettle)}; ${cost(f.putAndSettle)}; ${cpu(f.putAndSettleCpuUs)}; ` +
    `median PUTs ${ms(f.putMs)}, settle ${ms(f.settleMs)}; server CPU ${f.serverCpuSeconds.toFixed(1)} s in ${f.httpSeconds.toFixed(1)} s of requests`);
}

// 8. tenor simulate: scenarios of the bench deal (120 periods) per second, in process and on the pool, against the hand-written deal (bench/simulate.ts).
if (wanted("simulate")) {
  await buildWorker();
  const f = await measureSimulate();
  const rate = (x: number) => `${Math.round(x).toLocaleString("en-US")} scenarios/s`;
  report(`simulate, bench deal x 120 periods: in process ${rate(f.inProcessPerSecond)}; hand-written big.js on the same data ${rate(f.handPerSecond)} ` +
    `(runtime/hand ${(f.handPerSecond / f.inProcessPerSecond).toFixed(2)}x the time); generating the data alone ${rate(f.generatePerSecond)}; buyback cap hit in ${f.capHit} of scenarios`);
  for (const p of f.pool) {
    const projected = (100_000 / p.scenarios) * p.seconds;
    report(`simulate on the pool, ${p.workers} worker${p.workers === 1 ? "" : "s"}: ${p.scenarios.toLocaleString("en-US")} scenarios in ${p.seconds.toFixed(2)} s wall ` +
      `(${rate(p.scenarios / p.seconds)}; ${p.cpuSeconds.toFixed(1)} CPU-s)` +
      (p.workers === 2 ? `; 100,000 scenarios ${projected <= 60 ? "meet" : "do NOT meet"} the target (< 60 s on 2 cores): ${projected.toFixed(1)} s` : ""));
  }
}
