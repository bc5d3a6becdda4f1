/**
 * The rows of amendment proposals and their approvals, and the SQL that
 * reads and writes them (values always bound). Both tables refuse UPDATE
 * and DELETE: a proposal is adopted by a version row naming it, never by
 * changing the proposal.
 */
import type { Queryable } from "./db/database.ts";

export interface ProposalRow {
  readonly proposal: number;
  readonly effectiveStart: string;
  readonly irSha256: string;
  readonly artifact: string;
  /** The key id or token subject of counsel who proposed it. */
  readonly proposedBy: string;
  /** The version adopted from it, or null while it is open. */
  readonly adopted: number | null;
}

const PROPOSAL_COLUMNS = `p.proposal, p.effective_start AS "effectiveStart", p.ir_sha256 AS "irSha256", p.artifact, p.proposed_by AS "proposedBy", v.version AS adopted
  FROM tenor_proposals p LEFT JOIN tenor_versions v ON v.deal_id = p.deal_id AND v.proposal = p.proposal`;

export async function proposals(db: Queryable, dealId: string): Promise<ProposalRow[]> {
  return db.query<ProposalRow>(`SELECT ${PROPOSAL_COLUMNS} WHERE p.deal_id = $1 ORDER BY p.proposal`, [dealId]);
}

export async function proposal(db: Queryable, dealId: string, n: number): Promise<ProposalRow | null> {
  const rows = await db.query<ProposalRow>(`SELECT ${PROPOSAL_COLUMNS} WHERE p.deal_id = $1 AND p.proposal = $2`, [dealId, n]);
  return rows[0] ?? null;
}

/** Stores a new proposal under the next number (the caller holds the deal's lock), and gives the number. */
export async function insertProposal(tx: Queryable, dealId: string, p: Omit<ProposalRow, "proposal" | "adopted">): Promise<number> {
  const rows = await tx.query<{ n: number | null }>("SELECT max(proposal) AS n FROM tenor_proposals WHERE deal_id = $1", [dealId]);
  const n = Number(rows[0]?.n ?? 0) + 1;
  await tx.query(
    "INSERT INTO tenor_proposals (deal_id, proposal, effective_start, ir_sha256, artifact, proposed_by) VALUES ($1, $2, $3, $4, $5, $6)",
    [dealId, n, p.effectiveStart, p.irSha256, p.artifact, p.proposedBy],
  );
  return n;
}

/** The parties that approved proposal `n`, in the order they did. */
export async function approvals(db: Queryable, dealId: string, n: number): Promise<string[]> {
  const rows = await db.query<{ party: string }>("SELECT party FROM tenor_approvals WHERE deal_id = $1 AND proposal = $2 ORDER BY created_at, party", [dealId, n]);
  return rows.map((r) => r.party);
}

export async function insertApproval(tx: Queryable, dealId: string, n: number, party: string, actor: string): Promise<void> {
  await tx.query("INSERT INTO tenor_approvals (deal_id, proposal, party, actor) VALUES ($1, $2, $3, $4)", [dealId, n, party, actor]);
}
