/**
 * Amendments as counsel makes them (issue 18): counsel of one party
 * proposes new terms in force from a period start — which is that party's
 * approval — and the proposal becomes the deal's next version only when
 * counsel of every party named in the deal has approved it. It is checked
 * when proposed and again when the last approval would adopt it: settling
 * or another amendment may have moved on in between, and then the approval
 * is refused and not stored.
 */
import { SERVICE } from "../diagnostics/codes/service.ts";
import type { Principal } from "./auth/roles.ts";
import { audit, type Who } from "./audit.ts";
import type { Queryable } from "./db/database.ts";
import { adoptAmendment, checkAmendment, mustLock } from "./deals.ts";
import { Problem, unknownDeal } from "./problem.ts";
import { approvals, insertApproval, insertProposal, proposal, proposals, type ProposalRow } from "./proposal-store.ts";
import { termsOf } from "./settlement.ts";
import { findDeal, versions } from "./store.ts";
import { storedTerms, termsFrom, type TermsInput } from "./terms.ts";

export interface ProposalView {
  readonly proposal: number;
  readonly effective: string;
  readonly irSha256: string;
  readonly proposedBy: string;
  /** The parties whose counsel approved it, in the order they did. */
  readonly approvedBy: readonly string[];
  /** The parties still to approve it (none once adopted). */
  readonly waitingFor: readonly string[];
  /** The version adopted from it, or null while it is open. */
  readonly adopted: number | null;
}

/** The names of the deal's parties, as its latest version names them: who must approve. */
async function partiesOf(db: Queryable, id: string): Promise<string[]> {
  const all = await versions(db, id);
  return termsOf(all[all.length - 1]!).header.parties.map((p) => p.name);
}

/** The party `p` speaks for, which must be one of the deal's (a token's claim may name any). */
function partyOf(p: Principal, parties: readonly string[]): string {
  if (p.party === null || !parties.includes(p.party)) {
    throw new Problem(403, SERVICE.forbidden, `this ${p.via === "jwt" ? "token" : "key"} speaks for ${p.party === null ? "no party" : `party ${JSON.stringify(p.party)}`}, not one of the deal's parties (${parties.join(", ")})`, { field: "party" });
  }
  return p.party;
}

async function view(db: Queryable, id: string, row: ProposalRow, parties: readonly string[]): Promise<ProposalView> {
  const approvedBy = await approvals(db, id, row.proposal);
  return {
    proposal: row.proposal,
    effective: row.effectiveStart,
    irSha256: row.irSha256,
    proposedBy: row.proposedBy,
    approvedBy,
    waitingFor: row.adopted === null ? parties.filter((q) => !approvedBy.includes(q)) : [],
    adopted: row.adopted,
  };
}

/** Adopts proposal `row` when every party has approved it, checking it once more against the deal as it is now. */
async function adoptIfApproved(tx: Queryable, id: string, row: ProposalRow, parties: readonly string[], who: Who): Promise<ProposalRow> {
  const approvedBy = await approvals(tx, id, row.proposal);
  if (parties.some((q) => !approvedBy.includes(q))) return row;
  const checked = await checkAmendment(tx, id, row.artifact, storedTerms(row.irSha256, row.artifact), row.effectiveStart);
  const adopted = await adoptAmendment(tx, id, checked, row.proposal, who);
  return { ...row, adopted: adopted.version };
}

/** Stores counsel's proposal (its party's approval with it); adopted at once when that party is the deal's only one. */
export async function propose(tx: Queryable, id: string, input: TermsInput, effective: string, principal: Principal, who: Who): Promise<ProposalView> {
  await mustLock(tx, id);
  const parties = await partiesOf(tx, id);
  const party = partyOf(principal, parties);
  const { artifact, terms } = termsFrom(input);
  await checkAmendment(tx, id, artifact, terms, effective);
  const n = await insertProposal(tx, id, { effectiveStart: effective, irSha256: terms.irSha256!, artifact, proposedBy: principal.id });
  await insertApproval(tx, id, n, party, principal.id);
  await audit(tx, who, id, "amendment.propose", { proposal: n, effective, irSha256: terms.irSha256, party });
  const row = await adoptIfApproved(tx, id, (await proposal(tx, id, n))!, parties, who);
  return view(tx, id, row, parties);
}

/** Counsel's approval of proposal `n` for its party; the last one adopts it. Approving twice changes nothing. */
export async function approve(tx: Queryable, id: string, n: number, principal: Principal, who: Who): Promise<ProposalView> {
  await mustLock(tx, id);
  const parties = await partiesOf(tx, id);
  const party = partyOf(principal, parties);
  const row = await proposal(tx, id, n);
  if (row === null) throw new Problem(404, SERVICE.proposalClosed, `deal ${id} has no proposal ${n}`, { field: "proposal" });
  if (row.adopted !== null) throw new Problem(409, SERVICE.proposalClosed, `proposal ${n} was adopted already, as version ${row.adopted}`, { field: "proposal" });
  if ((await approvals(tx, id, n)).includes(party)) return view(tx, id, row, parties);
  await insertApproval(tx, id, n, party, principal.id);
  await audit(tx, who, id, "amendment.approve", { proposal: n, party });
  return view(tx, id, await adoptIfApproved(tx, id, row, parties, who), parties);
}

export async function listProposals(db: Queryable, id: string): Promise<ProposalView[]> {
  if ((await findDeal(db, id)) === null) throw unknownDeal(id);
  const parties = await partiesOf(db, id);
  const out: ProposalView[] = [];
  for (const row of await proposals(db, id)) out.push(await view(db, id, row, parties));
  return out;
}
