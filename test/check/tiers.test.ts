import { describe, expect, it } from "vitest";
import { CHECK } from "../../src/diagnostics/codes/check.ts";
import { checkText, expectClean, expectOne, sheet } from "./helpers.ts";

const VOLUME = `
tiers volume_share {
  0 USD to 100 million USD: 10%
  100 million USD to 500 million USD: 8%
  500 million USD onward: 6%
}
`;

describe("a tiers table", () => {
  it("checks clean with bounds and values in two units, and evaluates its rows exactly", () => {
    const checked = expectClean(sheet(`${VOLUME}
const cap_rate = 5%
tiers sla_credit {
  0 to 95%: cap_rate * 5
  95% to 99%: 10%
  99% onward: max(0%, 1%)
}
clause c { sharon pays nvidia marginal(volume_share, 0 USD, revenue) + revenue * tier(sla_credit, 97%) }
`));
    expect(checked.tiers.map((t) => [t.decl.name.text, t.bound.unit.isNone ? "plain" : t.bound.unit.toString(), t.value.unit.isNone ? "plain" : "unit"])).toEqual([
      ["volume_share", "USD", "plain"],
      ["sla_credit", "plain", "plain"],
    ]);
    expect(checked.tiers[1]!.rows.map((r) => `${r.low}..${r.high ?? "onward"}: ${r.value}`)).toEqual([
      "0..0.95: 0.25", "0.95..0.99: 0.1", "0.99..onward: 0.01",
    ]);
  });

  it("types marginal as bounds × values and tier as the values' unit", () => {
    const text = sheet(`${VOLUME}
tiers price_band { 0 gpu_hour onward: 2 USD per gpu_hour }
clause c {
  let a = marginal(volume_share, 0 USD, revenue)
  let b = tier(price_band, sold_hours)
  let c = marginal(price_band, 0 gpu_hour, sold_hours)
  sharon pays nvidia a + b * sold_hours + c
}
`);
    expectClean(text);
  });

  it("lets a const read a table over constants, ordered by dependency", () => {
    expectClean(sheet(`const first_tier = tier(volume_share, 1 USD)
${VOLUME}
clause c { sharon pays nvidia revenue * first_tier }
`));
  });

  it("reports a table that depends on itself through a const as a cycle (TN2010)", () => {
    const d = expectOne(sheet(`tiers loop { 0 onward: rate }
const rate = tier(loop, 1)
clause c { sharon pays nvidia revenue * rate }
`), CHECK.declarationCycle, "loop");
    expect(d.message).toContain("loop → rate → loop");
  });
});

describe("the rules of a table", () => {
  it("reports an input in a bound as not constant (TN2120)", () => {
    const d = expectOne(sheet(`tiers t { 0 USD to revenue: 1% }\n`), CHECK.tiersNotConstant, "revenue");
    expect(d.message).toContain("revenue is an input");
  });

  it("reports a bound in another unit (TN2121) and a value in another unit (TN2122), naming both", () => {
    const bounds = checkText(sheet(`tiers t { 0 USD to 5 gpu_hour: 1%  5 gpu_hour onward: 2% }\n`));
    expect(bounds.located.map((d) => d.code)).toEqual([CHECK.tiersBoundUnitMismatch, CHECK.tiersBoundUnitMismatch]);
    expect(bounds.located[0]!.message).toBe("every bound of t must have the same unit, but 0 USD is USD and 5 gpu_hour is gpu_hour");
    const d = expectOne(sheet(`tiers t { 0 to 1: 1%  1 onward: 2 USD }\n`), CHECK.tiersValueUnitMismatch, "2 USD");
    expect(d.message).toBe("every value of t must have the same unit, but 1% is number and 2 USD is USD");
  });

  it("reports a gap (TN2123) and an overlap (TN2124) at the later entry, naming both entries", () => {
    const gap = expectOne(sheet(`tiers t {\n  0 to 10: 1%\n  20 onward: 2%\n}\n`), CHECK.tiersGap, "20 onward");
    expect(gap.message).toBe("t has a gap between entry 1 (0 to 10) and entry 2 (20 onward): nothing covers 10 to 20; each entry must start where the one before it ends");
    const overlap = expectOne(sheet(`tiers t {\n  0 to 10: 1%\n  5 onward: 2%\n}\n`), CHECK.tiersOverlap, "5 onward");
    expect(overlap.message).toContain("entry 1 (0 to 10) and entry 2 (5 onward) of t overlap: 5 is below 10");
  });

  it("reports LOW not below HIGH (TN2125), an onward before the end (TN2126) and an empty table (TN2129)", () => {
    expectOne(sheet(`tiers t { 5 to 5: 1% }\n`), CHECK.tiersEmptyRange, "5 to 5");
    expectOne(sheet(`tiers t { 0 onward: 1%  0 onward: 2% }\n`), CHECK.tiersOnwardNotLast, "0 onward");
    expectOne(sheet(`tiers t {}\n`), CHECK.tiersEmpty, "t {}");
  });

  it("takes a first LOW other than zero and a table without onward", () => {
    expectClean(sheet(`tiers t { -10 to 0: 1%  (0) to 10: 2% }\nclause c { sharon pays nvidia revenue * tier(t, 5) }\n`));
  });
});

describe("names of tables", () => {
  it("suggests the closest table for a misspelt first argument (TN2127)", () => {
    const d = expectOne(sheet(`${VOLUME}clause c { sharon pays nvidia marginal(volume_shares, 0 USD, revenue) }\n`), CHECK.notATiersTable, "volume_shares");
    expect(d.message).toBe("the first argument of marginal must be the name of a tiers table, but there is no tiers table volume_shares; did you mean volume_share?");
  });

  it("refuses a value that is not a table as the first argument (TN2127)", () => {
    const d = expectOne(sheet(`${VOLUME}clause c { sharon pays nvidia marginal(revenue, 0 USD, revenue) }\n`), CHECK.notATiersTable, "revenue, 0");
    expect(d.message).toContain("revenue is an input, not a tiers table");
  });

  it("refuses a table's name used as a value (TN2128) and a second declaration of it (TN2002)", () => {
    expectOne(sheet(`${VOLUME}const x = volume_share\n`), CHECK.tiersUsedAsValue, "volume_share\n", "error", 1);
    expectOne(sheet(`${VOLUME}const volume_share = 1\n`), CHECK.duplicateDeclaration, "volume_share = 1");
  });

  it("reports an argument outside the bounds' unit (TN2038) and a wrong argument count (TN2007)", () => {
    const d = expectOne(sheet(`${VOLUME}clause c { sharon pays nvidia marginal(volume_share, 0, revenue) }\n`), CHECK.argumentUnitMismatch, "0, revenue");
    expect(d.message).toBe("marginal needs base_before in the unit of volume_share's bounds (USD), but 0 is number");
    expectOne(sheet(`${VOLUME}clause c { sharon pays nvidia revenue * tier(volume_share) }\n`), CHECK.wrongArgumentCount, "tier(volume_share)");
  });
});
