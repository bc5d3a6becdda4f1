import { describe, expect, it } from "vitest";
import { checkSource } from "../../src/api.ts";
import { analyze } from "../../src/editor/analyze.ts";
import { invalidName, occurrencesAt, planRename, replaceRanges } from "../../src/editor/occurrences.ts";
import { STDLIB } from "../stdlib-options.ts";

const SHEET = `import revenue_share from "stdlib/revenue-share"

deal "D"

parties {
  a: "A"
  b: "B"
}

term 2026-01-01 to 2026-12-31, monthly
currency USD

input revenue: USD
const rate = 10%

use revenue_share as share {
  payer = a
  payee = b
  base = revenue
  rate = rate
}

clause fee {
  let base = revenue * rate
  a pays b base
}

test "the fee" {
  period 2026-01-01 { revenue = 100 USD }
  expect a pays b 10 USD under fee
}
`;

const { index } = analyze({ version: 1, source: SHEET, inputs: null }, STDLIB);
const at = (needle: string, delta = 0) => SHEET.indexOf(needle) + delta;
const texts = (ranges: readonly { start: number; end: number }[]) => ranges.map((r) => `${r.start}:${SHEET.slice(r.start, r.end)}`);

describe("occurrences of a name", () => {
  it("finds a const's declaration and uses, in a template's arguments and a clause alike", () => {
    const found = occurrencesAt(index, at("const rate", 6))!;
    expect(found.symbol.kind).toBe("const");
    expect(texts([found.declaration!])).toEqual([`${at("const rate", 6)}:rate`]);
    expect(texts(found.uses)).toEqual([`${at("rate = rate", 7)}:rate`, `${at("revenue * rate", 10)}:rate`]);
  });

  it("finds a party given to a template's parameter as a use of the party", () => {
    const found = occurrencesAt(index, at("payer = a", 8))!;
    expect(found.symbol.kind).toBe("party");
    expect(texts(found.uses)).toEqual([at("payer = a", 8), at("a pays b base"), at("expect a pays", 7)].map((o) => `${o}:a`));
  });

  it("keeps a let apart from a template parameter of the same name", () => {
    const found = occurrencesAt(index, at("let base", 4))!;
    expect(found.symbol.kind).toBe("let");
    expect(texts(found.uses)).toEqual([`${at("b base", 2)}:base`]);
  });
});

describe("rename", () => {
  it("renames every occurrence of a party and the renamed sheet still checks", () => {
    const plan = planRename(index, SHEET, at("payee = b", 8), "vendor", STDLIB);
    expect(plan.ok).toBe(true);
    if (!plan.ok) return;
    const renamed = replaceRanges(SHEET, plan.ranges, "vendor");
    expect(renamed).toContain("  vendor: \"B\"\n");
    expect(renamed).toContain("payee = vendor\n");
    expect(renamed).toContain("a pays vendor base\n");
    expect(renamed).toContain("expect a pays vendor 10 USD under fee\n");
    expect(checkSource(renamed, STDLIB).diagnostics).toEqual([]);
  });

  it("refuses a name already taken, with the checker's reason", () => {
    const plan = planRename(index, SHEET, at("const rate", 6), "revenue", STDLIB);
    expect(plan.ok).toBe(false);
    if (plan.ok) return;
    expect(plan.reason).toMatch(/^renaming rate to revenue would not check: .+ \[TN2\d{3}\]$/);
  });

  it("refuses imported templates and built-ins, which this sheet does not declare", () => {
    const template = planRename(index, SHEET, at("use revenue_share", 4), "shares", STDLIB);
    expect(template).toEqual({ ok: false, reason: "revenue_share is a template declared in an imported file: only names declared in this term sheet can be renamed" });
    expect(planRename(index, SHEET, at("} as", 0), "x", STDLIB)).toEqual({ ok: false, reason: "there is no declared name here" });
  });

  it("says why a new name is no name", () => {
    expect(invalidName("net")).toBe('"net" is a keyword');
    expect(invalidName("a-b")).toBe('"a-b" is not a name: letters, digits and _, not starting with a digit');
    expect(invalidName("_ok2")).toBeNull();
  });
});
