import { describe, expect, it } from "vitest";
import { checkSource } from "../../src/api.ts";
import { CHECK } from "../../src/diagnostics/codes/check.ts";
import { RUN } from "../../src/diagnostics/codes/run.ts";
import { Decimal } from "../../src/eval/decimal.ts";
import { compoundOf as compound, isCompoundPeriods } from "../../src/builtins/compound.ts";
import { completionsAt } from "../../src/editor/completion.ts";
import { indexProgram } from "../../src/editor/symbols.ts";
import { ledgerOf, lines, runDeal } from "./helpers.ts";

const dec = (t: string) => Decimal.parse(t)!;

const HEAD = `
deal "Escalator"
parties {
  a: "A"
  b: "B"
}
term 2026-07-01 to 2029-06-30, annually
currency USD
input n: number
`;

describe("compound", () => {
  it("is (1 + rate)^n exactly: 3% over 2 years is 1.0609, over 3 years 1.092727", () => {
    expect(compound(dec("0.03"), dec("2")).toString()).toBe("1.0609");
    expect(compound(dec("0.03"), dec("3")).toString()).toBe("1.092727");
  });

  it("is 1 for n = 0 and 1 + rate for n = 1, whatever the rate", () => {
    expect(compound(dec("0.03"), dec("0")).toString()).toBe("1");
    expect(compound(dec("-0.5"), dec("1")).toString()).toBe("0.5");
  });

  it("keeps every digit: 0.5% a month over 12 months has 36 decimals", () => {
    // 1.005^12: 12 factors of 3 decimals each, exact (no division anywhere)
    expect(compound(dec("0.005"), dec("12")).toString()).toBe("1.061677811864499568789707617431640625");
  });

  it("accepts n from 0 to 1000 in whole numbers only", () => {
    expect(["0", "1000", "3.0"].map((t) => isCompoundPeriods(dec(t)))).toEqual([true, true, true]);
    expect(["-1", "1001", "2.5"].map((t) => isCompoundPeriods(dec(t)))).toEqual([false, false, false]);
  });

  it("escalates a fee 3% a year, compounding, by contract year", () => {
    const source = `${HEAD}
clause fee { a pays b 1_000_000 USD * compound(3%, contract_year - 1) }
`;
    const rows = ["2026-07-01", "2027-07-01", "2028-07-01"].map((period) => ({ period, n: "0" }));
    expect(lines(ledgerOf(source, rows))).toEqual([
      "1 fee a>b 1000000.00 1000000.00",
      "2 fee a>b 1030000.00 1030000.00",
      "3 fee a>b 1060900.00 1060900.00",
    ]);
  });

  it("is a constant over constants: a const, a tapering schedule", () => {
    const source = `${HEAD}
const factor = compound(3%, 2)
schedule discount by contract_year, tapering {
  year 1: compound(-10%, 1)
  year 2 onward: compound(-10%, 2)
}
clause fee { a pays b 1_000_000 USD * factor * discount }
`;
    const rows = ["2026-07-01", "2027-07-01", "2028-07-01"].map((period) => ({ period, n: "0" }));
    // 1,060,900 × 0.9 = 954,810; × 0.81 = 859,329
    expect(lines(ledgerOf(source, rows))).toEqual([
      "1 fee a>b 954810.00 954810.00",
      "2 fee a>b 859329.00 859329.00",
      "3 fee a>b 859329.00 859329.00",
    ]);
  });

  it("reports a constant n that is not a whole number from 0 to 1000 at check time (TN2131)", () => {
    const source = `${HEAD}
clause fee {
  a pays b 1 USD * compound(3%, 1.5)
  a pays b 1 USD * compound(3%, 1001)
  a pays b 1 USD * compound(3%, 0 - 1)
}
`;
    const checked = checkSource(source);
    expect(checked.diagnostics.map((d) => [d.code, source.slice(d.range!.start, d.range!.end)])).toEqual([
      [CHECK.compoundExponentInvalid, "1.5"],
      [CHECK.compoundExponentInvalid, "1001"],
      [CHECK.compoundExponentInvalid, "0 - 1"],
    ]);
  });

  it("reports a rate or n that is not a plain number at check time (TN2130)", () => {
    const source = `${HEAD}
clause fee {
  a pays b 1 USD * compound(3 USD, 2)
  a pays b 1 USD * compound(3%, 2 days)
}
`;
    const checked = checkSource(source);
    expect(checked.diagnostics.map((d) => [d.code, source.slice(d.range!.start, d.range!.end)])).toEqual([
      [CHECK.compoundNotPlain, "3 USD"],
      [CHECK.compoundNotPlain, "2 days"],
    ]);
  });

  it("stops with TN3035 naming n and the call when a computed n is not whole", () => {
    const source = `${HEAD}
clause fee { a pays b 1000 USD * compound(3%, n) }
`;
    const r = runDeal(source, [{ period: "2026-07-01", n: "2" }, { period: "2027-07-01", n: "2.5" }]);
    expect(r.value).toBeNull();
    expect(r.diagnostics.map((d) => [d.code, d.message])).toEqual([[
      RUN.compoundExponentInvalid,
      "clause fee, period 2 (2027-07-01): compound needs n to be a whole number from 0 to 1000, but it is 2.5 in compound(3%, n)",
    ]]);
  });

  it("stops with TN3035 for a computed n above 1000 or below 0", () => {
    const source = `${HEAD}
clause fee { a pays b 1000 USD * compound(0%, n) }
`;
    for (const n of ["1001", "-1"]) {
      const r = runDeal(source, [{ period: "2026-07-01", n }]);
      expect(r.diagnostics.map((d) => d.code)).toEqual([RUN.compoundExponentInvalid]);
    }
    expect(lines(ledgerOf(source, [{ period: "2026-07-01", n: "1000" }]))).toEqual(["1 fee a>b 1000.00 1000.00"]);
  });

  it("is offered by the editor as a call with its usage", () => {
    const source = `${HEAD}
clause fee { a pays b 1 USD }
`;
    const checked = checkSource(source);
    const index = indexProgram(checked.value!.program, source, checked.value);
    const offset = source.indexOf("a pays b ") + "a pays b ".length;
    const item = completionsAt(index, source, offset).find((c) => c.label === "compound");
    expect(item?.insertText).toBe("compound($0)");
    expect(item?.detail).toBe("compound(rate, n)");
  });
});
