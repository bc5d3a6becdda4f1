/**
 * From per-period bounds to window totals (docs/risk.md "tenor bound"):
 * the most a clause (or one of its pairs) can pay over a set of periods —
 * the term, or one contract year — with its caps and the events' count
 * bounds applied.
 *
 * - Events: a bound `perEvent[k]` per period and `at most N per W` give
 *   at most N × (the largest perEvent in each W window) — all N events
 *   in the period where each pays most; without a count, unbounded.
 * - Caps (docs/language.md §9.3): a payment never takes the window's paid
 *   total above the cap's amount in its period, so a window pays at most
 *   the largest cap amount of its periods (for `over term`, of every period
 *   up to the window's end). A `per period` cap is applied per period
 *   before this (see `capPeriods`).
 */
import { Decimal } from "../../eval/decimal.ts";
import type { Period } from "../../eval/periods.ts";
import type { IrEventLimit } from "../../ir/ir.ts";
import { larger, plus, smaller, sum, times, ZERO, type Amount } from "./amount.ts";
import { emptyPay, type PeriodPay } from "./clause.ts";

/** A clause's cap amounts per period (their tops), per window; null where the clause has no cap of that window. */
export interface CapTops {
  readonly term: readonly Amount[] | null;
  readonly contractYear: readonly Amount[] | null;
  readonly period: readonly Amount[] | null;
}

export interface EventInfo {
  readonly name: string;
  readonly limit?: IrEventLimit;
}

export interface Windows {
  readonly periods: readonly Period[];
  readonly events: readonly EventInfo[];
}

/** The most events of each kind one period can have. */
export function periodCounts(events: readonly EventInfo[]): Amount[] {
  return events.map((e) => (e.limit === undefined ? { unbounded: noCount(e) } : Decimal.ofInt(e.limit.count)));
}

function noCount(e: EventInfo): string {
  return `${e.name} has no declared count (at most N per term, contract_year or period)`;
}

/** The series with a `per period` cap applied in each period: the period's events then count at their most, under the cap. */
export function capPeriods(series: readonly PeriodPay[], caps: CapTops, counts: readonly Amount[]): PeriodPay[] {
  const tops = caps.period;
  if (tops === null) return [...series];
  return series.map((pay, i) => {
    let all = pay.base;
    for (const [k, m] of pay.perEvent) all = plus(all, times(m, counts[k] ?? ZERO));
    return { base: smaller(all, tops[i] ?? ZERO), perEvent: new Map() };
  });
}

/** The most `series` (one entry per period of the term) pays over the periods at `at` (0-based indexes), caps aside. */
export function uncapped(w: Windows, series: readonly PeriodPay[], at: readonly number[]): Amount {
  let total: Amount = sum(at.map((i) => (series[i] ?? emptyPay()).base));
  w.events.forEach((e, k) => {
    const each = at.map((i) => series[i]?.perEvent.get(k) ?? ZERO);
    if (each.every((m) => m instanceof Decimal && m.isZero())) return;
    const limit = e.limit;
    if (limit === undefined) {
      total = plus(total, { unbounded: noCount(e) });
      return;
    }
    const n = Decimal.ofInt(limit.count);
    const groups = limit.per === "period" ? at.map((_, j) => [j]) : limit.per === "term" ? [at.map((_, j) => j)] : byYear(w, at);
    for (const g of groups) total = plus(total, times(n, g.map((j) => each[j]!).reduce(larger, ZERO)));
  });
  return total;
}

/** Positions in `at` grouped by the contract year of their period. */
function byYear(w: Windows, at: readonly number[]): number[][] {
  const groups = new Map<number, number[]>();
  at.forEach((i, j) => {
    const y = w.periods[i]?.contractYear ?? 0;
    const g = groups.get(y);
    if (g === undefined) groups.set(y, [j]);
    else g.push(j);
  });
  return [...groups.values()];
}

/** The most `series` pays over the periods at `at`, under the clause's term and contract-year caps. */
export function capped(w: Windows, series: readonly PeriodPay[], at: readonly number[], caps: CapTops): Amount {
  let most = uncapped(w, series, at);
  if (at.length === 0) return ZERO;
  const last = Math.max(...at);
  if (caps.term !== null) most = smaller(most, topOf(caps.term.slice(0, last + 1)));
  if (caps.contractYear !== null) {
    const years = new Map<number, number[]>();
    for (const i of at) {
      const y = w.periods[i]!.contractYear;
      years.set(y, [...(years.get(y) ?? []), i]);
    }
    const yearTop = caps.contractYear;
    const split = sum([...years.values()].map((inYear) => smaller(topOf(inYear.map((i) => yearTop[i] ?? ZERO)), uncapped(w, series, inYear))));
    most = smaller(most, split);
  }
  return most;
}

/** The largest cap amount among these periods, never below 0. */
function topOf(tops: readonly Amount[]): Amount {
  return tops.reduce(larger, ZERO);
}
