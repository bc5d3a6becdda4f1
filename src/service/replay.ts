/**
 * Audit: re-settles every settled period of a deal from its stored
 * artifacts and data, as settling did, and compares each with what was
 * stored — the ledger period, the totals, the snapshot and the ledger rows,
 * byte for byte. Reads only; changes nothing.
 */
import type { Queryable } from "./db/database.ts";
import { settleIndex } from "./settlement.ts";
import { findDeal, ledgerRows, periodDataRange, settledPeriods, storedLedgerRows, versions, type SettledRow } from "./store.ts";
import { Problem, unknownDeal } from "./problem.ts";
import { SERVICE } from "../diagnostics/codes/service.ts";
import { Decimal } from "../eval/decimal.ts";

export interface ReplayReport {
  readonly deal: string;
  /** Periods compared. */
  readonly periods: number;
  /** True when every stored period equals its re-settlement. */
  readonly identical: boolean;
  /** The periods that differ, and in what. */
  readonly differences: { readonly index: number; readonly start: string; readonly what: readonly string[] }[];
}

export async function replayDeal(db: Queryable, id: string): Promise<ReplayReport> {
  if ((await findDeal(db, id)) === null) throw unknownDeal(id);
  const all = await versions(db, id);
  const stored = await settledPeriods(db, id);
  const data = await periodDataRange(db, id, 1, stored.length);
  const differences: ReplayReport["differences"][number][] = [];
  let before: SettledRow | null = null;
  for (const [i, was] of stored.entries()) {
    const d = data[i]!;
    const again = await settleIndex(all, i + 1, d, before, async (from, to) => data.slice(from - 1, to));
    const what: string[] = [];
    if (again.row.version !== was.version) what.push(`version ${was.version} stored, ${again.row.version} now`);
    if (again.row.periodJson !== was.periodJson) what.push("ledger period");
    if (again.row.totalsJson !== was.totalsJson) what.push("totals");
    if (again.row.snapshot !== was.snapshot) what.push("snapshot");
    if (!sameRows(ledgerRows(again.period), await storedLedgerRows(db, id, i + 1))) what.push("ledger rows");
    if (what.length > 0) differences.push({ index: i + 1, start: d.start, what });
    // Go on from what was stored, as settling did: each period is judged on its own.
    before = was;
  }
  return { deal: id, periods: stored.length, identical: differences.length === 0, differences };
}

/** Rows equal field by field; numbers compared as exact decimals (Postgres may print `1800000.00` as stored, or not). */
function sameRows(a: ReturnType<typeof ledgerRows>, b: ReturnType<typeof ledgerRows>): boolean {
  if (a.length !== b.length) return false;
  const num = (x: string | null, y: string | null) => (x === null || y === null ? x === y : Decimal.parseExact(x)?.eq(Decimal.parseExact(y)!) === true);
  return a.every((r, i) => {
    const s = b[i]!;
    return r.kind === s.kind && r.clause === s.clause && r.title === s.title && r.payer === s.payer && r.payee === s.payee &&
      r.capped === s.capped && r.instrument === s.instrument &&
      num(r.computed, s.computed) && num(r.amount, s.amount) && num(r.quantity, s.quantity) && num(r.price, s.price);
  });
}
