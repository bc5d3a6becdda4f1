/**
 * Who may do what (issue 18): one table of rules, read by the service to
 * authorize every request, by the tests that try each role on each
 * endpoint, and by the generator of the table in docs/service.md — so the
 * three cannot disagree.
 *
 * A key (or a token) speaks for one role; every role but admin is bound to
 * one deal and one of its parties (an auditor may be bound to no deal: it
 * reads them all). Outside its deal a party sees nothing: not even that
 * another deal exists (404, never 403).
 */
export const ROLES = ["admin", "operator", "counterparty", "counsel", "auditor"] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_DUTIES: Record<Role, string> = {
  admin: "creates deals and manages keys; reads every deal",
  operator: "posts its own period inputs (meter readings, revenue); reads its deal; asks for settlement",
  counterparty: "posts the events that are its to make; reads its deal; asks for settlement",
  counsel: "reads its deal; proposes amendments and approves them for its party",
  auditor: "reads everything it is bound to; writes nothing",
};

/** What a request does, as the rules name it. */
export const ACTIONS = [
  "deal.create",
  "deal.read",
  "inputs.write",
  "events.write",
  "settle",
  "settle.many",
  "amendment.propose",
  "amendment.approve",
  "replay",
  "keys.manage",
] as const;
export type Action = (typeof ACTIONS)[number];

export const ACTION_TEXT: Record<Action, string> = {
  "deal.create": "store a new deal (POST /deals)",
  "deal.read": "read a deal, its periods, ledger, exposure, proposals (GET /deals/…)",
  "inputs.write": "post period inputs (PUT /deals/:id/periods/:start)",
  "events.write": "post events (POST /deals/:id/events)",
  settle: "settle a deal (POST /deals/:id/settle)",
  "settle.many": "queue settlement of many deals (POST /settle, GET /jobs)",
  "amendment.propose": "propose an amendment (POST /deals/:id/versions)",
  "amendment.approve": "approve a proposal for its party (POST /deals/:id/proposals/:n/approve)",
  replay: "replay a deal (POST /deals/:id/replay)",
  "keys.manage": "create, list and revoke keys (/keys)",
};

export const RULES: Record<Action, readonly Role[]> = {
  "deal.create": ["admin"],
  "deal.read": ["admin", "operator", "counterparty", "counsel", "auditor"],
  "inputs.write": ["operator"],
  "events.write": ["counterparty"],
  settle: ["admin", "operator", "counterparty"],
  "settle.many": ["admin"],
  "amendment.propose": ["counsel"],
  "amendment.approve": ["counsel"],
  replay: ["admin", "auditor"],
  "keys.manage": ["admin"],
};

/** Who is speaking: from a verified key or token. */
export interface Principal {
  /** The key id, or the token's subject. */
  readonly id: string;
  readonly via: "key" | "jwt";
  readonly role: Role;
  /** The one deal it may see (null: every deal — admins, and auditors bound to none). */
  readonly deal: string | null;
  /** The party of the deal it speaks for (null for admins and unbound auditors). */
  readonly party: string | null;
}

export function allowed(p: Principal, action: Action): boolean {
  return RULES[action].includes(p.role);
}

/** Whether `p` may see deal `id` at all. */
export function seesDeal(p: Principal, id: string): boolean {
  return p.deal === null || p.deal === id;
}

/** The table of docs/service.md "Who may do what", generated from RULES. */
export function rulesTable(): string {
  const head = `| action | ${ROLES.join(" | ")} |\n|---|${ROLES.map(() => "---").join("|")}|\n`;
  return head + ACTIONS.map((a) => `| ${ACTION_TEXT[a]} | ${ROLES.map((r) => (RULES[a].includes(r) ? "yes" : "—")).join(" | ")} |`).join("\n") + "\n";
}
