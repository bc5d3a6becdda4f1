/**
 * The service's rows and the SQL that reads and writes them. Every
 * statement binds its values; nothing from a request is spliced into SQL.
 */
import type { LedgerPeriod, LedgerTotal } from "../ledger/ledger.ts";
import type { Queryable } from "./db/database.ts";

export interface DealRow {
  readonly id: string;
  readonly title: string;
  readonly currency: string;
}

export interface VersionRow {
  readonly version: number;
  /** The proposal it was adopted from (absent or null: version 1). */
  readonly proposal?: number | null;
  readonly effectiveIndex: number;
  readonly effectiveStart: string;
  readonly irSha256: string;
  readonly artifact: string;
}

export interface PeriodDataRow {
  readonly index: number;
  readonly start: string;
  /** Canonical JSON of the operator's `{ inputs }` (data stored before events had a table of their own: `{ inputs, events }`). */
  readonly data: string;
  readonly dataSha256: string;
  /** Canonical JSON of the counterparty's events, once posted (null: not yet). */
  readonly events: string | null;
}

/** A settled period as stored: what was settled under which version, and the state to go on from. */
export interface SettledRow {
  readonly index: number;
  readonly version: number;
  readonly periodJson: string;
  readonly totalsJson: string;
  readonly snapshot: string;
}

/** The deal, locked against every other writer of it until the transaction ends; null when there is none. */
export async function lockDeal(tx: Queryable, id: string): Promise<DealRow | null> {
  const rows = await tx.query<DealRow>("SELECT id, title, currency FROM tenor_deals WHERE id = $1 FOR UPDATE", [id]);
  return rows[0] ?? null;
}

export async function findDeal(db: Queryable, id: string): Promise<DealRow | null> {
  const rows = await db.query<DealRow>("SELECT id, title, currency FROM tenor_deals WHERE id = $1", [id]);
  return rows[0] ?? null;
}

export async function insertDeal(tx: Queryable, deal: DealRow): Promise<void> {
  await tx.query("INSERT INTO tenor_deals (id, title, currency, period_count) VALUES ($1, $2, $3, 0)", [deal.id, deal.title, deal.currency]);
}

export async function versions(db: Queryable, dealId: string): Promise<VersionRow[]> {
  return db.query<VersionRow>(
    `SELECT version, effective_index AS "effectiveIndex", effective_start AS "effectiveStart", ir_sha256 AS "irSha256", artifact, proposal
       FROM tenor_versions WHERE deal_id = $1 ORDER BY version`,
    [dealId],
  );
}

export async function insertVersion(tx: Queryable, dealId: string, v: VersionRow): Promise<void> {
  await tx.query(
    "INSERT INTO tenor_versions (deal_id, version, effective_index, effective_start, ir_sha256, artifact, proposal) VALUES ($1, $2, $3, $4, $5, $6, $7)",
    [dealId, v.version, v.effectiveIndex, v.effectiveStart, v.irSha256, v.artifact, v.proposal ?? null],
  );
}

/** A period's inputs with its events, when posted. */
const DATA_FROM = `SELECT d.period_index AS "index", d.period_start AS "start", d.data, d.data_sha256 AS "dataSha256", e.events, e.events_sha256 AS "eventsSha256"
  FROM tenor_period_data d LEFT JOIN tenor_period_events e ON e.deal_id = d.deal_id AND e.period_index = d.period_index`;

export async function periodData(db: Queryable, dealId: string, index: number): Promise<(PeriodDataRow & { readonly eventsSha256: string | null }) | null> {
  const rows = await db.query<PeriodDataRow & { eventsSha256: string | null }>(`${DATA_FROM} WHERE d.deal_id = $1 AND d.period_index = $2`, [dealId, index]);
  return rows[0] ?? null;
}

/** The data of periods `from` to `to` (inclusive), in order. */
export async function periodDataRange(db: Queryable, dealId: string, from: number, to: number): Promise<PeriodDataRow[]> {
  return db.query<PeriodDataRow>(`${DATA_FROM} WHERE d.deal_id = $1 AND d.period_index BETWEEN $2 AND $3 ORDER BY d.period_index`, [dealId, from, to]);
}

export async function insertPeriodData(tx: Queryable, dealId: string, row: Omit<PeriodDataRow, "events">): Promise<void> {
  await tx.query(
    "INSERT INTO tenor_period_data (deal_id, period_index, period_start, data, data_sha256) VALUES ($1, $2, $3, $4, $5)",
    [dealId, row.index, row.start, row.data, row.dataSha256],
  );
}

export async function insertPeriodEvents(tx: Queryable, dealId: string, row: { index: number; start: string; events: string; eventsSha256: string }): Promise<void> {
  await tx.query(
    "INSERT INTO tenor_period_events (deal_id, period_index, period_start, events, events_sha256) VALUES ($1, $2, $3, $4, $5)",
    [dealId, row.index, row.start, row.events, row.eventsSha256],
  );
}

export async function storedPeriodCount(db: Queryable, dealId: string): Promise<number> {
  const rows = await db.query<{ n: number | null }>("SELECT max(period_index) AS n FROM tenor_period_data WHERE deal_id = $1", [dealId]);
  return Number(rows[0]?.n ?? 0);
}

export async function settledCount(db: Queryable, dealId: string): Promise<number> {
  const rows = await db.query<{ n: number | null }>("SELECT max(period_index) AS n FROM tenor_settled_periods WHERE deal_id = $1", [dealId]);
  return Number(rows[0]?.n ?? 0);
}

const SETTLED_COLUMNS = `period_index AS "index", version, period_json AS "periodJson", totals_json AS "totalsJson", snapshot`;

export async function settledPeriod(db: Queryable, dealId: string, index: number): Promise<SettledRow | null> {
  const rows = await db.query<SettledRow>(`SELECT ${SETTLED_COLUMNS} FROM tenor_settled_periods WHERE deal_id = $1 AND period_index = $2`, [dealId, index]);
  return rows[0] ?? null;
}

export async function settledPeriods(db: Queryable, dealId: string): Promise<SettledRow[]> {
  return db.query<SettledRow>(`SELECT ${SETTLED_COLUMNS} FROM tenor_settled_periods WHERE deal_id = $1 ORDER BY period_index`, [dealId]);
}

/** Stores settled periods and their ledger rows (lines, grants, net transfers, in ledger order), a few statements for all. */
export async function insertSettled(tx: Queryable, dealId: string, settled: readonly { readonly row: SettledRow; readonly period: LedgerPeriod }[]): Promise<void> {
  await insertMany(tx, "tenor_settled_periods (deal_id, period_index, version, period_json, totals_json, snapshot)",
    settled.map(({ row }) => [dealId, row.index, row.version, row.periodJson, row.totalsJson, row.snapshot]));
  await insertMany(tx, "tenor_ledger_rows (deal_id, period_index, row_no, kind, clause, title, payer, payee, computed, amount, capped, quantity, instrument, price)",
    settled.flatMap(({ row, period }) => ledgerRows(period).map((r, i) => [dealId, row.index, i + 1, r.kind, r.clause, r.title, r.payer, r.payee, r.computed, r.amount, r.capped, r.quantity, r.instrument, r.price])));
}

/** Postgres binds at most 65,535 parameters a statement. */
const MAX_PARAMETERS = 65_535;

/** `INSERT INTO target VALUES (…), (…)` for `rows`, as few statements as the parameter limit allows; values always bound. */
export async function insertMany(tx: Queryable, target: string, rows: readonly (readonly unknown[])[]): Promise<void> {
  if (rows.length === 0) return;
  const width = rows[0]!.length;
  const per = Math.floor(MAX_PARAMETERS / width);
  for (let from = 0; from < rows.length; from += per) {
    const chunk = rows.slice(from, from + per);
    const values: unknown[] = [];
    const tuples = chunk.map((r) => {
      const base = values.length;
      values.push(...r);
      return `(${r.map((_x, j) => `$${base + j + 1}`).join(", ")})`;
    });
    await tx.query(`INSERT INTO ${target} VALUES ${tuples.join(", ")}`, values);
  }
}

export interface LedgerRow {
  readonly kind: "line" | "grant" | "net";
  readonly clause: string | null;
  readonly title: string | null;
  readonly payer: string;
  readonly payee: string;
  readonly computed: string | null;
  readonly amount: string | null;
  readonly capped: boolean | null;
  readonly quantity: string | null;
  readonly instrument: string | null;
  readonly price: string | null;
}

/** A ledger period's rows, as `tenor_ledger_rows` holds them. */
export function ledgerRows(p: LedgerPeriod): LedgerRow[] {
  const none = { clause: null, title: null, computed: null, amount: null, capped: null, quantity: null, instrument: null, price: null };
  return [
    ...p.lines.map((l) => ({ ...none, kind: "line" as const, clause: l.clause, title: l.title, payer: l.payer, payee: l.payee, computed: l.computed, amount: l.amount, capped: l.capped })),
    ...p.grants.map((g) => ({ ...none, kind: "grant" as const, clause: g.clause, payer: g.grantor, payee: g.grantee, quantity: g.quantity, instrument: g.instrument, price: g.price })),
    ...(p.net ?? []).map((n) => ({ ...none, kind: "net" as const, payer: n.from, payee: n.to, amount: n.amount })),
  ];
}

/** A period's stored rows, numbers as their exact text. */
export async function storedLedgerRows(db: Queryable, dealId: string, index: number): Promise<LedgerRow[]> {
  return db.query<LedgerRow>(
    `SELECT kind, clause, title, payer, payee, computed::text AS computed, amount::text AS amount, capped,
            quantity::text AS quantity, instrument, price::text AS price
       FROM tenor_ledger_rows WHERE deal_id = $1 AND period_index = $2 ORDER BY row_no`,
    [dealId, index],
  );
}

/** Paid so far per clause and payer → payee, from the stored line rows (exact: numeric sums). */
export async function paidByClause(db: Queryable, dealId: string): Promise<{ clause: string; payer: string; payee: string; paid: string }[]> {
  return db.query(
    `SELECT clause, payer, payee, sum(amount)::text AS paid FROM tenor_ledger_rows
      WHERE deal_id = $1 AND kind = 'line' GROUP BY clause, payer, payee ORDER BY min(period_index * 100000 + row_no)`,
    [dealId],
  );
}



/** Every deal's id, oldest first. */
export async function dealIds(db: Queryable): Promise<string[]> {
  return (await db.query<{ id: string }>("SELECT id FROM tenor_deals ORDER BY seq")).map((r) => r.id);
}
