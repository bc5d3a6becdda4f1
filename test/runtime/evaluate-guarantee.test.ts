import { describe, expect, it } from "vitest";
import { ledgerOf, lines, nets } from "./helpers.ts";

// A guarantee drawn on default events under a term cap, a day-count fee and
// warrants at signing. Hand-computed: fee = 10,000,000 × 1% × days / 365.
const DEAL = `
deal "Guarantee with a fee"
parties {
  nvidia: "NVIDIA Corporation"
  op: "Operator"
  landlord: "Lessor"
}
term 2027-01-01 to 2027-12-31, quarterly
currency USD
settle net

event lease_default(missed_rent: USD)
const guaranteed = 10 million USD

clause lease_guarantee "Lease guarantee" {
  on lease_default {
    nvidia pays landlord missed_rent
  }
  cap 5 million USD over term
}

clause guarantee_fee "Guarantee fee" {
  op pays nvidia guaranteed * 1% * days / 365
}

clause warrants {
  at signing {
    op grants nvidia 1_000 warrants at 12.345 USD
  }
}
`;

const ROWS = [{ period: "2027-01-01" }, { period: "2027-04-01" }, { period: "2027-07-01" }, { period: "2027-10-01" }];
// Already in date order, as DealData promises; the two on 2027-11-05 keep input order.
const EVENTS = [
  { date: "2027-05-15", event: "lease_default", missed_rent: "3000000" },
  { date: "2027-08-10", event: "lease_default", missed_rent: "1000000" },
  { date: "2027-08-20", event: "lease_default", missed_rent: "1500000" },
  { date: "2027-11-05", event: "lease_default", missed_rent: "400000" },
  { date: "2027-11-05", event: "lease_default", missed_rent: "100000" },
];

describe("a guarantee deal with events, a term cap, a day-count fee and a grant", () => {
  const ledger = ledgerOf(DEAL, ROWS, EVENTS);

  it("gives the quarterly periods with their days and contract year", () => {
    expect(ledger.deal).toBe("Guarantee with a fee");
    expect(ledger.currency).toBe("USD");
    expect(ledger.periods.map((p) => [p.index, p.start, p.end, p.contract_year, p.days])).toEqual([
      [1, "2027-01-01", "2027-03-31", 1, 90],
      [2, "2027-04-01", "2027-06-30", 1, 91],
      [3, "2027-07-01", "2027-09-30", 1, 92],
      [4, "2027-10-01", "2027-12-31", 1, 92],
    ]);
  });

  it("pays each event in date order, cuts the one that exhausts the cap and records 0.00 lines after it", () => {
    expect(lines(ledger)).toEqual([
      "1 guarantee_fee op>nvidia 24657.53 24657.53",
      "2 lease_guarantee nvidia>landlord 3000000.00 3000000.00",
      "2 guarantee_fee op>nvidia 24931.51 24931.51",
      "3 lease_guarantee nvidia>landlord 1000000.00 1000000.00",
      "3 lease_guarantee nvidia>landlord 1500000.00 1000000.00 capped",
      "3 guarantee_fee op>nvidia 25205.48 25205.48",
      "4 lease_guarantee nvidia>landlord 400000.00 0.00 capped",
      "4 lease_guarantee nvidia>landlord 100000.00 0.00 capped",
      "4 guarantee_fee op>nvidia 25205.48 25205.48",
    ]);
  });

  it("uses the clause name as the title when the clause has none, and the quoted title otherwise", () => {
    expect(ledger.periods[0]!.lines[0]!.title).toBe("Guarantee fee");
    expect(ledger.periods[0]!.grants[0]!.clause).toBe("warrants");
  });

  it("grants at signing in period 1 only, with the price rounded to cents", () => {
    expect(ledger.periods.map((p) => p.grants.length)).toEqual([1, 0, 0, 0]);
    expect(ledger.periods[0]!.grants).toEqual([
      { clause: "warrants", grantor: "op", grantee: "nvidia", quantity: "1000", instrument: "warrants", price: "12.34" },
    ]);
  });

  it("nets per pair and leaves out pairs that only had 0.00 lines", () => {
    expect(nets(ledger)).toEqual([
      "1 op>nvidia 24657.53",
      "2 nvidia>landlord 3000000.00",
      "2 op>nvidia 24931.51",
      "3 nvidia>landlord 2000000.00",
      "3 op>nvidia 25205.48",
      "4 op>nvidia 25205.48",
    ]);
  });

  it("totals per pair in order of first appearance", () => {
    expect(ledger.totals).toEqual([
      { payer: "op", payee: "nvidia", amount: "100000.00" },
      { payer: "nvidia", payee: "landlord", amount: "5000000.00" },
    ]);
  });

  it("traces the event argument of a guarantee line and the const and day count of a fee line", () => {
    expect(ledger.periods[1]!.lines[0]!.trace).toEqual([{ name: "missed_rent", value: "3000000", unit: "USD" }]);
    expect(ledger.periods[0]!.lines[0]!.trace).toEqual([
      { name: "guaranteed", value: "10000000", unit: "USD" },
      { name: "days", value: "90" },
    ]);
  });

  it("settles only the periods given", () => {
    const two = ledgerOf(DEAL, ROWS.slice(0, 2), EVENTS.slice(0, 1));
    expect(two.periods.map((p) => p.index)).toEqual([1, 2]);
    expect(two.totals).toEqual([
      { payer: "op", payee: "nvidia", amount: "49589.04" },
      { payer: "nvidia", payee: "landlord", amount: "3000000.00" },
    ]);
  });
});
