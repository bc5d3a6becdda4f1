import { describe, expect, it } from "vitest";
import { indexOf, labelsIn } from "./completion-helpers.ts";
import { tenorMonarch } from "../../src/editor/monarch.ts";

const SOURCE = `deal "D"
parties {
  op: "Operator"
  vendor: "Vendor"
}
term 2026-01-01 to 2027-12-31, monthly
currency EUR
input revenue: EUR
clause drawdown {
  let early = revenue
  balance prepaid = 100 EUR
  balance bank = 0 EUR
  subtract min(revenue, prepaid) from prepaid
  add revenue to bank
  vendor pays op max(revenue - prepaid, 0 EUR) + bank + early
}
`;

const index = indexOf(SOURCE);
const labelsAfter = labelsIn(SOURCE, index);


describe("balances in the editor", () => {
  it("highlights balance, add and subtract as keywords", () => {
    expect(tenorMonarch().keywords).toEqual(expect.arrayContaining(["balance", "add", "subtract"]));
  });

  it("offers the balances declared so far after `add … to` and `subtract … from`", () => {
    expect(labelsAfter("add revenue to bank\n", "  add 1 EUR to ")).toEqual(["prepaid", "bank"]);
    expect(labelsAfter("balance bank = 0 EUR\n", "  subtract 1 EUR from ")).toEqual(["prepaid", "bank"]);
    expect(labelsAfter("let early = revenue\n", "  add 1 EUR to ")).toEqual([]);
  });

  it("lists a balance as a symbol with its declaration, and links add/subtract to it", () => {
    const prepaid = index.symbols.find((s) => s.name === "prepaid")!;
    expect([prepaid.kind, prepaid.signature, prepaid.container]).toEqual(["balance", "balance prepaid = 100 EUR", "drawdown"]);
    const uses = index.references.filter((r) => r.symbol === prepaid.id).map((r) => SOURCE.slice(r.range.start, r.range.end));
    expect(uses).toHaveLength(3); // min(revenue, prepaid), from prepaid, revenue - prepaid
    expect(new Set(uses)).toEqual(new Set(["prepaid"]));
  });
});
