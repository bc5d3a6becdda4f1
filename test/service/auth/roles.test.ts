import { describe, expect, it } from "vitest";
import { ACTIONS, allowed, ROLES, RULES, rulesTable, seesDeal, type Principal } from "../../../src/service/auth/roles.ts";

const who = (role: Principal["role"], deal: string | null = "d1", party: string | null = "sharon"): Principal => ({ id: "k", via: "key", role, deal, party });

describe("who may do what", () => {
  it("lets an auditor read and replay but write nothing", () => {
    const auditor = who("auditor");
    expect(ACTIONS.filter((a) => allowed(auditor, a))).toEqual(["deal.read", "replay"]);
  });

  it("lets only the operator post inputs and only the counterparty post events", () => {
    expect(ROLES.filter((r) => allowed(who(r), "inputs.write"))).toEqual(["operator"]);
    expect(ROLES.filter((r) => allowed(who(r), "events.write"))).toEqual(["counterparty"]);
  });

  it("keeps keys and new deals to admins", () => {
    for (const action of ["keys.manage", "deal.create", "settle.many"] as const) expect(RULES[action]).toEqual(["admin"]);
  });

  it("shows a party its own deal only", () => {
    expect(seesDeal(who("operator", "d1"), "d1")).toBe(true);
    expect(seesDeal(who("operator", "d1"), "d2")).toBe(false);
    expect(seesDeal(who("admin", null, null), "d2")).toBe(true);
  });

  it("writes the rules as one table row per action, one column per role", () => {
    const table = rulesTable().trimEnd().split("\n");
    expect(table[0]).toBe("| action | admin | operator | counterparty | counsel | auditor |");
    expect(table).toHaveLength(2 + ACTIONS.length);
    expect(table).toContain("| post period inputs (PUT /deals/:id/periods/:start) | — | yes | — | — | — |");
  });
});
