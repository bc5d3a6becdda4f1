/**
 * The real-deal example term sheets in examples/: each checks cleanly, its own
 * `test` blocks pass, and its ledger over its inputs file equals a committed
 * baseline byte for byte. A few hand-computed numbers are asserted directly so
 * the baseline is not the only check.
 *
 * To regenerate a baseline after a deliberate change (check the diff by hand):
 *   npx tenor run examples/NAME.tenor --inputs examples/NAME.inputs.json --format json --no-trace \
 *     > test/examples/NAME.ledger.json
 * The inputs files themselves come from `node scripts/generate-example-inputs.mjs`.
 *
 * The examples import templates from stdlib/, so every call passes a module
 * host over the disk, as the CLI does.
 */
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { checkSource, runSource, testSource } from "../../src/api.ts";
import type { Ledger } from "../../src/api.ts";
import type { LedgerLine, LedgerPeriod } from "../../src/ledger/ledger.ts";
import { ledgerToJson } from "../../src/ledger/format-json.ts";
import { nodeHost } from "../../src/modules/node-host.ts";

const root = resolve(fileURLToPath(new URL("../..", import.meta.url)));
const read = (path: string) => readFileSync(join(root, path), "utf8");

const EXAMPLES = ["sharon-dsx", "coreweave-backstop", "firmus-campus"] as const;
type Example = (typeof EXAMPLES)[number];

const sourceOf = (name: Example) => read(`examples/${name}.tenor`);
/** Serves the example's imports (`stdlib/…`, `./…`) from the disk. */
const optionsOf = (name: Example) => ({ modules: nodeHost(join(root, `examples/${name}.tenor`), (p) => readFileSync(p, "utf8")) });

/** Runs an example over its inputs file; fails the test on any diagnostic. */
function ledgerOf(name: Example): Ledger {
  const inputs = `examples/${name}.inputs.json`;
  const run = runSource(sourceOf(name), [{ name: inputs, text: read(inputs) }], optionsOf(name));
  expect(run.diagnostics.map((d) => `${d.code} ${d.message}`)).toEqual([]);
  expect(run.failure).toBeNull();
  return run.ledger!;
}

const ledgers = new Map<Example, Ledger>();
const ledger = (name: Example): Ledger => {
  if (!ledgers.has(name)) ledgers.set(name, ledgerOf(name));
  return ledgers.get(name)!;
};

const period = (l: Ledger, start: string): LedgerPeriod => {
  const p = l.periods.find((q) => q.start === start);
  if (p === undefined) throw new Error(`no period ${start}`);
  return p;
};
const linesOf = (l: Ledger, start: string, clause: string): LedgerLine[] =>
  period(l, start).lines.filter((x) => x.clause === clause);
/** computed / amount / capped of the lines of one clause in one period. */
const money = (l: Ledger, start: string, clause: string) =>
  linesOf(l, start, clause).map((x) => [x.computed, x.amount, x.capped]);

describe.each(EXAMPLES)("the %s example", (name) => {
  it("checks with no errors and no warnings", () => {
    const checked = checkSource(sourceOf(name), optionsOf(name));
    expect(checked.diagnostics.map((d) => `${d.severity} ${d.code} ${d.message}`)).toEqual([]);
    expect(checked.value).not.toBeNull();
  });

  it("passes all of its own test blocks", () => {
    const result = testSource(sourceOf(name), optionsOf(name));
    expect(result.diagnostics).toEqual([]);
    const tests = result.value!;
    expect(tests.length).toBeGreaterThanOrEqual(5);
    expect(tests.filter((t) => !t.passed).map((t) => `${t.title}: ${t.problems.map((p) => p.message).join("; ")}`)).toEqual([]);
  });

  it("settles its inputs to the committed baseline ledger byte for byte", () => {
    expect(ledgerToJson(ledger(name))).toBe(read(`test/examples/${name}.ledger.json`));
  });
});

describe("the Sharon AI example by hand", () => {
  const l = () => ledger("sharon-dsx");

  it("covers the whole six-year term, 72 months", () => {
    expect(l().periods).toHaveLength(72);
    expect(l().periods.at(-1)).toMatchObject({ index: 72, start: "2032-06-01", end: "2032-06-30", contract_year: 6 });
  });

  it("takes 15% of the first month's revenue: 6,649,500.00 x 15% = 997,425.00", () => {
    expect(money(l(), "2026-07-01", "revenue_share")).toEqual([["997425.00", "997425.00", false]]);
  });

  it("charges the guarantee fee by the day: 250,000,000 x 0.5% x 31 / 365 = 106,164.38", () => {
    expect(money(l(), "2026-07-01", "guarantee_fee")).toEqual([["106164.38", "106164.38", false]]);
    // a 29-day February: 99,315.068… -> 99,315.07
    expect(money(l(), "2028-02-01", "guarantee_fee")).toEqual([["99315.07", "99315.07", false]]);
  });

  it("grants 3,479,471 warrants at 14.37 at signing (50,000,000 / 14.37 rounded down)", () => {
    expect(period(l(), "2026-07-01").grants).toEqual([
      { clause: "warrants", grantor: "sharon", grantee: "nvidia", quantity: "3479471", instrument: "warrants", price: "14.37" },
    ]);
    expect(l().periods.slice(1).every((p) => p.grants.length === 0)).toBe(true);
  });

  it("starts the buyback in the third month below 70%: 11,904,000 unsold hours x 1.85", () => {
    expect(money(l(), "2027-10-01", "capacity_buyback")).toEqual([]);
    expect(money(l(), "2027-11-01", "capacity_buyback")).toEqual([]);
    expect(money(l(), "2027-12-01", "capacity_buyback")).toEqual([["22022400.00", "22022400.00", false]]);
  });

  it("nets the buyback against what Sharon owes in the same month", () => {
    // 22,022,400.00 - 7,142,400.00 (12.5% of 57,139,200) - 106,164.38
    expect(period(l(), "2027-12-01").net).toEqual([{ from: "nvidia", to: "sharon", amount: "14773835.62" }]);
  });

  it("cuts the buyback to the 40 million contract-year cap", () => {
    expect(money(l(), "2028-01-01", "capacity_buyback")).toEqual([["19820160.00", "17977600.00", true]]);
  });

  it("cuts the buyback to the 75 million term cap, then to zero", () => {
    expect(money(l(), "2029-04-01", "capacity_buyback")).toEqual([["20246400.00", "20246400.00", false]]);
    expect(money(l(), "2029-05-01", "capacity_buyback")).toEqual([["18719040.00", "14753600.00", true]]);
    expect(money(l(), "2029-06-01", "capacity_buyback")).toEqual([["17582400.00", "0.00", true]]);
  });

  it("buys nothing back after the 2029-06-30 sunset despite a weak spell", () => {
    const late = l().periods.filter((p) => p.start > "2029-06-30");
    expect(late.flatMap((p) => p.lines).filter((x) => x.clause === "capacity_buyback")).toEqual([]);
  });

  it("pays the landlord only for defaults left uncured 30 days", () => {
    expect(money(l(), "2028-03-01", "lease_guarantee")).toEqual([["12960000.00", "12960000.00", false]]);
    expect(money(l(), "2030-10-01", "lease_guarantee")).toEqual([]);
    expect(money(l(), "2031-02-01", "lease_guarantee")).toEqual([["6480000.00", "6480000.00", false]]);
  });

  it("totals the buyback at exactly the term cap", () => {
    expect(l().totals).toContainEqual({ payer: "nvidia", payee: "sharon", amount: "75000000.00" });
    expect(l().totals).toContainEqual({ payer: "nvidia", payee: "landlord", amount: "19440000.00" });
  });
});

describe("the CoreWeave example by hand", () => {
  const l = () => ledger("coreweave-backstop");

  it("settles 36 months of a term that ends in a 13-day stub", () => {
    expect(l().periods).toHaveLength(36);
    expect(l().periods.at(-1)).toMatchObject({ index: 36, start: "2028-09-01", contract_year: 3 });
  });

  it("buys the first month's residual in whole 1,000-hour blocks: 16,665,000 x 2.40", () => {
    expect(money(l(), "2025-10-01", "residual_purchase")).toEqual([["39996000.00", "39996000.00", false]]);
  });

  it("cuts the twelfth month to what is left of the 1 billion annual ceiling", () => {
    // 135,000 GPUs x 24 x 30 = 97,200,000 hours, 44% unsold = 42,768,000 x 2.40
    expect(money(l(), "2026-09-01", "residual_purchase")).toEqual([["102643200.00", "18779200.00", true]]);
    const year1 = l().periods.filter((p) => p.contract_year === 1).flatMap((p) => p.lines)
      .filter((x) => x.clause === "residual_purchase").map((x) => x.amount);
    expect(year1).toHaveLength(12);
    expect(year1.reduce((sum, a) => sum + BigInt(a.replace(".", "")), 0n)).toBe(100_000_000_000n); // cents
  });

  it("pays the rent-back of 27,083,333.33 a month through August 2027 only", () => {
    expect(money(l(), "2025-10-01", "rent_back")).toEqual([["27083333.33", "27083333.33", false]]);
    expect(money(l(), "2027-08-01", "rent_back")).toEqual([["27083333.33", "27083333.33", false]]);
    expect(money(l(), "2027-09-01", "rent_back")).toEqual([]);
  });

  it("uses the 2.00 price from the second anniversary", () => {
    // 150,000 GPUs x 24 x 31 = 111,600,000 hours, 10% unsold = 11,160,000 x 2.00
    expect(money(l(), "2027-10-01", "residual_purchase")).toEqual([["22320000.00", "22320000.00", false]]);
  });

  it("has no net transfers because it does not settle net", () => {
    expect(l().periods.every((p) => p.net === undefined)).toBe(true);
  });
});

describe("the Firmus example by hand", () => {
  const l = () => ledger("firmus-campus");

  it("covers 32 quarters through 2034", () => {
    expect(l().periods).toHaveLength(32);
    expect(l().periods.at(-1)).toMatchObject({ start: "2034-10-01", end: "2034-12-31", contract_year: 8, days: 92 });
  });

  it("takes 12% of the first quarter's revenue: 91,065,600 x 12%", () => {
    expect(money(l(), "2027-01-01", "revenue_share")).toEqual([["10927872.00", "10927872.00", false]]);
  });

  it("buys back the second weak quarter at 1.80 and caps the fourth at 500 million a year", () => {
    expect(money(l(), "2030-01-01", "capacity_backstop")).toEqual([]);
    expect(money(l(), "2030-04-01", "capacity_backstop")).toEqual([["253955520.00", "253955520.00", false]]);
    expect(money(l(), "2030-07-01", "capacity_backstop")).toEqual([["229720320.00", "229720320.00", false]]);
    // 500,000,000 - 253,955,520 - 229,720,320 = 16,324,160
    expect(money(l(), "2030-10-01", "capacity_backstop")).toEqual([["209450880.00", "16324160.00", true]]);
  });

  it("charges the take-or-pay shortfall in a weak 2033 quarter", () => {
    // minimum 360 x 600,000 x 1.18 x 91 / 365 = 63,545,425 (to the dollar);
    // share 237,619,200 hours x 2.90 = 689,095,680 x 8% = 55,127,654.40
    expect(money(l(), "2033-04-01", "minimum_share")).toEqual([["8417770.60", "8417770.60", false]]);
    expect(period(l(), "2033-04-01").net).toEqual([{ from: "firmus", to: "nvidia", amount: "63545425.00" }]);
  });

  it("cuts the second late-delivery credit of a quarter to the 20 million quarterly cap", () => {
    expect(money(l(), "2028-07-01", "delivery_credits")).toEqual([
      ["6000000.00", "6000000.00", false],
      ["54000000.00", "14000000.00", true],
    ]);
  });
});
