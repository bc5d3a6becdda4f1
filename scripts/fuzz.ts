/**
 * `npm run fuzz -- --seconds N [--seed S] [--out DIR]`: throws random text,
 * token soup, mutated and generated term sheets at the parser, checker,
 * formatter and interpreter, and random or mutated inputs files at the
 * inputs loader (issue 4). Anything but a diagnostic or a typed input
 * error is a failure (scripts/fuzz/run-case.ts), and so is a case that
 * runs longer than 2 s; each failure is saved as a reproducer in
 * fuzz-failures/ (see its README). The last line is exactly
 * `fuzz: N cases, M failures`; the exit code is 0 only when M is 0.
 *
 * Cases are a pure function of (seed, index) and the term sheets already in
 * the project (examples/, test/cases/, the shared acceptance deals, which
 * mutations start from): the default seed is 1, so a plain run on one
 * checkout is repeatable; `--case I` reruns one case, `--replay FILE` a
 * saved reproducer (which holds the whole case), each under the same clock.
 * Options: --seconds N (default 10), --seed S, --workers W (default: one
 * per core, at most 4), --slow-ms MS (default 2000), --out DIR.
 *
 * The cases run in a worker thread; this process only watches the clock,
 * so it can stop a case that hangs (and restart the worker after it).
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import type { FuzzCase } from "./fuzz/cases.ts";
import type { WorkerInput, WorkerMessage } from "./fuzz/worker.ts";

const root = resolve(fileURLToPath(new URL("..", import.meta.url)));

interface Options {
  readonly seconds: number;
  readonly seed: number;
  readonly out: string;
  readonly slowMs: number;
  readonly workers: number;
  readonly caseIndex: number | null;
  readonly replay: string | null;
}

function parseArgs(argv: readonly string[]): Options {
  const value = (name: string) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const number = (name: string, fallback: number) => {
    const v = value(name);
    if (v === undefined) return fallback;
    const n = Number(v);
    if (!Number.isFinite(n) || n < 0) throw new Error(`${name} needs a number, got ${v}`);
    return n;
  };
  return {
    seconds: number("--seconds", 10),
    seed: number("--seed", 1) >>> 0,
    out: resolve(value("--out") ?? join(root, "fuzz-failures")),
    slowMs: number("--slow-ms", 2000),
    // One worker per core (up to 4): this process only watches the clock.
    workers: Math.max(1, Math.floor(number("--workers", Math.min(4, availableParallelism())))),
    caseIndex: value("--case") === undefined ? null : number("--case", 0),
    replay: value("--replay") ?? null,
  };
}

/** A saved reproducer: the case itself, how it failed, and how to rebuild it. */
interface Reproducer extends FuzzCase {
  readonly seed: number;
  readonly index: number;
  readonly reason: string;
}

function save(options: Options, index: number, c: FuzzCase, reason: string): string {
  mkdirSync(options.out, { recursive: true });
  const path = join(options.out, `${options.seed}-${index}-${c.kind}.json`);
  const reproducer: Reproducer = { seed: options.seed, index, reason, ...c };
  writeFileSync(path, JSON.stringify(reproducer, null, 2) + "\n");
  return path;
}

/**
 * Runs one case (for --case and --replay) in a worker, with the same clock
 * as a fuzzing run, so a case that hangs is reported rather than hanging
 * this command. Prints what happens; returns the reason it failed, or null.
 */
async function runOnce(options: Options, c: FuzzCase, label: string): Promise<string | null> {
  const shared = new SharedArrayBuffer(12);
  const state = new Int32Array(shared);
  state[0] = -1;
  const input: WorkerInput = { root, seed: options.seed, from: 0, step: 1, shared, slowMs: options.slowMs, only: c };
  const worker = new Worker(new URL("./fuzz/worker.mjs", import.meta.url), { workerData: input, resourceLimits: { maxOldGenerationSizeMb: 2048 } });
  const t0 = performance.now();
  const reason = await new Promise<string | null>((done) => {
    let failure: string | null = null;
    let startedAt = -1;
    const timer = setInterval(() => {
      if (startedAt < 0 && Atomics.load(state, 0) === 0) startedAt = performance.now();
      if (startedAt >= 0 && performance.now() - startedAt > options.slowMs) {
        clearInterval(timer);
        void worker.terminate();
        done(`hang: no result after ${options.slowMs} ms`);
      }
    }, 25);
    worker.on("message", (m: WorkerMessage) => {
      if (m.type === "failure") failure = m.reason;
      else {
        clearInterval(timer);
        done(failure);
      }
    });
    worker.on("error", (e) => {
      clearInterval(timer);
      done(`worker crashed: ${e instanceof Error ? e.message : String(e)}`);
    });
  });
  console.log(`${label} (${c.kind}, ${c.source.length} chars, ${c.files.length} input files): ${reason ?? "ok"} (${(performance.now() - t0).toFixed(0)} ms with start-up)`);
  return reason;
}

async function main(): Promise<number> {
  const options = parseArgs(process.argv.slice(2));
  if (options.replay !== null) {
    const r = JSON.parse(readFileSync(options.replay, "utf8")) as Reproducer;
    const failed = (await runOnce(options, { kind: r.kind, source: r.source, files: r.files }, `replay ${options.replay}`)) !== null;
    console.log(`fuzz: 1 cases, ${failed ? 1 : 0} failures`);
    return failed ? 1 : 0;
  }
  if (options.caseIndex !== null) {
    const { fuzzCase, loadCorpus, samplePool } = await import("./fuzz/cases.ts");
    const c = fuzzCase(options.seed, options.caseIndex, samplePool(options.seed, loadCorpus(root)));
    const reason = await runOnce(options, c, `case ${options.caseIndex} of seed ${options.seed}`);
    if (reason !== null) console.log(`saved ${save(options, options.caseIndex, c, reason)}`);
    console.log(`fuzz: 1 cases, ${reason !== null ? 1 : 0} failures`);
    return reason !== null ? 1 : 0;
  }
  return supervise(options);
}

/** Runs the lanes (one worker each) until the time is up; prints the summary. */
async function supervise(options: Options): Promise<number> {
  console.log(`fuzz: seed ${options.seed}, ${options.seconds} s, ${options.workers} workers; ` +
    `rerun a case with --seed ${options.seed} --case N; reproducers go to ${options.out}`);
  const clock: Clock = { started: performance.now(), deadline: Infinity, fuzzing: 0, failures: 0 };
  const counts = await Promise.all(Array.from({ length: options.workers }, (_, lane) => runLane(options, clock, lane)));
  const cases = counts.reduce((a, b) => a + b, 0);
  const seconds = clock.fuzzing / 1000 / options.workers;
  console.log(`fuzz: ${cases} cases in ${seconds.toFixed(1)} s of fuzzing (${(cases / Math.max(seconds, 0.001)).toFixed(0)} cases/s)`);
  console.log(`fuzz: ${cases} cases, ${clock.failures} failures`);
  return clock.failures === 0 ? 0 : 1;
}

interface Clock {
  readonly started: number;
  /** Set when the first worker is ready: module loading is not fuzzing time. */
  deadline: number;
  /** Milliseconds of fuzzing, summed over lanes. */
  fuzzing: number;
  failures: number;
}

/**
 * Lane `lane` runs cases lane, lane + W, lane + 2W, … in a worker; after a
 * hang or a crash it records the case and starts a new worker at the next.
 * Returns how many cases it ran.
 */
async function runLane(options: Options, clock: Clock, lane: number): Promise<number> {
  let cases = 0;
  let from = lane;
  const step = options.workers;
  const reported = new Set<number>();
  const fail = async (index: number, reason: string, c?: FuzzCase) => {
    // A slow case can be reported by the worker (slow) and by the clock (hang): count it once.
    if (reported.has(index)) return;
    reported.add(index);
    clock.failures++;
    let known = c;
    if (known === undefined) {
      const { fuzzCase, loadCorpus, samplePool } = await import("./fuzz/cases.ts");
      known = fuzzCase(options.seed, index, samplePool(options.seed, loadCorpus(root)));
    }
    const path = save(options, index, known, reason);
    console.log(`FAIL case ${index} (${known.kind}): ${reason.split("\n")[0]} -> ${path}`);
  };

  while (performance.now() < clock.deadline) {
    const shared = new SharedArrayBuffer(12);
    const state = new Int32Array(shared);
    state[0] = -1;
    const input: WorkerInput = { root, seed: options.seed, from, step, shared, slowMs: options.slowMs };
    const worker = new Worker(new URL("./fuzz/worker.mjs", import.meta.url), {
      workerData: input,
      // A case that exhausts memory kills this worker, not the fuzzer.
      resourceLimits: { maxOldGenerationSizeMb: 2048 },
    });
    const pending: Promise<void>[] = [];
    const outcome = await new Promise<{ next: number; lost: number | null; why?: string }>((done) => {
      let last = -1;
      let lastChange = performance.now();
      let readyAt = -1;
      const finish = (result: { next: number; lost: number | null; why?: string }) => {
        clearInterval(timer);
        if (readyAt >= 0) clock.fuzzing += performance.now() - readyAt;
        done(result);
      };
      const timer = setInterval(() => {
        const now = performance.now();
        if (readyAt < 0 && Atomics.load(state, 2) === 1) {
          readyAt = now;
          if (clock.deadline === Infinity) {
            clock.deadline = now + options.seconds * 1000;
            console.log(`fuzz: first worker ready after ${((now - clock.started) / 1000).toFixed(1)} s`);
          }
        }
        const current = Atomics.load(state, 0);
        if (current !== last) {
          last = current;
          lastChange = now;
        } else if (current >= 0 && now - lastChange > options.slowMs) {
          // Still on the same case: a hang. Stop the worker; the case is lost with it.
          void worker.terminate();
          finish({ next: current + step, lost: current, why: `hang: no result after ${options.slowMs} ms` });
          return;
        }
        if (now >= clock.deadline) Atomics.store(state, 1, 1);
      }, 25);
      worker.on("message", (m: WorkerMessage) => {
        if (m.type === "failure") pending.push(fail(m.index, m.reason, m.case ?? undefined));
        else finish({ next: m.next, lost: null });
      });
      worker.on("error", (e) => {
        const why = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
        if (readyAt < 0 || Atomics.load(state, 0) < 0) {
          // Not one case's fault: the worker could not even start (a broken module, say). Stop the lane.
          clearInterval(timer);
          console.log(`fuzz: the worker could not start: ${why}`);
          clock.failures++;
          clock.deadline = 0;
          done({ next: from, lost: null });
          return;
        }
        const current = Math.max(Atomics.load(state, 0), from);
        finish({ next: current + step, lost: current, why: `worker crashed: ${why}` });
      });
    });
    await Promise.all(pending);
    cases += (outcome.next - from) / step;
    if (outcome.lost !== null) await fail(outcome.lost, outcome.why ?? "lost");
    from = outcome.next;
    if (outcome.lost === null) break;
  }
  return cases;
}

process.exitCode = await main();
