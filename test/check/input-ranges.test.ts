import { describe, expect, it } from "vitest";
import { CHECK } from "../../src/diagnostics/codes/check.ts";
import { checkText, expectClean, expectOne, HEADER } from "./helpers.ts";

/** HEADER's parties and term, with other inputs and events. */
function sheet(declarations: string): string {
  return HEADER.replace(/input [^\n]*\n/g, "") + declarations + "\nclause c { sharon pays nvidia 1 USD }\n";
}

describe("declared input ranges", () => {
  it("accept constant bounds, consts, other inputs, arithmetic and open ends", () => {
    expectClean(sheet([
      "const ceiling = 80 million USD",
      "input capacity_hours: gpu_hour in 0 gpu_hour ..",
      "input sold_hours: gpu_hour in 0 gpu_hour .. capacity_hours",
      "input spare_hours: gpu_hour in .. capacity_hours - sold_hours",
      "input revenue: USD in 0 USD .. ceiling",
      "input uptime: number in 0 .. 100%",
      "input fixed: USD in 5 USD .. 5 USD",
    ].join("\n")));
  });

  it("want at least one bound (TN2160)", () => {
    const d = expectOne(sheet("input fee: USD in .."), CHECK.rangeWithoutBounds, "in ..");
    expect(d.message).toBe("the range of fee has no bound: write `in LOW ..`, `in .. HIGH` or `in LOW .. HIGH`");
  });

  it("want each bound in the input's unit (TN2161)", () => {
    const d = expectOne(sheet("input sold_hours: gpu_hour in 0 USD .."), CHECK.rangeBoundUnitMismatch, "0 USD");
    expect(d.message).toBe("the lower bound of sold_hours is in USD, but sold_hours is in gpu_hour");
    const plain = expectOne(sheet("input revenue: USD in .. 5"), CHECK.rangeBoundUnitMismatch, "5\n");
    expect(plain.message).toBe("the upper bound of revenue is a plain number, but revenue is in USD");
    const date = expectOne(sheet("input revenue: USD in 2026-07-01 .."), CHECK.rangeBoundUnitMismatch, "2026-07-01 ..");
    expect(date.message).toBe("the lower bound of revenue is a date, but revenue is in USD");
  });

  it("allow only numbers, consts and other inputs in a bound (TN2162)", () => {
    const d = expectOne(
      sheet("schedule rate by contract_year {\n  year 1 onward: 10%\n}\ninput ratio: number in 0 .. rate"),
      CHECK.rangeBoundNotAllowed,
      "rate\n",
      "error",
      1,
    );
    expect(d.message).toBe("a bound of an input's range may only use numbers, consts and other inputs, but rate is a schedule");
    const fact = expectOne(sheet("input fee: USD in .. days * 1 USD"), CHECK.rangeBoundNotAllowed, "days");
    expect(fact.message).toBe("a bound of an input's range may only use numbers, consts and other inputs, but days is a period fact");
  });

  it("refuse a range that uses its own input (TN2163)", () => {
    const d = expectOne(sheet("input deposit: USD in 0 USD .. deposit * 2"), CHECK.rangeSelfReference, "deposit * 2");
    expect(d.message).toBe("the range of deposit uses deposit itself; a bound must be known without the value it bounds");
  });

  it("refuse ranges that depend on each other in a circle (TN2164), at the first input", () => {
    const text = sheet("input a: USD in 0 USD .. c\ninput b: USD in 0 USD .. a\ninput c: USD in 0 USD .. b");
    const d = expectOne(text, CHECK.rangeCycle, "a: USD");
    expect(d.message).toBe("the ranges of a, b, c depend on each other (a → b → c → a); one of them must be bounded without the others");
    const related = checkText(text).result.diagnostics[0]!.related!.map((r) => r.message);
    expect(related).toEqual(["b is declared here", "c is declared here"]);
  });

  it("refuse constant bounds that leave no value (TN2165), and check the bounds' exact values", () => {
    const d = expectOne(sheet("const floor_ = 10 USD\ninput discount: USD in floor_ .. 9.99 USD"), CHECK.rangeEmpty, "in floor_");
    expect(d.message).toBe("the range of discount is empty: its lower bound 10 is above its upper bound 9.99");
  });
});

describe("event count bounds", () => {
  it("accept a whole number of at least 1 in each window", () => {
    expectClean(sheet("event a() at most 1 per term\nevent b() at most 12 per contract_year\nevent c() at most 1_000 per period"));
  });

  it("refuse 0 and fractions (TN2166)", () => {
    const zero = expectOne(sheet("event outage() at most 0 per term"), CHECK.eventLimitNotPositive, "0 per");
    expect(zero.message).toBe("the count of event outage must be a whole number of at least 1 (`at most 3 per term`), not 0");
    expectOne(sheet("event outage() at most 2.5 per period"), CHECK.eventLimitNotPositive, "2.5");
    expectOne(sheet("event outage() at most 99999999999999999999 per period"), CHECK.eventLimitNotPositive, "99999");
  });
});

describe("test values against declared ranges", () => {
  const ranged = "input revenue: USD in 0 USD .. 80 million USD\ninput cost: USD in .. revenue";
  const test = (values: string) => `${sheet(ranged)}test "t" {\n  period 2026-07-01 { ${values} }\n}\n`;

  it("warn (TN2167) about a value outside a constant range: the test runs, tenor run would refuse it", () => {
    const d = expectOne(test("revenue = -1 USD, cost = 0 USD"), CHECK.testValueOutsideRange, "-1 USD", "warning");
    expect(d.message).toBe("revenue = -1 USD in period 2026-07-01 is below its lower bound 0 USD: the test runs, but tenor run refuses such data");
  });

  it("say nothing of values on a bound, nor against a bound that is another input", () => {
    expectClean(test("revenue = 80 million USD, cost = 90 million USD"));
  });
});
