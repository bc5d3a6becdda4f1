/**
 * `tenor bound` on the shipped examples and the stdlib's demonstration
 * deals, against bounds worked out by hand (the reasoning beside each).
 * Amounts are the JSON report's: exact, with the currency's decimals.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { boundSource } from "../../src/api.ts";
import { boundJson, type BoundJson } from "../../src/risk/bound/index.ts";
import { fileOptions } from "../stdlib-options.ts";

type Json = BoundJson;

function bound(path: string): { json: Json; codes: string[] } {
  const url = new URL(`../../${path}`, import.meta.url);
  const r = boundSource(readFileSync(url, "utf8"), fileOptions(url.pathname));
  if (r.value === null) throw new Error(r.diagnostics.map((d) => d.message).join("\n"));
  return { json: boundJson(r.value), codes: r.diagnostics.map((d) => d.code) };
}

function clause(json: Json, name: string): { term: string | null; years: (string | null)[]; unbounded?: string } {
  const c = json.clauses.find((x) => x.clause === name);
  if (c === undefined) throw new Error(`no clause ${name}`);
  return { term: c.term.amount, years: c.contract_years.map((y) => y.amount), ...(c.term.unbounded === undefined ? {} : { unbounded: c.term.unbounded }) };
}

describe("tenor bound on examples/coreweave-backstop.tenor", () => {
  const { json, codes } = bound("examples/coreweave-backstop.tenor");

  it("bounds the residual purchase by its caps alone", () => {
    // The inputs declare no ranges, so the monthly purchase has no bound of
    // its own; the caps give one: 1 billion in each of the 7 contract years
    // (2025-10-01 … 2032-04-13 starts 7 of them), and 6.3 billion over the
    // term, which is less than 7 × 1 billion.
    expect(clause(json, "residual_purchase")).toEqual({ term: "6300000000.00", years: Array(7).fill("1000000000.00") });
  });

  it("bounds the rent-back by its instalments", () => {
    // 1,300,000,000 / 48 = 27,083,333.33 a month (half-even), from October
    // 2025 through August 2027 (`until 2027-08-31`): 12 months in contract
    // year 1 = 324,999,999.96, 11 in year 2 = 297,916,666.63, 23 in all =
    // 622,916,666.59, none after.
    expect(clause(json, "rent_back")).toEqual({
      term: "622916666.59",
      years: ["324999999.96", "297916666.63", "0.00", "0.00", "0.00", "0.00", "0.00"],
    });
  });

  it("adds the clauses up per pair and warns of nothing", () => {
    // 6,300,000,000.00 + 622,916,666.59.
    expect(json.totals).toEqual([expect.objectContaining({ payer: "nvidia", payee: "coreweave", term: { amount: "6922916666.59" } })]);
    expect(codes).toEqual([]);
  });
});

describe("tenor bound on examples/sharon-dsx.tenor", () => {
  const { json, codes } = bound("examples/sharon-dsx.tenor");

  it("bounds the buyback by its caps and its sunset", () => {
    // 40 million a contract year; the sunset 2029-06-30 is the end of
    // contract year 3 (the term starts 2026-07-01), so years 4–6 pay
    // nothing; 3 × 40 million is above the 75 million term cap.
    expect(clause(json, "capacity_buyback")).toEqual({ term: "75000000.00", years: ["40000000.00", "40000000.00", "40000000.00", "0.00", "0.00", "0.00"] });
  });

  it("reports the revenue share unbounded, since revenue declares no upper bound", () => {
    expect(clause(json, "revenue_share")).toMatchObject({ term: null, unbounded: "revenue has no declared upper bound" });
    expect(codes).toEqual(["TN6101"]);
  });
});

describe("tenor bound on the stdlib's demonstration deals", () => {
  it("backstop: the year cap in each covered year, the term cap over all", () => {
    // Term 2025-10-01 to 2030-09-30: five contract years; the sunset
    // 2029-09-30 ends year 4, so year 5 pays nothing. 4 × 100 million is
    // above the 150 million term cap.
    const { json } = bound("stdlib/backstop.tenor");
    expect(clause(json, "residual_purchase")).toEqual({ term: "150000000.00", years: ["100000000.00", "100000000.00", "100000000.00", "100000000.00", "0.00"] });
  });

  it("escalator: fixed fees, so the bound is what is paid", () => {
    // 1,500,000 a month in year 1, 3% more each year: 12 × 1,500,000 =
    // 18,000,000; 12 × 1,545,000 = 18,540,000; year 6: 1,500,000 ×
    // 1.1592740743 = 1,738,911.11 a month, × 12 = 20,866,933.32.
    const { json } = bound("stdlib/escalator.tenor");
    const fee = clause(json, "support_fee");
    expect([fee.years[0], fee.years[1], fee.years[5]]).toEqual(["18000000.00", "18540000.00", "20866933.32"]);
    // Colocation: 72,000 kW × 180 USD = 12,960,000 a month in year 1.
    expect(clause(json, "colocation").years[0]).toBe("155520000.00");
  });

  it("guarantee: the fee by the day, and the guarantee by its cap", () => {
    // Fee 860 million × 0.5% = 4,300,000 a year, by days / 365 each month:
    // 31 days → 365,205.48, 30 → 353,424.66, 28 → 329,863.01. Contract year
    // 1 (2026-07 … 2027-06) has 7 months of 31 days, 4 of 30 and a
    // February of 28: 4,300,000.01.
    const { json } = bound("stdlib/guarantee.tenor");
    expect(clause(json, "fee").years[0]).toBe("4300000.01");
    // The missed rent is an event argument without a bound and the event
    // has no count, but the cap of 860 million over the term bounds all.
    expect(clause(json, "lease_guarantee").term).toBe("860000000.00");
  });

  it("lease guarantee with step-in: unbounded, for the default declares no count", () => {
    const { json, codes } = bound("stdlib/lease-guarantee.tenor");
    expect(clause(json, "facility_guarantee")).toMatchObject({ term: null, unbounded: "lease_default has no declared count (at most N per term, contract_year or period)" });
    expect(codes).toEqual(["TN6101"]);
  });
});
