/**
 * The distribution of totals over the scenarios (docs/risk.md "The report"):
 * per clause and per payer → payee pair, the mean and order statistics of
 * the totals, and for a clause with a cap how often and when the cap first
 * cut a payment. Everything is computed from whole minor units and printed
 * as exact money strings; a probability is k / N written to six places.
 *
 * Percentiles are nearest-rank: with the N totals sorted ascending as
 * x(1) ≤ … ≤ x(N), the p-th percentile is x(⌈p·N / 100⌉) (x(1) when that is
 * 0), so every percentile is one of the scenarios' totals.
 */
import { Decimal } from "../../eval/decimal.ts";
import type { PreparedProgram } from "../../runtime/prepare.ts";
import { partyPairs, type ScenarioBatch } from "./scenarios.ts";
import { ticksText } from "./generate.ts";

/** The figures of one distribution of totals, money strings. */
export interface TotalStats {
  readonly mean: string;
  readonly min: string;
  readonly p5: string;
  readonly p50: string;
  readonly p95: string;
  readonly p99: string;
  readonly max: string;
}

export interface CapStats {
  /** Scenarios in which the cap cut a payment (a line with `capped`). */
  readonly scenarios_hit: number;
  /** scenarios_hit / scenarios, to six places (half-even). */
  readonly probability: string;
  /** Over the scenarios that hit it: the period in which the cap first cut a payment; null when none did. */
  readonly first_hit_period: null | {
    /** Nearest-rank median period index, and its start date. */
    readonly median: number;
    readonly median_start: string;
    readonly earliest: number;
    readonly latest: number;
    /** How many scenarios first hit it in each period, periods ascending (periods with none left out). */
    readonly counts: readonly { readonly period: number; readonly start: string; readonly scenarios: number }[];
  };
}

export interface ClauseReport {
  readonly clause: string;
  readonly title: string;
  readonly total: TotalStats;
  /** null for a clause without a cap. */
  readonly cap: CapStats | null;
}

export interface PairReport {
  readonly payer: string;
  readonly payee: string;
  readonly total: TotalStats;
}

/** What `tenor simulate --format json` prints. */
export interface SimulationReport {
  readonly deal: string;
  readonly currency: string;
  readonly scenarios: number;
  readonly seed: number;
  readonly periods: number;
  readonly prng: string;
  readonly clauses: readonly ClauseReport[];
  /** Every pair with a payment in some scenario, payers then payees in the order the parties are declared. */
  readonly pairs: readonly PairReport[];
}

export const PRNG_NAME = "xoshiro128** seeded by splitmix32(seed XOR fmix32(scenario + 1))";

/** The nearest-rank p-th percentile (p a whole number of percent) of ascending values. */
export function percentile<T>(sorted: readonly T[], p: number): T {
  const rank = Math.ceil((p * sorted.length) / 100);
  return sorted[Math.max(rank, 1) - 1]!;
}

const ascending = (a: bigint, b: bigint) => (a < b ? -1 : a > b ? 1 : 0);

function stats(values: bigint[], decimals: number): TotalStats {
  const sorted = [...values].sort(ascending);
  let sum = 0n;
  for (const v of sorted) sum += v;
  const money = (v: bigint) => ticksText(v, decimals);
  const mean = Decimal.parse(ticksText(sum, decimals))!.div(Decimal.ofInt(sorted.length)).toFixed(decimals);
  return {
    mean,
    min: money(sorted[0]!),
    p5: money(percentile(sorted, 5)),
    p50: money(percentile(sorted, 50)),
    p95: money(percentile(sorted, 95)),
    p99: money(percentile(sorted, 99)),
    max: money(sorted[sorted.length - 1]!),
  };
}

function capStats(first: number[], program: PreparedProgram): CapStats {
  const n = first.length;
  const hits = first.filter((p) => p > 0).sort((a, b) => a - b);
  const probability = Decimal.ofInt(hits.length).div(Decimal.ofInt(n)).toFixed(6);
  if (hits.length === 0) return { scenarios_hit: 0, probability, first_hit_period: null };
  const counts = new Map<number, number>();
  for (const h of hits) counts.set(h, (counts.get(h) ?? 0) + 1);
  const median = percentile(hits, 50);
  return {
    scenarios_hit: hits.length,
    probability,
    first_hit_period: {
      median,
      median_start: program.periods[median - 1]!.start,
      earliest: hits[0]!,
      latest: hits[hits.length - 1]!,
      counts: [...counts].map(([period, scenarios]) => ({ period, start: program.periods[period - 1]!.start, scenarios })),
    },
  };
}

/** Joins batches (in any order) into the report of scenarios 0 … N−1. */
export function summarize(program: PreparedProgram, batches: readonly ScenarioBatch[], seed: number): SimulationReport {
  const ordered = [...batches].sort((a, b) => a.from - b.from);
  const n = ordered.reduce((k, b) => k + (b.to - b.from), 0);
  ordered.forEach((b, i) => {
    if (b.from !== (i === 0 ? 0 : ordered[i - 1]!.to)) throw new RangeError(`scenario batches do not join: one starts at ${b.from}`);
  });
  if (n === 0) throw new RangeError("no scenarios to summarize");
  const column = <T>(pick: (b: ScenarioBatch) => T[][], i: number): T[] => ordered.flatMap((b) => pick(b)[i]!);
  const decimals = program.decimals;
  const clauses = program.clauses.map((c, i): ClauseReport => ({
    clause: c.name,
    title: c.title,
    total: stats(column((b) => b.clauseTotals, i), decimals),
    cap: c.capWindows.length === 0 ? null : capStats(column((b) => b.firstCapped, i), program),
  }));
  const pairs: PairReport[] = [];
  partyPairs(program).forEach((pair, i) => {
    const totals = column((b) => b.pairTotals, i);
    if (totals.some((t) => t !== 0n)) pairs.push({ ...pair, total: stats(totals, decimals) });
  });
  return {
    deal: program.header.title,
    currency: program.header.currency.code,
    scenarios: n,
    seed,
    periods: program.periods.length,
    prng: PRNG_NAME,
    clauses,
    pairs,
  };
}
