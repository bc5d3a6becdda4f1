/**
 * What the service answers from what it stored: the ledger (the very
 * bytes `tenor run` prints for the same data), one period with its data
 * and traces, and the exposure (paid so far, cap headroom).
 */
import { csvSink, jsonSink, type LedgerSink } from "../ledger/ledger-sink.ts";
import type { LedgerPeriod, LedgerTotal } from "../ledger/ledger.ts";
import { capExposure, type CapExposure } from "../runtime/exposure.ts";
import { readPeriodData } from "../runtime/settle.ts";
import { SERVICE } from "../diagnostics/codes/service.ts";
import { Decimal } from "../eval/decimal.ts";
import type { Queryable } from "./db/database.ts";
import { complete, parseData, rowAndEvents } from "./period-data.ts";
import { Problem, unknownDeal } from "./problem.ts";
import { governing, periodOf, termsOf } from "./settlement.ts";
import { findDeal, paidByClause, periodData, settledPeriod, settledPeriods, storedPeriodCount, versions, type VersionRow } from "./store.ts";

async function dealVersions(db: Queryable, id: string): Promise<VersionRow[]> {
  if ((await findDeal(db, id)) === null) throw unknownDeal(id);
  return versions(db, id);
}

export interface DealInfo {
  readonly id: string;
  readonly title: string;
  readonly currency: string;
  readonly periods: number;
  /** The names of the deal's parties (what keys are bound to). */
  readonly parties: readonly string[];
  readonly stored: number;
  readonly settled: number;
  readonly versions: { readonly version: number; readonly effective: string; readonly irSha256: string }[];
}

export async function dealInfo(db: Queryable, id: string): Promise<DealInfo> {
  const all = await dealVersions(db, id);
  const latest = termsOf(all[all.length - 1]!);
  const settled = await settledPeriods(db, id);
  return {
    id,
    title: latest.header.title,
    currency: latest.program.header.currency.code,
    periods: latest.program.periods.length,
    parties: latest.header.parties.map((p) => p.name),
    stored: await storedPeriodCount(db, id),
    settled: settled.length,
    versions: all.map((v) => ({ version: v.version, effective: v.effectiveStart, irSha256: v.irSha256 })),
  };
}

/**
 * The deal's ledger text, a period at a time: its title and currency are
 * those of the terms that settled the last period, the totals those stored
 * with it. The rows are read (and a missing deal refused) before the first
 * piece, so an answer never starts and then fails.
 */
export async function ledgerPieces(db: Queryable, id: string, format: "json" | "csv", trace: boolean): Promise<Iterable<string>> {
  const all = await dealVersions(db, id);
  const rows = await settledPeriods(db, id);
  const last = rows.at(-1);
  const header = termsOf(last === undefined ? all[0]! : all.find((v) => v.version === last.version)!).program.header;
  return (function* () {
    const pieces: string[] = [];
    const sink: LedgerSink = format === "json" ? jsonSink((t) => pieces.push(t), { trace }) : csvSink((t) => pieces.push(t));
    const flush = function* () {
      yield* pieces;
      pieces.length = 0;
    };
    sink.begin(header.title, header.currency.code);
    yield* flush();
    for (const r of rows) {
      sink.period(JSON.parse(r.periodJson) as LedgerPeriod);
      yield* flush();
    }
    sink.end(last === undefined ? [] : (JSON.parse(last.totalsJson) as LedgerTotal[]));
    yield* flush();
  })();
}

export interface PeriodView {
  readonly index: number;
  readonly start: string;
  readonly end: string;
  /** The data stored for it: the operator's inputs, the counterparty's events (null: none stored yet). */
  readonly data: { readonly inputs: Record<string, unknown>; readonly events: unknown[] | null } | null;
  /** Whether it can be settled: its inputs are stored, and its events when the terms declare any. */
  readonly complete: boolean;
  /** The version of the terms that settled it (or will). */
  readonly version: number;
  /** The ledger period with every line's trace, once settled. */
  readonly ledger: LedgerPeriod | null;
}

export async function periodView(db: Queryable, id: string, start: string): Promise<PeriodView> {
  const all = await dealVersions(db, id);
  const periods = termsOf(all[all.length - 1]!).program.periods;
  const period = periods.find((p) => p.start === start);
  if (period === undefined) throw new Problem(404, SERVICE.unknownPeriod, `${start} is not the start of a period of the deal's term`, { period: start });
  const data = await periodData(db, id, period.index);
  const settled = await settledPeriod(db, id, period.index);
  return {
    index: period.index,
    start: period.start,
    end: period.end,
    data: data === null ? null : parseData(data),
    complete: data !== null && complete(termsOf(governing(all, period.index)), data),
    version: settled?.version ?? governing(all, period.index).version,
    ledger: settled === null ? null : (JSON.parse(settled.periodJson) as LedgerPeriod),
  };
}

export interface Exposure {
  /** Periods settled; the figures are as of the last of them. */
  readonly settled: number;
  readonly asOf: string | null;
  /** Paid so far per clause and payer → payee (line amounts, exact). */
  readonly paid: { readonly clause: string; readonly payer: string; readonly payee: string; readonly amount: string }[];
  readonly caps: CapExposure[];
}

export async function exposure(db: Queryable, id: string): Promise<Exposure> {
  const all = await dealVersions(db, id);
  const rows = await settledPeriods(db, id);
  const last = rows.at(-1);
  if (last === undefined) return { settled: 0, asOf: null, paid: [], caps: [] };
  const v = all.find((x) => x.version === last.version)!;
  const terms = termsOf(v);
  const decimals = terms.program.header.currency.decimals;
  const paid = (await paidByClause(db, id)).map((p) => ({ clause: p.clause, payer: p.payer, payee: p.payee, amount: Decimal.parseExact(p.paid)!.toFixed(decimals) }));
  const period = periodOf(all, last.index)!;
  const data = (await periodData(db, id, last.index))!;
  const { row, events } = rowAndEvents(data);
  const input = readPeriodData(terms, period, row, events);
  return { settled: rows.length, asOf: period.end, paid, caps: capExposure(terms, last.snapshot, input) };
}

