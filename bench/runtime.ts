/**
 * The runtime against the same deal written by hand on big.js
 * (hand-written.ts), in one process: both settle the same 120 monthly
 * periods from the same inputs object to equal ledgers, alternately, many
 * times; the ratio of medians is the runtime's overhead.
 *
 * Each runtime settlement uses terms loaded afresh (outside the timing), so
 * values the runtime remembers per program (prepare-expr.ts period memos)
 * are computed within the run, as for a deal settled once, never carried
 * over from an earlier iteration.
 */
import { compileSource } from "../src/api.ts";
import { artifactText } from "../src/compile/artifact.ts";
import { loadTerms } from "../src/runtime/load-terms.ts";
import { prepareProgram } from "../src/runtime/prepare.ts";
import { settle } from "../src/runtime/settle.ts";
import type { Terms } from "../src/runtime/terms.ts";
import { BENCH_DEAL, settleByHand } from "./hand-written.ts";
import { settleInCents } from "./hand-written-cents.ts";
import type { BenchRow } from "./hand-written.ts";
import { dealInputs } from "./portfolio.ts";

export interface RuntimeFigures {
  readonly handMs: number;
  /** The same deal by hand on integer cents in BigInt (hand-written-cents.ts): the limit row. */
  readonly centsMs: number;
  /** The runtime without the scaled-integer fast path (`fastPath: false`). */
  readonly noFastMs: number;
  readonly runtimeMs: number;
  readonly tracedMs: number;
  /** The runtime without its period memos (prepare.ts `periodMemos: false`): the engine's own overhead. */
  readonly noMemoMs: number;
  readonly loadMs: number;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export function measureRuntime(rounds = 40, perRound = 10): RuntimeFigures {
  const compiled = compileSource(BENCH_DEAL).value;
  if (compiled === null) throw new Error("the bench deal does not compile");
  const artifact = artifactText(compiled);
  const inputs = JSON.parse(dealInputs(0)) as { periods: BenchRow[] };
  const fresh = (memos = true, fastPath = true): Terms => {
    const terms = loadTerms(artifact, { fastPath });
    return memos ? terms : { ...terms, program: prepareProgram(terms.program.ir, { periodMemos: false }) };
  };

  const byHand = settleByHand(inputs.periods);
  const byRuntime = settle(fresh(), inputs, { trace: false });
  if (JSON.stringify(byHand) !== JSON.stringify(byRuntime)) throw new Error("the hand-written deal and the runtime disagree");
  if (JSON.stringify(settle(fresh(false), inputs, { trace: false })) !== JSON.stringify(byRuntime)) throw new Error("period memos change the ledger");
  if (JSON.stringify(settleInCents(inputs.periods)) !== JSON.stringify(byHand)) throw new Error("the integer-cents deal and the big.js deal disagree");
  if (JSON.stringify(settle(fresh(true, false), inputs)) !== JSON.stringify(settle(fresh(), inputs))) throw new Error("the fast path changes the ledger");
  if (!byHand.periods.some((p) => p.lines.some((l) => l.capped))) throw new Error("the bench inputs never reach the cap");

  /** Milliseconds per call of `f` on each of `perRound` fresh terms. */
  const time = (make: () => Terms | null, f: (t: Terms | null) => unknown) => {
    const terms = Array.from({ length: perRound }, make);
    const t0 = performance.now();
    for (const t of terms) f(t);
    return (performance.now() - t0) / perRound;
  };
  const hand: number[] = [];
  const cents: number[] = [];
  const noFast: number[] = [];
  const runtime: number[] = [];
  const traced: number[] = [];
  const noMemo: number[] = [];
  const load: number[] = [];
  // Warm up both, then alternate so that drift in the machine's load hits both alike.
  for (let i = 0; i < 20; i++) {
    settleByHand(inputs.periods);
    settle(fresh(), inputs, { trace: false });
    settle(fresh(), inputs);
    settle(fresh(false), inputs, { trace: false });
    settleInCents(inputs.periods);
    settle(fresh(true, false), inputs, { trace: false });
  }
  for (let round = 0; round < rounds; round++) {
    hand.push(time(() => null, () => settleByHand(inputs.periods)));
    cents.push(time(() => null, () => settleInCents(inputs.periods)));
    noFast.push(time(() => fresh(true, false), (t) => settle(t!, inputs, { trace: false })));
    runtime.push(time(() => fresh(), (t) => settle(t!, inputs, { trace: false })));
    traced.push(time(() => fresh(), (t) => settle(t!, inputs)));
    noMemo.push(time(() => fresh(false), (t) => settle(t!, inputs, { trace: false })));
    load.push(time(() => null, () => loadTerms(artifact)));
  }
  return { handMs: median(hand), centsMs: median(cents), noFastMs: median(noFast), runtimeMs: median(runtime), tracedMs: median(traced), noMemoMs: median(noMemo), loadMs: median(load) };
}

/** Milliseconds per deal for the hand-written code over `count` different deals' inputs: the baseline for a portfolio on big.js. */
export function measureHandPortfolio(count: number): number {
  const all = Array.from({ length: count }, (_, i) => (JSON.parse(dealInputs(i)) as { periods: BenchRow[] }).periods);
  for (let i = 0; i < Math.min(50, count); i++) settleByHand(all[i]!);
  const t0 = performance.now();
  for (const rows of all) settleByHand(rows);
  return (performance.now() - t0) / count;
}
