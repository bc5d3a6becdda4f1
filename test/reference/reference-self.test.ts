/**
 * The reference evaluator checked against numbers worked out by hand from
 * the brief and docs/language.md, so the differential property compares
 * the interpreter with something known to be right on its own.
 */
import { describe, expect, it } from "vitest";
import { checkSource } from "../../src/api.ts";
import { addMonths, contractYearOf, iso, parseIso, termPeriods } from "./calendar.ts";
import { Rat } from "./rational.ts";
import { referenceRun, refDataFromJson } from "./reference-run.ts";

const r = (text: string) => Rat.parse(text);
const date = (text: string) => parseIso(text)!;

describe("the reference's rationals", () => {
  it("divide exactly, so a day count divided first or last gives the same cents: 36.5 million × 10% × 31 / 365", () => {
    expect(r("9000000").divExact(r("365")).round(20, "half_even").toFixed(20)).toBe("24657.53424657534246575342");
    const first = r("36500000").mul(r("0.1")).mul(r("31").divExact(r("365")));
    const last = r("36500000").mul(r("0.1")).mul(r("31")).divExact(r("365"));
    expect([first.round(2, "down").toFixed(2), last.round(2, "down").toFixed(2)]).toEqual(["310000.00", "310000.00"]);
  });

  it("round ties by each mode as the currency table in docs §5 shows", () => {
    const row = (mode: "half_even" | "half_up" | "down" | "up") => ["2.345", "2.355", "2.341"].map((x) => r(x).round(2, mode).toFixed(2));
    expect(row("half_even")).toEqual(["2.34", "2.36", "2.34"]);
    expect(row("half_up")).toEqual(["2.35", "2.36", "2.34"]);
    expect(row("down")).toEqual(["2.34", "2.35", "2.34"]);
    expect(row("up")).toEqual(["2.35", "2.36", "2.35"]);
  });

  it("round negative ties away from zero under half_up and towards zero under down", () => {
    expect(r("-2.345").round(2, "half_up").toFixed(2)).toBe("-2.35");
    expect(r("-2.345").round(2, "down").toFixed(2)).toBe("-2.34");
    expect(r("-2.345").round(2, "floor").toFixed(2)).toBe("-2.35");
  });

  it("print canonically without trailing zeros", () => {
    expect(r("1000000.000").toString()).toBe("1000000");
    expect(r("0.1250").toString()).toBe("0.125");
    expect(Rat.of(1n, 8n).toString()).toBe("0.125");
  });
});

describe("the reference's calendar", () => {
  it("clamps month ends as in the docs §6 table: term 2027-01-31 to 2027-06-30, monthly", () => {
    const periods = termPeriods(date("2027-01-31"), date("2027-06-30"), "monthly");
    expect(periods.map((p) => `${iso(p.start)} ${iso(p.end)} ${p.days}`)).toEqual([
      "2027-01-31 2027-02-27 28",
      "2027-02-28 2027-03-30 31",
      "2027-03-31 2027-04-29 30",
      "2027-04-30 2027-05-30 31",
      "2027-05-31 2027-06-29 30",
      "2027-06-30 2027-06-30 1",
    ]);
  });

  it("ends a quarterly term in a stub: 2026-07-01 to 2032-04-13 has 24 periods", () => {
    const periods = termPeriods(date("2026-07-01"), date("2032-04-13"), "quarterly");
    expect(periods).toHaveLength(24);
    expect(periods[0]).toMatchObject({ index: 1, days: 92, contractYear: 1 });
    expect([iso(periods[23]!.start), iso(periods[23]!.end), periods[23]!.days, periods[23]!.contractYear]).toEqual(["2032-04-01", "2032-04-13", 13, 6]);
  });

  it("adds months with the month-end clamp: 2028-01-31 + 1 months = 2028-02-29", () => {
    expect(iso(addMonths(date("2028-01-31"), 1))).toBe("2028-02-29");
  });

  it("starts contract year 2 on the first anniversary, clamped after a leap day", () => {
    expect(contractYearOf(date("2028-02-29"), date("2029-02-27"))).toBe(1);
    expect(contractYearOf(date("2028-02-29"), date("2029-02-28"))).toBe(2);
  });
});

const DEAL = `
deal "Self test"
parties { a: "A"  b: "B" }
term 2027-01-01 to 2027-12-31, quarterly
currency USD
settle net
input revenue: USD
clause fee "Guarantee fee" {
  a pays b 20 million USD * 0.5% * days / 365
}
clause buyback {
  b pays a revenue
  cap 150 million USD per contract_year
}
`;

describe("the reference evaluator", () => {
  const checked = checkSource(DEAL).value!;
  const run = (rows: string[]) =>
    referenceRun(checked, refDataFromJson(JSON.stringify({ periods: rows.map((revenue, i) => ({ period: ["2027-01-01", "2027-04-01", "2027-07-01"][i], revenue })) })));

  it("settles the docs §9 guarantee fee in a 90-day quarter to 24657.53", () => {
    const result = run(["0"]);
    expect(result.ok && result.ledger.periods[0]!.lines).toEqual([
      { clause: "fee", title: "Guarantee fee", payer: "a", payee: "b", computed: "24657.53", amount: "24657.53", capped: false },
    ]);
  });

  it("cuts a payment to the cap's headroom, then to zero, as in the docs §9 cap example", () => {
    const result = run(["149000000", "21312000", "21312000"]);
    if (!result.ok) throw new Error(result.message);
    const buyback = result.ledger.periods.map((p) => p.lines.filter((l) => l.clause === "buyback").map((l) => [l.computed, l.amount, l.capped]));
    expect(buyback).toEqual([
      [["149000000.00", "149000000.00", false]],
      [["21312000.00", "1000000.00", true]],
      [["21312000.00", "0.00", true]],
    ]);
    // net: b owes a 1000000.00, a owes b the fee (91 days: 24931.51)
    expect(result.ledger.periods[1]!.net).toEqual([{ from: "b", to: "a", amount: "975068.49" }]);
    expect(result.ledger.totals).toEqual([
      { payer: "a", payee: "b", amount: "74794.52" },
      { payer: "b", payee: "a", amount: "150000000.00" },
    ]);
  });
});
