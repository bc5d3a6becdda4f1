/**
 * The audit log: every write (deals, inputs, events, settlements,
 * amendments, approvals, key changes) appends one row — who, when, what,
 * the request's hash — in the write's own transaction, chained by hash:
 * each row's hash covers its fields and the hash of the row before. A row
 * edited, cut out or slipped in breaks the chain at that row, and
 * `tenor audit verify` names it. The table refuses UPDATE and DELETE in SQL.
 */
import { canonicalJson } from "../ir/canonical-json.ts";
import { sha256Hex } from "./sha256.ts";
import type { Queryable } from "./db/database.ts";

/** The hash the first row chains to. */
export const GENESIS = "0".repeat(64);

/** Who a write is done for: the principal's id and role, and the request's hash. */
export interface Who {
  readonly actor: string;
  readonly role: string;
  readonly requestSha256: string;
}

/** A write done by the service itself (a queued job, a command on the database's machine). */
export function system(actor: string): Who {
  return { actor, role: "system", requestSha256: GENESIS };
}

export interface AuditEntry {
  /** The key id or token subject that made the request (`cli` for a command run on the database's machine). */
  readonly actor: string;
  readonly role: string;
  readonly deal: string | null;
  readonly action: string;
  /** SHA-256 of the request (method, path, body). */
  readonly requestSha256: string;
  /** What was done, briefly: the period settled, the key created… */
  readonly detail: Readonly<Record<string, unknown>>;
}

interface AuditRow {
  readonly seq: number;
  readonly at: string;
  readonly actor: string;
  readonly role: string;
  readonly deal: string | null;
  readonly action: string;
  readonly request: string;
  readonly detail: string;
  readonly prev: string;
  readonly hash: string;
}

/** The row's hash: over every field but itself, the previous row's hash included. */
export function rowHash(r: Omit<AuditRow, "hash">): string {
  return sha256Hex(canonicalJson({ seq: r.seq, at: r.at, actor: r.actor, role: r.role, deal: r.deal, action: r.action, request: r.request, detail: r.detail, prev: r.prev }));
}

/** Appends the record of a write by `who`, in the write's transaction. */
export function audit(tx: Queryable, who: Who, deal: string | null, action: string, detail: Readonly<Record<string, unknown>>): Promise<void> {
  return auditMany(tx, who, deal, [{ action, detail }]);
}

/** Appends records of several writes by `who` at once (a batch of settled periods), in order. */
export async function auditMany(tx: Queryable, who: Who, deal: string | null, records: readonly { readonly action: string; readonly detail: Readonly<Record<string, unknown>> }[]): Promise<void> {
  await appendAudit(tx, entriesOf(who, deal, records));
}

/** The chain's last row (or the genesis) and the database's clock, read under the chain's lock: where new rows go on from. */
export interface ChainHead {
  readonly seq: number;
  readonly hash: string;
  readonly at: string;
}

/**
 * Takes the chain's lock (one writer at a time, so the chain never forks;
 * needless where transactions run one at a time) and reads its head and
 * the time, in a statement after the lock's: a statement's snapshot is
 * taken when it starts, so the head read with the lock would be the one
 * from before a writer it waited for.
 */
export async function chainHead(tx: Queryable): Promise<ChainHead> {
  if (tx.serialized !== true) await tx.query("SELECT pg_advisory_xact_lock(7345902)");
  const [head] = (await tx.query<{ seq: string | number | null; hash: string | null; at: string }>(
    `SELECT last.seq, last.hash, to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS at
       FROM (SELECT 1) AS one LEFT JOIN (SELECT seq, hash FROM tenor_audit ORDER BY seq DESC LIMIT 1) AS last ON true`,
  )) as [{ seq: string | number | null; hash: string | null; at: string }];
  return { seq: head.seq === null ? 0 : Number(head.seq), hash: head.hash ?? GENESIS, at: head.at };
}

/** The rows of `entries` after `head`, chained, as the JSON that `auditInsert` takes. */
export function chainRows(head: ChainHead, entries: readonly AuditEntry[]): string {
  let seq = head.seq;
  let prev = head.hash;
  const rows = entries.map((e) => {
    const row = { seq: ++seq, at: head.at, actor: e.actor, role: e.role, deal: e.deal, action: e.action, request: e.requestSha256, detail: canonicalJson(e.detail), prev };
    prev = rowHash(row);
    return { ...row, hash: prev };
  });
  return JSON.stringify(rows);
}

/** `INSERT` of the audit rows given as JSON (`chainRows`) in parameter `param` ("$3"): a statement of its own, or the last of a write's statement after its `WITH`. */
export function auditInsert(param: string): string {
  return `INSERT INTO tenor_audit (seq, at, actor, role, deal_id, action, request_sha256, detail, prev_hash, hash)
    SELECT r.seq, r.at, r.actor, r.role, r.deal, r.action, r.request, r.detail, r.prev, r.hash
      FROM json_to_recordset(${param}::json) AS r(seq bigint, at text, actor text, role text, deal text, action text, request text, detail text, prev text, hash text)`;
}

/** The entries of writes by `who` on `deal`. */
export function entriesOf(who: Who, deal: string | null, records: readonly { readonly action: string; readonly detail: Readonly<Record<string, unknown>> }[]): AuditEntry[] {
  return records.map((r) => ({ actor: who.actor, role: who.role, deal, action: r.action, requestSha256: who.requestSha256, detail: r.detail }));
}

/** Appends `entries` in transaction `tx`. */
export async function appendAudit(tx: Queryable, entries: readonly AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const head = await chainHead(tx);
  await tx.query(auditInsert("$1"), [chainRows(head, entries)]);
}

export type AuditVerdict =
  | { readonly ok: true; readonly rows: number; readonly head: string }
  | { readonly ok: false; readonly rows: number; readonly seq: number; readonly why: string };

/** Walks the chain from the first row: the first broken link, or how many rows hold and the last hash. */
export async function verifyAudit(db: Queryable, batch = 1000): Promise<AuditVerdict> {
  let prev = GENESIS;
  let expected = 1;
  for (;;) {
    const rows = await db.query<AuditRow & { seq: string | number }>(
      `SELECT seq, at, actor, role, deal_id AS deal, action, request_sha256 AS request, detail, prev_hash AS prev, hash
         FROM tenor_audit WHERE seq >= $1 ORDER BY seq LIMIT $2`,
      [expected, batch],
    );
    for (const raw of rows) {
      const r = { ...raw, seq: Number(raw.seq) };
      if (r.seq !== expected) return { ok: false, rows: expected - 1, seq: expected, why: `row ${expected} is missing (the next row is ${r.seq})` };
      if (r.prev !== prev) return { ok: false, rows: expected - 1, seq: r.seq, why: `row ${r.seq} does not chain to row ${r.seq - 1}: it names ${r.prev.slice(0, 12)}…, row ${r.seq - 1} hashes to ${prev.slice(0, 12)}…` };
      if (rowHash(r) !== r.hash) return { ok: false, rows: expected - 1, seq: r.seq, why: `row ${r.seq} was altered: its fields hash to ${rowHash(r).slice(0, 12)}…, it says ${r.hash.slice(0, 12)}…` };
      prev = r.hash;
      expected++;
    }
    if (rows.length < batch) return { ok: true, rows: expected - 1, head: prev };
  }
}

/**
 * What the chain alone cannot show — its last rows cut off, or a row
 * written past the service with the triggers turned off — shows against
 * the stored records: every settled period, period's inputs and events,
 * version, proposal and approval must have its audit row, with the same
 * hash where it has one.
 */
export async function unrecorded(db: Queryable): Promise<string[]> {
  const seen = new Set<string>();
  for (const r of await db.query<{ deal: string; action: string; detail: string }>("SELECT deal_id AS deal, action, detail FROM tenor_audit WHERE action LIKE 'period.%' OR action LIKE 'amendment%' OR action IN ('settle', 'deal.create')")) {
    const d = JSON.parse(r.detail) as { period?: number; periodSha256?: string; dataSha256?: string; eventsSha256?: string; version?: number; irSha256?: string; proposal?: number; party?: string };
    if (r.action === "settle") seen.add(`settle ${r.deal} ${d.period} ${d.periodSha256}`);
    else if (r.action === "period.inputs") seen.add(`inputs ${r.deal} ${d.period} ${d.dataSha256}`);
    else if (r.action === "period.events") seen.add(`events ${r.deal} ${d.period} ${d.eventsSha256}`);
    else if (r.action === "amendment.propose") seen.add(`proposal ${r.deal} ${d.proposal} ${d.irSha256}`).add(`approval ${r.deal} ${d.proposal} ${d.party}`);
    else if (r.action === "amendment.approve") seen.add(`approval ${r.deal} ${d.proposal} ${d.party}`);
    else seen.add(`version ${r.deal} ${d.version} ${d.irSha256}`);
  }
  const missing: string[] = [];
  const expect = async (sql: string, key: (r: Record<string, string>) => string, what: (r: Record<string, string>) => string, hashed = true) => {
    for (const r of await db.query<Record<string, string>>(sql)) if (!seen.has(key(r))) missing.push(`deal ${r["deal"]}: ${what(r)} has no audit row${hashed ? " with its hash" : ""}`);
  };
  await expect("SELECT deal_id AS deal, period_index AS index, period_json AS json FROM tenor_settled_periods ORDER BY deal_id, period_index",
    (r) => `settle ${r["deal"]} ${r["index"]} ${sha256Hex(r["json"]!)}`, (r) => `settled period ${r["index"]}`);
  await expect("SELECT deal_id AS deal, period_index AS index, data_sha256 AS sha FROM tenor_period_data ORDER BY deal_id, period_index",
    (r) => `inputs ${r["deal"]} ${r["index"]} ${r["sha"]}`, (r) => `the inputs of period ${r["index"]}`);
  await expect("SELECT deal_id AS deal, period_index AS index, events_sha256 AS sha FROM tenor_period_events ORDER BY deal_id, period_index",
    (r) => `events ${r["deal"]} ${r["index"]} ${r["sha"]}`, (r) => `the events of period ${r["index"]}`);
  await expect("SELECT deal_id AS deal, version, ir_sha256 AS sha FROM tenor_versions ORDER BY deal_id, version",
    (r) => `version ${r["deal"]} ${r["version"]} ${r["sha"]}`, (r) => `version ${r["version"]}`);
  await expect("SELECT deal_id AS deal, proposal, ir_sha256 AS sha FROM tenor_proposals ORDER BY deal_id, proposal",
    (r) => `proposal ${r["deal"]} ${r["proposal"]} ${r["sha"]}`, (r) => `proposal ${r["proposal"]}`);
  await expect("SELECT deal_id AS deal, proposal, party FROM tenor_approvals ORDER BY deal_id, proposal, party",
    (r) => `approval ${r["deal"]} ${r["proposal"]} ${r["party"]}`, (r) => `the approval of proposal ${r["proposal"]} by ${r["party"]}`, false);
  return missing;
}
