/**
 * Settling a stored deal, period by period, a batch of periods a
 * transaction: each from the snapshot of the period before, under the
 * version of the terms in force for it. A process killed at any moment
 * leaves every period either settled, with its rows, or not at all; the
 * next settle goes on from there. A settled period is never rewritten.
 *
 * Versions: an amendment governs from its effective period on. At the
 * switch, its caps, streaks and balances are counted as though it had
 * governed from period 1 over the same stored data (the terms "as amended
 * and restated"), while the run's totals stay what was actually paid
 * (docs/service.md "Amendments").
 */
import type { LedgerPeriod } from "../ledger/ledger.ts";
import type { Period } from "../eval/periods.ts";
import { settlePeriod, type PeriodSettlement } from "../runtime/settle.ts";
import type { Snapshot } from "../runtime/snapshot.ts";
import type { Terms } from "../runtime/terms.ts";
import { TenorError } from "../runtime/tenor-error.ts";
import { SERVICE } from "../diagnostics/codes/service.ts";
import type { Database, Queryable } from "./db/database.ts";
import { complete, rowAndEvents } from "./period-data.ts";
import { auditInsert, chainHead, chainRows, entriesOf, type Who } from "./audit.ts";
import { sha256Hex } from "./sha256.ts";
import { Problem, unknownDeal } from "./problem.ts";
import { insertSettled, periodDataRange, settleStart, type PeriodDataRow, type SettledRow, type VersionRow } from "./store.ts";

/** The version in force for period `index`: the latest whose effective period is not after it. */
export function governing(all: readonly VersionRow[], index: number): VersionRow {
  let found = all[0]!;
  for (const v of all) if (v.effectiveIndex <= index) found = v;
  return found;
}

export function termsOf(v: VersionRow): Terms {
  return v.terms;
}

/** Period `index` (1-based) of the deal's term: the latest version's term agrees with every earlier one before its effective period. */
export function periodOf(all: readonly VersionRow[], index: number): Period | undefined {
  return termsOf(all[all.length - 1]!).program.periods[index - 1];
}

/** Where the stored data of a deal comes from when settling: the database, or rows already read (replay). */
export type DataSource = (from: number, to: number) => Promise<PeriodDataRow[]>;

/**
 * Settles period `index` from `before` (the stored period before it; null for
 * period 1) over its stored `data`. Pure given its arguments, so replay
 * recomputes exactly what settling stored.
 */
export async function settleIndex(
  all: readonly VersionRow[],
  index: number,
  data: PeriodDataRow,
  before: Before | null,
  readData: DataSource,
): Promise<{ row: SettledRow; period: LedgerPeriod; state: Snapshot }> {
  const v = governing(all, index);
  const terms = termsOf(v);
  let snapshot: Snapshot | string | null = before === null ? null : (before.state ?? before.snapshot);
  if (before === null ? v.effectiveIndex > 1 || v.version !== governing(all, 1).version : before.version !== v.version) {
    snapshot = await restated(terms, index, before, readData);
  }
  const { row, events } = rowAndEvents(data);
  let settled: PeriodSettlement;
  try {
    settled = settlePeriod(terms, snapshot, row, events);
  } catch (e) {
    if (e instanceof TenorError) throw Problem.fromTenorError(e);
    throw e;
  }
  return {
    row: {
      index,
      version: v.version,
      periodJson: JSON.stringify(settled.period),
      totalsJson: JSON.stringify(settled.totals),
      snapshot: JSON.stringify(settled.snapshot),
    },
    period: settled.period,
    state: settled.snapshot,
  };
}

/**
 * The settled period a period goes on from: as stored (its snapshot's
 * text), and, inside one batch, the snapshot object that text was written
 * from, so it is not parsed back (the same values: parsing its text gives
 * an equal object).
 */
export type Before = Pick<SettledRow, "version" | "snapshot"> & { readonly state?: Snapshot };

/** The state an amendment starts from at period `index`: its own count of periods 1 to index − 1, with the totals actually paid. */
export async function restated(terms: Terms, index: number, before: Before | null, readData: DataSource): Promise<Snapshot | null> {
  if (index === 1) return null;
  const history = await readData(1, index - 1);
  let snapshot: Snapshot | null = null;
  for (const d of history) {
    const { row, events } = rowAndEvents(d);
    try {
      snapshot = settlePeriod(terms, snapshot, row, events, { trace: false }).snapshot;
    } catch (e) {
      if (!(e instanceof TenorError)) throw e;
      throw new Problem(422, e.code, `the amendment cannot count period ${d.index} (${d.start}) under its own terms: ${e.message}`, {
        period: d.start,
        periodIndex: d.index,
      });
    }
  }
  const actual = before === null ? [] : (JSON.parse(before.snapshot) as Snapshot).totals;
  return snapshot === null ? null : { ...snapshot, totals: actual };
}

export interface SettleOutcome {
  /** The periods this call settled, in order. */
  readonly settled: { readonly index: number; readonly start: string }[];
  /** How many periods of the deal are settled now. */
  readonly settledCount: number;
}

/** Periods settled in one transaction: a few statements carry a whole batch (docs/performance.md "Settlement service"). */
export const DEFAULT_SETTLE_BATCH = 500;

/**
 * Settles every period whose data is complete (./period-data.ts `complete`)
 * and that is not settled yet, in order, up to `batch` periods a transaction: a process killed at any moment
 * leaves every period settled with its rows and audit record, or not at
 * all. A run-time error stops it with a Problem naming the period and
 * clause; the periods before it stay settled.
 */
export async function settleDeal(db: Database, dealId: string, who: Who, batch = DEFAULT_SETTLE_BATCH): Promise<SettleOutcome> {
  const settled: { index: number; start: string }[] = [];
  for (;;) {
    const step = await db.transaction(async (tx) => {
      const start = await settleStart(tx, dealId, batch);
      if (start === null) throw unknownDeal(dealId);
      const { all, data } = start;
      const last = start.last?.index ?? 0;
      let before: Before | null = start.last;
      const done: SettledPeriod[] = [];
      let failure: Problem | null = null;
      let waiting = false;
      for (const d of data) {
        // A period waits for its events, and every period after it with it.
        if (!complete(termsOf(governing(all, d.index)), d)) {
          waiting = true;
          break;
        }
        try {
          const next = await settleIndex(all, d.index, d, before, (from, to) => periodDataRange(tx, dealId, from, to));
          done.push({ ...next, start: d.start });
          before = { ...next.row, state: next.state };
        } catch (e) {
          if (!(e instanceof Problem)) throw e;
          failure = e; // the periods before it are kept: stored below, in this transaction
          break;
        }
      }
      if (done.length > 0) {
        const head = await chainHead(tx);
        const records = done.map((p) => ({ action: "settle", detail: { period: p.row.index, start: p.start, version: p.row.version, periodSha256: sha256Hex(p.row.periodJson) } }));
        await insertSettled(tx, dealId, done, chainRows(head, entriesOf(who, dealId, records)), auditInsert);
      }
      return { last, done, full: data.length === batch && !waiting, failure };
    });
    for (const p of step.done) settled.push({ index: p.row.index, start: p.start });
    if (step.failure !== null) throw step.failure;
    if (!step.full) return { settled, settledCount: step.last + step.done.length };
    // PGlite answers within microtasks, never yielding to the event loop: without this, settling a long deal
    // on the embedded database would hold off every other request (and the job queue's timers) until it ends.
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}

interface SettledPeriod {
  readonly row: SettledRow;
  readonly period: LedgerPeriod;
  readonly start: string;
}

export type { Queryable };
