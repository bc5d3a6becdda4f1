/**
 * The fuzzing loop, in a worker thread so the supervisor (scripts/fuzz.ts)
 * can stop a case that hangs. It publishes the index of the case it is
 * running in shared memory (the supervisor watches it from outside) and
 * posts a message for every failure, then a final count.
 */
import { performance } from "node:perf_hooks";
import { parentPort, workerData } from "node:worker_threads";
import { fuzzCase, loadCorpus, samplePool } from "./cases.ts";
import type { FuzzCase } from "./cases.ts";
import { loadFormatter, runCase } from "./run-case.ts";

export interface WorkerInput {
  readonly root: string;
  readonly seed: number;
  /** First case index to run, and the step to the next (one lane of several workers). */
  readonly from: number;
  readonly step: number;
  /** [0]: case running (-1 before the first), [1]: 1 when the supervisor asks to stop, [2]: 1 once ready. */
  readonly shared: SharedArrayBuffer;
  /** A case slower than this, even if it ends, is a failure. */
  readonly slowMs: number;
  /** Run only this case (a replay), then stop. */
  readonly only?: FuzzCase;
}

export type WorkerMessage =
  | { readonly type: "failure"; readonly index: number; readonly reason: string; readonly case: FuzzCase | null }
  | { readonly type: "done"; readonly next: number };

const input = workerData as WorkerInput;
const state = new Int32Array(input.shared);
const pool = input.only === undefined ? samplePool(input.seed, loadCorpus(input.root)) : [];
const format = await loadFormatter();
const post = (m: WorkerMessage) => parentPort!.postMessage(m);

/** Runs case `index`; the reason it failed, or null. */
function attempt(index: number): { reason: string | null; case: FuzzCase | null } {
  let c: FuzzCase | null = null;
  try {
    c = input.only ?? fuzzCase(input.seed, index, pool);
    return { reason: runCase(c, format), case: c };
  } catch (e) {
    return { reason: `threw ${e instanceof Error ? `${e.name}: ${e.message}\n${e.stack ?? ""}` : String(e)}`, case: c };
  }
}

// Chevrotain builds an Error per recognition exception; stack traces are most
// of that cost, so they are off while fuzzing and on again to rerun a failure.
const stackTraceLimit = Error.stackTraceLimit;
Error.stackTraceLimit = 0;
Atomics.store(state, 2, 1);
let index = input.from;
while (Atomics.load(state, 1) === 0) {
  Atomics.store(state, 0, index);
  const t0 = performance.now();
  let result = attempt(index);
  const ms = performance.now() - t0;
  if (result.reason === null && ms > input.slowMs) result = { ...result, reason: `slow: took ${ms.toFixed(0)} ms (limit ${input.slowMs} ms)` };
  if (result.reason !== null && result.reason.startsWith("threw")) {
    Error.stackTraceLimit = stackTraceLimit;
    result = attempt(index);
    Error.stackTraceLimit = 0;
  }
  if (result.reason !== null) post({ type: "failure", index, reason: result.reason, case: result.case });
  index += input.step;
  if (input.only !== undefined) break;
}
post({ type: "done", next: index });
