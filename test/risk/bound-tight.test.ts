/**
 * `tenor bound` is tight where it can be: for caps and simple rate clauses,
 * data at the ends of the declared ranges settles to a ledger whose totals
 * are exactly the bounds. And a clause without a finite bound names why.
 */
import { describe, expect, it } from "vitest";
import { runSource } from "../../src/api.ts";
import { BOUND } from "../../src/diagnostics/codes/bound.ts";
import { boundSource } from "../../src/api.ts";
import { boundJson, type BoundReport } from "../../src/risk/bound/index.ts";

const SHEET = `deal "Tight bounds"

parties {
  a: "A Corp"
  b: "B Corp"
}

term 2026-01-01 to 2027-12-31, monthly
currency USD

units gpu_hour

input sold: gpu_hour in 0 gpu_hour .. 1_000 gpu_hour
input revenue: USD in 0 USD .. 100_000 USD
event outage(hours: gpu_hour) at most 2 per term

clause rate {
  a pays b sold * 2.5 USD per gpu_hour
}

clause share {
  b pays a revenue * 10%
  cap 50_000 USD per contract_year
}

clause fee {
  a pays b 1_000 USD
  cap 15_000 USD over term
}

clause credits {
  on outage { a pays b 500 USD }
}

clause third {
  a pays b revenue / 3
}
`;

/** Every month at the top of its range, and both outages the count allows. */
function topData(): string {
  const periods = Array.from({ length: 24 }, (_, i) => {
    const month = `${2026 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, "0")}-01`;
    return { period: month, sold: "1000", revenue: "100000" };
  });
  const events = [
    { date: "2026-03-10", event: "outage", hours: "5" },
    { date: "2027-06-10", event: "outage", hours: "7" },
  ];
  return JSON.stringify({ periods, events });
}

function report(source: string): BoundReport {
  const r = boundSource(source);
  if (r.value === null) throw new Error(r.diagnostics.map((d) => d.message).join("\n"));
  return r.value;
}

/** The ledger's total per clause, over the run and per contract year. */
function settled(source: string, data: string): Map<string, string> {
  const run = runSource(source, [{ name: "inputs.json", text: data }]);
  if (run.ledger === null) throw new Error(run.diagnostics.map((d) => d.message).join("\n"));
  const totals = new Map<string, number>();
  const cents = (s: string): number => Math.round(Number(s) * 100); // small amounts in this test only
  for (const p of run.ledger.periods) {
    for (const l of p.lines) {
      for (const key of [`${l.clause} term`, `${l.clause} year ${p.contract_year}`]) totals.set(key, (totals.get(key) ?? 0) + cents(l.amount));
    }
  }
  return new Map([...totals].map(([k, v]) => [k, (v / 100).toFixed(2)]));
}

describe("tenor bound on caps and rate clauses", () => {
  const bound = report(SHEET);
  const json = boundJson(bound);
  const bounds = new Map(json.clauses.flatMap((c) => [[`${c.clause} term`, c.term.amount], ...c.contract_years.map((y, i) => [`${c.clause} year ${i + 1}`, y.amount] as const)]));
  const ledger = settled(SHEET, topData());

  it("bounds each clause by hand-worked figures", () => {
    // rate: at most 1,000 gpu_hour × 2.50 = 2,500.00 a month; 12 months a year, 24 in the term.
    expect([bounds.get("rate term"), bounds.get("rate year 1"), bounds.get("rate year 2")]).toEqual(["60000.00", "30000.00", "30000.00"]);
    // share: 10% of at most 100,000 = 10,000.00 a month, 120,000 a year, cut to the 50,000 cap in each year.
    expect([bounds.get("share term"), bounds.get("share year 1"), bounds.get("share year 2")]).toEqual(["100000.00", "50000.00", "50000.00"]);
    // fee: 1,000.00 a month, 12,000 a year, but 15,000 over the term.
    expect([bounds.get("fee term"), bounds.get("fee year 1"), bounds.get("fee year 2")]).toEqual(["15000.00", "12000.00", "12000.00"]);
    // credits: 500.00 an outage, at most 2 in the term: 1,000 over the term, and in any one year.
    expect([bounds.get("credits term"), bounds.get("credits year 1"), bounds.get("credits year 2")]).toEqual(["1000.00", "1000.00", "1000.00"]);
    // third: 100,000 / 3 = 33,333.33… rounds half-even to 33,333.33 a month: 399,999.96 a year.
    expect([bounds.get("third term"), bounds.get("third year 1")]).toEqual(["799999.92", "399999.96"]);
  });

  it("is attained by data at the ends of the ranges", () => {
    for (const clause of ["rate", "share", "fee", "credits", "third"]) expect(ledger.get(`${clause} term`)).toBe(bounds.get(`${clause} term`));
    for (const clause of ["rate", "share", "third"]) {
      expect(ledger.get(`${clause} year 1`)).toBe(bounds.get(`${clause} year 1`));
      expect(ledger.get(`${clause} year 2`)).toBe(bounds.get(`${clause} year 2`));
    }
    // The fee's first year pays 12,000 and its cap leaves 3,000 for the second, as its bound of 15,000 over the term says.
    expect(ledger.get("fee year 1")).toBe("12000.00");
  });

  it("names the input that leaves a clause unbounded, as a warning", () => {
    const source = SHEET.replace("input revenue: USD in 0 USD .. 100_000 USD", "input revenue: USD in 0 USD ..");
    const r = boundSource(source);
    const warnings = r.diagnostics.filter((d) => d.code === BOUND.clauseUnbounded);
    // share stays capped (50,000 a year); only the uncapped third has no bound.
    expect(warnings.map((d) => [d.severity, d.message])).toEqual([["warning", "clause third has no finite bound: revenue has no declared upper bound"]]);
    expect(warnings[0]!.range).toEqual({ start: source.indexOf("clause third"), end: source.length - 1 });
    const share = r.value!.clauses.find((c) => c.name === "share")!;
    expect(share.term.toString()).toBe("100000");
  });

  it("carries a balance that events change into the periods after them", () => {
    // Each draw adds 5,000 to what b owes; b repays at most 1,000 a month, from
    // what was owed before the month's draws. Period 1 owes nothing yet, so
    // at most 23 months × 1,000 = 23,000. Three draws in January settle to
    // 15 repayments of 1,000.
    const source = `deal "Repay"\nparties {\n  a: "A"\n  b: "B"\n}\nterm 2026-01-01 to 2027-12-31, monthly\ncurrency USD\nevent draw() at most 3 per term\nclause repay {\n  balance owed = 0 USD\n  let due = min(owed, 1_000 USD)\n  b pays a due\n  subtract due from owed\n  on draw { add 5_000 USD to owed }\n}\n`;
    const r = report(source);
    expect(r.clauses[0]!.term.toString()).toBe("23000");
    const data = JSON.stringify({
      periods: Array.from({ length: 24 }, (_, i) => ({ period: `${2026 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, "0")}-01` })),
      events: [1, 2, 3].map((d) => ({ date: `2026-01-0${d}`, event: "draw" })),
    });
    expect(settled(source, data).get("repay term")).toBe("15000.00");
  });

  it("names the event that has no count", () => {
    const source = SHEET.replace("event outage(hours: gpu_hour) at most 2 per term", "event outage(hours: gpu_hour)");
    const messages = boundSource(source).diagnostics.map((d) => d.message);
    expect(messages).toEqual(["clause credits has no finite bound: outage has no declared count (at most N per term, contract_year or period)"]);
  });
});
