/**
 * The schema, as numbered migrations run in order, once each, on PGlite
 * and on a Postgres server alike (the same text). A migration is never
 * edited once released: a change is a new migration.
 *
 * What is settled is written once: settled periods, their ledger rows,
 * period data and deal versions refuse UPDATE and DELETE in SQL too (a
 * trigger), so neither the service nor a hand at psql rewrites history.
 */
import type { Database } from "./database.ts";

export interface Migration {
  readonly id: number;
  readonly name: string;
  readonly sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    id: 1,
    name: "deals, versions, period data, settled periods, ledger rows, idempotency",
    sql: `
CREATE TABLE tenor_deals (
  id text PRIMARY KEY,
  seq bigserial UNIQUE,
  title text NOT NULL,
  currency text NOT NULL,
  period_count integer NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- A deal's terms: version 1 from period 1, each amendment from a later period start.
CREATE TABLE tenor_versions (
  deal_id text NOT NULL REFERENCES tenor_deals (id),
  version integer NOT NULL CHECK (version >= 1),
  effective_index integer NOT NULL CHECK (effective_index >= 1),
  effective_start text NOT NULL,
  ir_sha256 text NOT NULL,
  artifact text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (deal_id, version),
  UNIQUE (deal_id, effective_index)
);

-- One period's inputs and events, as they arrived (canonical JSON).
CREATE TABLE tenor_period_data (
  deal_id text NOT NULL REFERENCES tenor_deals (id),
  period_index integer NOT NULL CHECK (period_index >= 1),
  period_start text NOT NULL,
  data text NOT NULL,
  data_sha256 text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (deal_id, period_index)
);

-- A settled period: the ledger period (with its traces) as JSON, the run's totals after it, the snapshot to go on from.
CREATE TABLE tenor_settled_periods (
  deal_id text NOT NULL,
  period_index integer NOT NULL,
  version integer NOT NULL,
  period_json text NOT NULL,
  totals_json text NOT NULL,
  snapshot text NOT NULL,
  settled_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (deal_id, period_index),
  FOREIGN KEY (deal_id, period_index) REFERENCES tenor_period_data (deal_id, period_index),
  FOREIGN KEY (deal_id, version) REFERENCES tenor_versions (deal_id, version)
);

-- The settled period's lines, grants and net transfers as rows, for SQL readers.
CREATE TABLE tenor_ledger_rows (
  deal_id text NOT NULL,
  period_index integer NOT NULL,
  row_no integer NOT NULL,
  kind text NOT NULL CHECK (kind IN ('line', 'grant', 'net')),
  clause text,
  title text,
  payer text NOT NULL,
  payee text NOT NULL,
  computed numeric,
  amount numeric,
  capped boolean,
  quantity numeric,
  instrument text,
  price numeric,
  PRIMARY KEY (deal_id, period_index, row_no),
  FOREIGN KEY (deal_id, period_index) REFERENCES tenor_settled_periods (deal_id, period_index)
);

-- A write's response, kept under its Idempotency-Key: a retry gets it again and changes nothing.
CREATE TABLE tenor_idempotency (
  key text PRIMARY KEY,
  method text NOT NULL,
  path text NOT NULL,
  request_sha256 text NOT NULL,
  status integer NOT NULL,
  body text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE FUNCTION tenor_refuse_rewrite() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'tenor: % of % is refused: what is stored is never rewritten (a correction is a new version)', TG_OP, TG_TABLE_NAME
    USING ERRCODE = 'P0001';
END
$$;

CREATE TRIGGER tenor_versions_immutable BEFORE UPDATE OR DELETE ON tenor_versions
  FOR EACH ROW EXECUTE FUNCTION tenor_refuse_rewrite();
CREATE TRIGGER tenor_period_data_immutable BEFORE UPDATE OR DELETE ON tenor_period_data
  FOR EACH ROW EXECUTE FUNCTION tenor_refuse_rewrite();
CREATE TRIGGER tenor_settled_periods_immutable BEFORE UPDATE OR DELETE ON tenor_settled_periods
  FOR EACH ROW EXECUTE FUNCTION tenor_refuse_rewrite();
CREATE TRIGGER tenor_ledger_rows_immutable BEFORE UPDATE OR DELETE ON tenor_ledger_rows
  FOR EACH ROW EXECUTE FUNCTION tenor_refuse_rewrite();
CREATE TRIGGER tenor_settled_periods_no_truncate BEFORE TRUNCATE ON tenor_settled_periods
  FOR EACH STATEMENT EXECUTE FUNCTION tenor_refuse_rewrite();
CREATE TRIGGER tenor_ledger_rows_no_truncate BEFORE TRUNCATE ON tenor_ledger_rows
  FOR EACH STATEMENT EXECUTE FUNCTION tenor_refuse_rewrite();
`,
  },
  {
    id: 2,
    name: "API keys, the audit chain",
    sql: `
CREATE TABLE tenor_keys (
  id text PRIMARY KEY,
  hash text NOT NULL,
  role text NOT NULL CHECK (role IN ('admin', 'operator', 'counterparty', 'counsel', 'auditor')),
  deal_id text REFERENCES tenor_deals (id),
  party text,
  created_at timestamptz NOT NULL DEFAULT now(),
  revoked_at timestamptz
);

-- Every write, chained by hash (src/service/audit.ts); seq is given by the writer, one at a time.
CREATE TABLE tenor_audit (
  seq bigint PRIMARY KEY,
  at text NOT NULL,
  actor text NOT NULL,
  role text NOT NULL,
  deal_id text,
  action text NOT NULL,
  request_sha256 text NOT NULL,
  detail text NOT NULL,
  prev_hash text NOT NULL,
  hash text NOT NULL UNIQUE
);

CREATE TRIGGER tenor_audit_immutable BEFORE UPDATE OR DELETE ON tenor_audit
  FOR EACH ROW EXECUTE FUNCTION tenor_refuse_rewrite();
CREATE TRIGGER tenor_audit_no_truncate BEFORE TRUNCATE ON tenor_audit
  FOR EACH STATEMENT EXECUTE FUNCTION tenor_refuse_rewrite();
`,
  },
  {
    id: 3,
    name: "events apart from inputs, amendment proposals and their approvals",
    sql: `
-- A period's events, posted by the counterparty apart from the operator's inputs (canonical JSON array).
CREATE TABLE tenor_period_events (
  deal_id text NOT NULL,
  period_index integer NOT NULL,
  period_start text NOT NULL,
  events text NOT NULL,
  events_sha256 text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (deal_id, period_index),
  FOREIGN KEY (deal_id, period_index) REFERENCES tenor_period_data (deal_id, period_index)
);

-- An amendment proposed by counsel: it becomes a version only when every party of the deal has approved it.
CREATE TABLE tenor_proposals (
  deal_id text NOT NULL REFERENCES tenor_deals (id),
  proposal integer NOT NULL CHECK (proposal >= 1),
  effective_start text NOT NULL,
  ir_sha256 text NOT NULL,
  artifact text NOT NULL,
  proposed_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (deal_id, proposal)
);

-- One party's approval of a proposal, given by its counsel.
CREATE TABLE tenor_approvals (
  deal_id text NOT NULL,
  proposal integer NOT NULL,
  party text NOT NULL,
  actor text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (deal_id, proposal, party),
  FOREIGN KEY (deal_id, proposal) REFERENCES tenor_proposals (deal_id, proposal)
);

-- The proposal a version was adopted from (null: version 1, or an amendment from before proposals).
ALTER TABLE tenor_versions ADD COLUMN proposal integer;

CREATE TRIGGER tenor_period_events_immutable BEFORE UPDATE OR DELETE ON tenor_period_events
  FOR EACH ROW EXECUTE FUNCTION tenor_refuse_rewrite();
CREATE TRIGGER tenor_proposals_immutable BEFORE UPDATE OR DELETE ON tenor_proposals
  FOR EACH ROW EXECUTE FUNCTION tenor_refuse_rewrite();
CREATE TRIGGER tenor_approvals_immutable BEFORE UPDATE OR DELETE ON tenor_approvals
  FOR EACH ROW EXECUTE FUNCTION tenor_refuse_rewrite();
`,
  },
];

/**
 * Brings the schema up to date. Several processes may start together on one
 * server: an advisory lock held for the transaction lets one migrate while
 * the others wait, then find nothing left to do.
 */
export async function migrate(db: Database): Promise<number[]> {
  return db.transaction(async (tx) => {
    await tx.query("SELECT pg_advisory_xact_lock(7345901)");
    await tx.query("CREATE TABLE IF NOT EXISTS tenor_migrations (id integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())");
    const done = new Set((await tx.query<{ id: number }>("SELECT id FROM tenor_migrations")).map((r) => Number(r.id)));
    const applied: number[] = [];
    for (const m of MIGRATIONS) {
      if (done.has(m.id)) continue;
      for (const statement of statements(m.sql)) await tx.query(statement);
      await tx.query("INSERT INTO tenor_migrations (id, name) VALUES ($1, $2)", [m.id, m.name]);
      applied.push(m.id);
    }
    return applied;
  });
}

/**
 * A migration's statements, one by one (a bound-parameter query runs one
 * statement): split at semicolons that end a line, outside `$$` bodies.
 */
export function statements(sql: string): string[] {
  const out: string[] = [];
  let current = "";
  let inBody = false;
  for (const line of sql.split("\n")) {
    if (line.trim().startsWith("--") && current.trim() === "") continue;
    current += `${line}\n`;
    if ((line.match(/\$\$/g)?.length ?? 0) % 2 === 1) inBody = !inBody;
    if (!inBody && line.trimEnd().endsWith(";")) {
      out.push(current.trim());
      current = "";
    }
  }
  if (current.trim() !== "") out.push(current.trim());
  return out;
}
