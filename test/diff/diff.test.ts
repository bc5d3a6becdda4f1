/**
 * The redline of examples/sharon-dsx against edited versions of itself:
 * each kind of change has its English line and its money delta, the delta
 * checked against two runs subtracted independently (./versions.ts).
 */
import { describe, expect, it } from "vitest";
import { diffPrograms, renderDiff } from "../../src/diff/index.ts";
import { changedPeriods, check, clause, cut, delta, edit, pair, SHARON, SHARON_DATA } from "./versions.ts";

function redline(oldText: string, newText: string) {
  return diffPrograms(check(oldText), check(newText), SHARON_DATA);
}

const lines = (r: ReturnType<typeof redline>) => r.terms.map((t) => t.text);
const clauseDelta = (r: ReturnType<typeof redline>, name: string) => r.money!.clauses.find((c) => c.clause === name)?.delta;
const pairDelta = (r: ReturnType<typeof redline>, payer: string, payee: string) => r.money!.pairs.find((p) => p.payer === payer && p.payee === payee)?.delta;

describe("tenor diff: no change", () => {
  it("a sheet reformatted (indentation, blank lines, spacing) states the same terms and settles the same", () => {
    const reformatted = SHARON.replace(/\n\n+/g, "\n").replace(/^ {2}/gm, "      ").replace(/ = /g, "   =   ");
    expect(reformatted).not.toBe(SHARON);
    const r = redline(SHARON, reformatted);
    expect(r.equal).toBe(true);
    expect(r.terms).toEqual([]);
    expect(r.money!.periods).toEqual([]);
    expect(r.money!.total.delta).toBe("0.00");
    expect(renderDiff(r, "text")).toContain("No change: the two versions state the same terms");
  });

  it("a sheet with every comment removed and new ones added is no change", () => {
    const recommented = SHARON.replace(/\/\/.*$/gm, "").replace("deal \"", "// a note for the other side\ndeal \"");
    expect(recommented).not.toContain("invented");
    const r = redline(SHARON, recommented);
    expect(r.equal).toBe(true);
    expect(r.terms).toEqual([]);
    expect(r.money!.summary).toEqual([]);
  });

  it("a changed test block is no change in the terms", () => {
    const r = redline(SHARON, edit(SHARON, "test \"a month at exactly 70% breaks the run\"", "test \"seventy percent is not below seventy\""));
    expect(r.equal).toBe(true);
  });
});

describe("tenor diff: each kind of change, in words and in money", () => {
  it("a schedule rate from 12.5% to 12% reads as such and pays NVIDIA less in contract year 2 only", () => {
    const next = edit(SHARON, "year 2: 12.5%", "year 2: 12%");
    const r = redline(SHARON, next);
    expect(r.equal).toBe(false);
    expect(lines(r)).toEqual(["share_rate: contract year 2 from 12.5% to 12% (used by revenue_share)"]);
    expect(clauseDelta(r, "revenue_share")).toBe(delta(SHARON, next, clause("revenue_share")));
    expect(clauseDelta(r, "revenue_share")).toBe("-4458240.00");
    expect(r.money!.periods.map((p) => p.index)).toEqual(changedPeriods(SHARON, next, clause("revenue_share")));
    expect(r.money!.summary).toEqual(["Sharon AI pays NVIDIA Corporation $4,458,240.00 less over the term, all under revenue_share, periods 13–24."]);
  });

  it("a rate held in a value, from 0.5% to 0.6%, names the clause that uses it", () => {
    const next = edit(SHARON, "const guarantee_fee_rate = 0.5%", "const guarantee_fee_rate = 0.6%");
    const r = redline(SHARON, next);
    expect(lines(r)).toEqual(["guarantee_fee_rate: from 0.5% to 0.6% (used by guarantee_fee)"]);
    expect(clauseDelta(r, "guarantee_fee")).toBe(delta(SHARON, next, clause("guarantee_fee")));
    expect(r.money!.total.delta).toBe(delta(SHARON, next, () => true));
  });

  it("a cap from $75,000,000 to $80,000,000 over the term lets NVIDIA buy $5,000,000 more", () => {
    const next = edit(SHARON, "term_cap = 75 million USD", "term_cap = 80 million USD");
    const r = redline(SHARON, next);
    expect(lines(r)).toEqual(["capacity_buyback: cap over the term from $75,000,000 to $80,000,000"]);
    expect(clauseDelta(r, "capacity_buyback")).toBe(delta(SHARON, next, clause("capacity_buyback")));
    expect(clauseDelta(r, "capacity_buyback")).toBe("5000000.00");
    expect(r.money!.summary[0]).toMatch(/^NVIDIA Corporation pays Sharon AI \$5,000,000\.00 more over the term, all under capacity_buyback, periods? /);
  });

  it("a window moved six months earlier reads as moved and takes the buyback of the later months away", () => {
    const next = edit(SHARON, "sunset = 2029-06-30", "sunset = 2028-12-31");
    const r = redline(SHARON, next);
    expect(lines(r)).toEqual(["capacity_buyback: window moved: from months starting on or before 30 June 2029 to months starting on or before 31 December 2028"]);
    expect(r.terms[0]!.change).toBe("moved");
    expect(clauseDelta(r, "capacity_buyback")).toBe(delta(SHARON, next, clause("capacity_buyback")));
    expect(clauseDelta(r, "capacity_buyback")).toBe("-35000000.00");
    expect(r.money!.periods.map((p) => p.index)).toEqual(changedPeriods(SHARON, next, () => true));
  });

  it("a trigger of 4 weak months instead of 3 reads as a changed trigger and pays in fewer months", () => {
    const next = edit(SHARON, "weak_periods = 3", "weak_periods = 4");
    const r = redline(SHARON, next);
    expect(lines(r)).toEqual([
      "capacity_buyback: trigger changed; before: if “utilization” is below 70% for 3 consecutive months; now: if “utilization” is below 70% for 4 consecutive months",
    ]);
    expect(clauseDelta(r, "capacity_buyback")).toBe(delta(SHARON, next, clause("capacity_buyback")));
    expect(clauseDelta(r, "capacity_buyback")).toBe("-18878400.00");
    expect(r.money!.periods.map((p) => p.index)).toEqual(changedPeriods(SHARON, next, () => true));
  });

  it("a payee changed from NVIDIA to the landlord moves the whole revenue share from one pair to the other", () => {
    const next = edit(SHARON, "  payer = sharon\n  payee = nvidia\n  base = revenue", "  payer = sharon\n  payee = landlord\n  base = revenue");
    const r = redline(SHARON, next);
    expect(lines(r)).toEqual(["revenue_share: payee from NVIDIA Corporation to Campus lessor"]);
    expect(pairDelta(r, "sharon", "landlord")).toBe(delta(SHARON, next, pair("sharon", "landlord")));
    expect(pairDelta(r, "sharon", "nvidia")).toBe(delta(SHARON, next, pair("sharon", "nvidia")));
    expect(pairDelta(r, "sharon", "landlord")).toBe("493464042.00");
    expect(clauseDelta(r, "revenue_share")).toBe("0.00");
    expect(r.money!.summary).toEqual([
      "Sharon AI pays Campus lessor $493,464,042.00 more over the term, all under revenue_share, periods 1–72.",
      "Sharon AI pays NVIDIA Corporation $493,464,042.00 less over the term, all under revenue_share, periods 1–72.",
    ]);
  });

  it("a party's legal name changed reads as such and changes no amount", () => {
    const r = redline(SHARON, edit(SHARON, 'sharon: "Sharon AI"', 'sharon: "Sharon AI Limited"'));
    expect(lines(r)).toEqual(["sharon: party from Sharon AI to Sharon AI Limited"]);
    expect(r.money!.periods).toEqual([]);
    expect(r.equal).toBe(false);
  });

  it("an added clause is listed with its sentences and pays what its own run pays", () => {
    const added = 'clause marketing "Marketing fund" {\n  nvidia pays sharon revenue * 1%\n  cap 2 million USD per contract_year\n}\n\n';
    const next = edit(SHARON, "// ---------------------------------------------------------------------------\n// Tests:", `${added}// ---------------------------------------------------------------------------\n// Tests:`);
    const r = redline(SHARON, next);
    expect(r.terms).toEqual([{
      section: "clauses", subject: "marketing", change: "added", text: "marketing: clause added (“Marketing fund”)",
      details: [
        "NVIDIA Corporation pays Sharon AI 1% of the revenue.",
        "The payments under this clause are capped at $2,000,000 in each contract year; a payment that would pass the cap is cut to what is left of it.",
      ],
    }]);
    const row = r.money!.clauses.find((c) => c.clause === "marketing")!;
    expect(row.presence).toBe("new");
    expect(row.old).toBe("0.00");
    expect(row.delta).toBe(delta(SHARON, next, clause("marketing")));
    expect(row.delta).toBe("12000000.00");
  });

  it("a removed clause is listed with what it said and its payments go", () => {
    const next = cut(cut(SHARON, "// 3. Lease guarantee.", "// 4. Guarantee fee"), 'test "only a default left uncured', 'test "the guarantee fee for a leap-year February"');
    const r = redline(SHARON, next);
    expect(lines(r)).toEqual(["lease_guarantee: clause removed (“Lease guarantee”)"]);
    expect(r.terms[0]!.details.length).toBeGreaterThan(0);
    const row = r.money!.clauses.find((c) => c.clause === "lease_guarantee")!;
    expect(row.presence).toBe("old");
    expect(row.delta).toBe(delta(SHARON, next, clause("lease_guarantee")));
    expect(row.delta).toBe("-19440000.00");
    expect(pairDelta(r, "nvidia", "landlord")).toBe("-19440000.00");
  });

  it("without data only the terms compare", () => {
    const r = diffPrograms(check(SHARON), check(edit(SHARON, "year 2: 12.5%", "year 2: 12%")));
    expect(r.money).toBeNull();
    expect(r.failures).toEqual([]);
    expect(r.equal).toBe(false);
  });
});
