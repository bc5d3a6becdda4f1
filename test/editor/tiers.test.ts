import { describe, expect, it } from "vitest";
import { indexOf, labelsIn } from "./completion-helpers.ts";
import { tenorMonarch } from "../../src/editor/monarch.ts";

const SOURCE = `deal "D"
parties {
  sharon: "Sharon AI"
  nvidia: "NVIDIA"
}
term 2026-07-01 to 2027-06-30, quarterly
currency USD
input revenue: USD
input uptime: number
tiers volume_share {
  0 USD to 100 million USD: 10%
  100 million USD onward: 8%
}
tiers sla_credit { 0 to 95%: 25%  95% onward: 0% }
clause share {
  sharon pays nvidia marginal(volume_share, 0 USD, revenue)
  nvidia pays sharon revenue * tier(sla_credit, uptime)
}
`;

const index = indexOf(SOURCE);
const labelsAfter = labelsIn(SOURCE, index);


describe("tiers tables in the editor", () => {
  it("highlights tiers as a keyword and tier and marginal as built-ins", () => {
    const monarch = tenorMonarch();
    expect(monarch.keywords).toContain("tiers");
    expect(monarch.builtins).toEqual(expect.arrayContaining(["tier", "marginal"]));
  });

  it("lists each table as a symbol whose hover shows its entries and units, linked from the calls", () => {
    const table = index.symbols.find((s) => s.name === "volume_share")!;
    expect([table.kind, table.signature]).toEqual(["tiers", "tiers volume_share"]);
    expect(table.details.slice(0, 2)).toEqual(["0 USD to 100 million USD: 10%  (= 0.1 (10%))", "100 million USD onward: 8%  (= 0.08 (8%))"]);
    expect(table.details).toContain("bounds: USD; values: a plain number");
    const uses = index.references.filter((r) => r.symbol === table.id).map((r) => SOURCE.slice(r.range.start, r.range.end));
    expect(uses).toEqual(["volume_share"]);
  });

  it("offers only the tables as the first argument of tier and marginal", () => {
    expect(labelsAfter("revenue * tier(sla_credit, uptime)\n", "  nvidia pays sharon tier(")).toEqual(["volume_share", "sla_credit"]);
    expect(labelsAfter("revenue * tier(sla_credit, uptime)\n", "  nvidia pays sharon marginal(vol")).toEqual(["volume_share", "sla_credit"]);
  });
});
