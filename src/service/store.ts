/**
 * The service's rows and the SQL that reads and writes them. Every
 * statement binds its values; nothing from a request is spliced into SQL.
 */
import type { LedgerPeriod, LedgerTotal } from "../ledger/ledger.ts";
import type { Queryable } from "./db/database.ts";
import type { Terms } from "../runtime/terms.ts";
import { loadedTerms, storedTerms } from "./terms.ts";

export interface DealRow {
  readonly id: string;
  readonly title: string;
  readonly currency: string;
}

/** A version of a deal's terms, as read: its terms loaded (./terms.ts `storedTerms`, kept by hash). */
export interface VersionRow {
  readonly version: number;
  /** The proposal it was adopted from (absent or null: version 1). */
  readonly proposal?: number | null;
  readonly effectiveIndex: number;
  readonly effectiveStart: string;
  readonly irSha256: string;
  readonly terms: Terms;
}

/** A version as it is stored: the artifact's text instead of its loaded terms. */
export type NewVersion = Omit<VersionRow, "terms"> & { readonly artifact: string };

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

/** The versions' columns but the artifact (25 kB of JSON for a small deal): that is read only for terms not loaded yet. */
const VERSION_FIELDS = `json_build_object('version', v.version, 'effectiveIndex', v.effective_index, 'effectiveStart', v.effective_start, 'irSha256', v.ir_sha256, 'proposal', v.proposal)`;

/** A deal's versions as a JSON array, oldest first: a subquery for `d`, the deal's row. */
export const VERSIONS_OF_DEAL = `(SELECT json_agg(${VERSION_FIELDS} ORDER BY v.version) FROM tenor_versions v WHERE v.deal_id = d.id)`;

export async function versions(db: Queryable, dealId: string): Promise<VersionRow[]> {
  const [row] = await db.query<{ versions: unknown }>(`SELECT ${VERSIONS_OF_DEAL} AS versions FROM tenor_deals d WHERE d.id = $1`, [dealId]);
  return withTerms(db, dealId, row?.versions ?? null);
}

/**
 * The versions read as JSON (`VERSIONS_OF_DEAL`), their terms loaded: from
 * the process's cache by IR hash, else from the stored artifact, read then
 * (and checked against the row's hash).
 */
export async function withTerms(db: Queryable, dealId: string, json: unknown): Promise<VersionRow[]> {
  const rows = (typeof json === "string" ? JSON.parse(json) : json ?? []) as Omit<VersionRow, "terms">[];
  const missing = rows.filter((v) => loadedTerms(v.irSha256) === undefined).map((v) => v.version);
  const artifacts = new Map<number, string>();
  if (missing.length > 0) {
    for (const r of await db.query<{ version: number; artifact: string }>("SELECT version, artifact FROM tenor_versions WHERE deal_id = $1 AND version = ANY($2::int[])", [dealId, missing])) {
      artifacts.set(Number(r.version), r.artifact);
    }
  }
  return rows.map((v) => ({ ...v, terms: loadedTerms(v.irSha256) ?? storedTerms(v.irSha256, artifacts.get(v.version)!) }));
}

export async function insertVersion(tx: Queryable, dealId: string, v: NewVersion): Promise<void> {
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

/** What settling a deal starts from: its versions, the last settled period (null: none yet), and the data of the next periods. */
export interface SettleStart {
  readonly all: VersionRow[];
  readonly last: Pick<SettledRow, "index" | "version" | "snapshot"> | null;
  /** The stored data of up to `batch` periods after the last settled one, in order. */
  readonly data: PeriodDataRow[];
}

/**
 * Locks the deal and reads what settling its next `batch` periods needs, in
 * one statement (each costs a round trip, a quarter of a millisecond on the
 * embedded database); null when there is no such deal. Where another
 * transaction may hold the lock, it is taken in a statement of its own
 * first, so that the reads see what that transaction wrote.
 */
export async function settleStart(tx: Queryable, dealId: string, batch: number): Promise<SettleStart | null> {
  if (tx.serialized !== true && (await lockDeal(tx, dealId)) === null) return null;
  const [row] = await tx.query<{ versions: unknown; index: number | null; version: number | null; snapshot: string | null; data: unknown }>(
    `SELECT ${VERSIONS_OF_DEAL} AS versions, s.period_index AS "index", s.version, s.snapshot,
            (SELECT json_agg(json_build_object('index', p.period_index, 'start', p.period_start, 'data', p.data, 'dataSha256', p.data_sha256, 'events', e.events) ORDER BY p.period_index)
               FROM tenor_period_data p LEFT JOIN tenor_period_events e ON e.deal_id = p.deal_id AND e.period_index = p.period_index
              WHERE p.deal_id = d.id AND p.period_index BETWEEN coalesce(s.period_index, 0) + 1 AND coalesce(s.period_index, 0) + $2) AS data
       FROM tenor_deals d
       LEFT JOIN LATERAL (SELECT period_index, version, snapshot FROM tenor_settled_periods WHERE deal_id = d.id ORDER BY period_index DESC LIMIT 1) AS s ON true
      WHERE d.id = $1 FOR UPDATE OF d`,
    [dealId, batch],
  );
  if (row === undefined) return null;
  const last = row.index === null ? null : { index: Number(row.index), version: Number(row.version), snapshot: row.snapshot! };
  const data = (typeof row.data === "string" ? JSON.parse(row.data) : row.data ?? []) as PeriodDataRow[];
  return { all: await withTerms(tx, dealId, row.versions), last, data };
}

/** A settled period to store, with the ledger period its rows come from. */
export interface NewSettled {
  readonly row: SettledRow;
  readonly period: LedgerPeriod;
}

/**
 * Stores settled periods, their ledger rows (lines, grants, net transfers,
 * in ledger order) and their audit rows (`auditJson`, ./audit.ts
 * `chainRows`) in one statement: each table's rows as one JSON parameter.
 */
export async function insertSettled(tx: Queryable, dealId: string, settled: readonly NewSettled[], auditJson: string, auditInsert: (param: string) => string): Promise<void> {
  if (settled.length === 0) return;
  const periods = JSON.stringify(settled.map(({ row }) => ({ i: row.index, v: row.version, p: row.periodJson, t: row.totalsJson, s: row.snapshot })));
  const rows = JSON.stringify(settled.flatMap(({ row, period }) => ledgerRows(period).map((r, n) => ({ i: row.index, n: n + 1, ...r }))));
  await tx.query(
    `WITH settled AS (
       INSERT INTO tenor_settled_periods (deal_id, period_index, version, period_json, totals_json, snapshot)
       SELECT $1, r.i, r.v, r.p, r.t, r.s FROM json_to_recordset($2::json) AS r(i integer, v integer, p text, t text, s text)
     ), ledger AS (
       INSERT INTO tenor_ledger_rows (deal_id, period_index, row_no, kind, clause, title, payer, payee, computed, amount, capped, quantity, instrument, price)
       SELECT $1, r.i, r.n, r.kind, r.clause, r.title, r.payer, r.payee, r.computed, r.amount, r.capped, r.quantity, r.instrument, r.price
         FROM json_to_recordset($3::json) AS r(i integer, n integer, kind text, clause text, title text, payer text, payee text,
                                               computed numeric, amount numeric, capped boolean, quantity numeric, instrument text, price numeric)
     )
     ${auditInsert("$4")}`,
    [dealId, periods, rows, auditJson],
  );
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
