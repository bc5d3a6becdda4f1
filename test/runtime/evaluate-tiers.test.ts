import { describe, expect, it } from "vitest";
import { RUN } from "../../src/diagnostics/codes/run.ts";
import { Decimal } from "../../src/eval/decimal.ts";
import { marginalSum, tierIndex } from "../../src/builtins/tiers.ts";
import type { TierRow } from "../../src/builtins/builtin.ts";
import { lowerProgram } from "../../src/compile/lower.ts";
import { checkedOf, ledgerOf, lines, runDeal } from "./helpers.ts";

const dec = (t: string) => Decimal.parse(t)!;
const row = (low: string, high: string | null, value: string): TierRow => ({ low: dec(low), high: high === null ? null : dec(high), value: dec(value) });

const VOLUME = [row("0", "100000000", "0.10"), row("100000000", "500000000", "0.08"), row("500000000", null, "0.06")];
const SLA = [row("0", "0.95", "0.25"), row("0.95", "0.99", "0.10"), row("0.99", "0.999", "0.05"), row("0.999", null, "0")];

const DEAL = `
deal "Tiers"
parties {
  sharon: "Sharon AI"
  nvidia: "NVIDIA"
}
term 2026-07-01 to 2027-06-30, quarterly
currency USD
input revenue: USD
input cumulative_before: USD
input uptime: number
input fees: USD

tiers volume_share {
  0 USD to 100 million USD: 10%
  100 million USD to 500 million USD: 8%
  500 million USD onward: 6%
}
tiers sla_credit {
  0 to 95%: 25%
  95% to 99%: 10%
  99% to 99.9%: 5%
  99.9% onward: 0%
}

clause share { sharon pays nvidia marginal(volume_share, cumulative_before, revenue) }
clause credits { nvidia pays sharon fees * tier(sla_credit, uptime) }
`;

const period = (p: string, revenue: string, before: string, uptime: string, fees = "1000000") =>
  ({ period: p, revenue, cumulative_before: before, uptime, fees });

describe("marginal over a volume table", () => {
  it("gives 4.4M for 50M on a cumulative 80M: 20M at 10% and 30M at 8%", () => {
    expect(marginalSum(VOLUME, dec("80000000"), dec("50000000")).toString()).toBe("4400000");
  });

  it("stacks all three tiers: 500M on 130M is 370M at 8% and 130M at 6%, 37.4M", () => {
    expect(marginalSum(VOLUME, dec("130000000"), dec("500000000")).toString()).toBe("37400000");
  });

  it("earns nothing on an amount of zero, and nothing below the first LOW or above the last HIGH", () => {
    expect(marginalSum(VOLUME, dec("80000000"), dec("0")).toString()).toBe("0");
    const band = [row("10", "20", "2")];
    // [0, 30) meets [10, 20) over 10 units only
    expect(marginalSum(band, dec("0"), dec("30")).toString()).toBe("20");
  });
});

describe("tier lookup", () => {
  it("finds 10% for an SLA of 98.7%, and the tier that starts at a bound for the bound itself", () => {
    expect(SLA[tierIndex(SLA, dec("0.987"))]!.value.toString()).toBe("0.1");
    expect(SLA[tierIndex(SLA, dec("0.99"))]!.value.toString()).toBe("0.05");
    expect(SLA[tierIndex(SLA, dec("1"))]!.value.toString()).toBe("0");
  });

  it("is -1 below the first LOW and the row count at or above the last HIGH of a table without onward", () => {
    const closed = [row("0", "1", "5"), row("1", "2", "6")];
    expect([tierIndex(closed, dec("-0.01")), tierIndex(closed, dec("2")), tierIndex(closed, dec("1.99"))]).toEqual([-1, 2, 1]);
  });
});

describe("a deal with tiers tables", () => {
  it("pays the volume share and the SLA credit period by period", () => {
    const ledger = ledgerOf(DEAL, [
      period("2026-07-01", "50000000", "80000000", "0.987"),
      period("2026-10-01", "500000000", "130000000", "0.99"),
      period("2027-01-01", "0", "630000000", "0.999"),
    ]);
    expect(lines(ledger)).toEqual([
      "1 share sharon>nvidia 4400000.00 4400000.00",
      "1 credits nvidia>sharon 100000.00 100000.00",
      "2 share sharon>nvidia 37400000.00 37400000.00",
      "2 credits nvidia>sharon 50000.00 50000.00",
    ]);
  });

  it("stops with TN3031 naming the amount and base when the amount is negative", () => {
    const r = runDeal(DEAL, [period("2026-07-01", "-5000000", "130000000", "0.99")]);
    expect(r.value).toBeNull();
    expect(r.diagnostics.map((d) => d.code)).toEqual([RUN.marginalNegativeAmount]);
    expect(r.diagnostics[0]!.message).toContain("marginal(volume_share, cumulative_before, revenue): the amount is -5000000 USD (on a base of 130000000 USD)");
  });

  it("stops with TN3030 naming the call, the value and the table when x is below the first LOW", () => {
    const r = runDeal(DEAL, [period("2026-07-01", "0", "0", "-0.5")]);
    expect(r.diagnostics.map((d) => d.code)).toEqual([RUN.tierOutOfRange]);
    expect(r.diagnostics[0]!.message).toContain("tier(sla_credit, uptime): the value -0.5 is below the first tier of sla_credit, which starts at 0");
  });

  it("compiles each table once, exactly, with its slot on the calls", () => {
    const ir = lowerProgram(checkedOf(DEAL));
    expect(ir.tiers?.map((t) => [t.name, t.boundUnit ?? "", t.rows.map((r) => `${r.low}..${r.high ?? "∞"}=${r.value}`).join(" ")])).toEqual([
      ["volume_share", "USD", "0..100000000=0.1 100000000..500000000=0.08 500000000..∞=0.06"],
      ["sla_credit", "", "0..0.95=0.25 0.95..0.99=0.1 0.99..0.999=0.05 0.999..∞=0"],
    ]);
    const pays = ir.clauses.map((c) => c.body[0]!);
    expect(pays.map((p) => (p.kind === "Pays" && p.amount.kind === "Call" ? [p.amount.fn, p.amount.table, p.amount.args.length] : null))).toEqual([
      ["marginal", 0, 2],
      null,
    ]);
  });

  it("leaves the tiers field out of the IR of a term sheet without tables", () => {
    const ir = lowerProgram(checkedOf(DEAL.replace(/tiers[\s\S]*$/, "clause c { sharon pays nvidia revenue }\n")));
    expect("tiers" in ir).toBe(false);
  });
});
