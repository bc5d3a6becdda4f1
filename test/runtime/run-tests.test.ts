import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { RUN } from "../../src/diagnostics/codes/run.ts";
import type { IrTest, TermsIr } from "../../src/ir/ir.ts";
import { lowerProgram } from "../../src/compile/lower.ts";
import { prepareProgram } from "../../src/runtime/prepare.ts";
import { runTests as runPrepared } from "../../src/runtime/run-tests.ts";
import type { TestResult } from "../../src/runtime/run-tests.ts";
import type { CheckedProgram } from "../../src/check/checked-program.ts";
import { checkedOf } from "./helpers.ts";

const irOf = (checked: CheckedProgram): TermsIr => lowerProgram(checked);
const runTests = (checked: CheckedProgram) => runPrepared(prepareProgram(irOf(checked)));

// The product brief's sample term sheet, with its test block (cf. docs/language.md §1).
const BRIEF = readFileSync(new URL("../fixtures/brief-sample.tenor", import.meta.url), "utf8");

const DEAL = `
deal "Tests"
parties {
  a: "A"
  b: "B"
}
term 2026-07-01 to 2027-06-30, monthly
currency USD
input revenue: USD
event bonus(amount: USD)

clause share "Share" { a pays b revenue * 10% }
clause streak { when revenue < 100 USD for 2 consecutive periods { b pays a 5 USD } }
clause bonuses { on bonus { a pays b amount } }

test "share is ten percent" {
  period 2026-07-01 { revenue = 1000 USD }
  expect a pays b 100 USD under share
  expect a pays b 99.999 USD
}

test "a failing expectation shows both amounts" {
  period 2026-07-01 { revenue = 1000 USD }
  expect a pays b 99.99 USD
}

test "adjacent listed periods are consecutive, a gap is not" {
  period 2026-08-01 { revenue = 10 USD }
  period 2026-07-01 { revenue = 10 USD }
  period 2026-10-01 { revenue = 10 USD }
  expect b pays a 0 USD in 2026-07-01
  expect b pays a 5 USD in 2026-08-01
  expect b pays a 0 USD in 2026-10-01
  expect a pays b 3 USD under share
}

test "events of the test count in their period" {
  period 2026-07-01 { revenue = 0 USD }
  event 2026-07-20 bonus(amount = 7 USD)
  event 2026-07-03 bonus(amount = 1.005 USD)
  expect a pays b 8.00 USD under bonuses
}

`;

describe("runTests", () => {
  it("passes the brief's test: the year two rate applies from the first anniversary", () => {
    const [result, ...rest] = runTests(checkedOf(BRIEF));
    expect(rest).toEqual([]);
    expect(result!.title).toBe("year two rate applies from the first anniversary");
    expect(result!.passed).toBe(true);
    expect(result!.problems).toEqual([]);
    expect(result!.expectations.map((e) => [e.description, e.expected, e.actual, e.passed])).toEqual([
      ["sharon pays nvidia under revenue_share", "1250000.00", "1250000.00", true],
    ]);
  });

  const results = runTests(checkedOf(DEAL));
  const byTitle = (title: string) => {
    const r = results.find((t) => t.title === title);
    if (!r) throw new Error(`no test ${title}`);
    return r;
  };

  it("runs every test block in source order", () => {
    expect(results.map((r) => [r.title, r.passed])).toEqual([
      ["share is ten percent", true],
      ["a failing expectation shows both amounts", false],
      ["adjacent listed periods are consecutive, a gap is not", true],
      ["events of the test count in their period", true],
    ]);
  });

  it("rounds the expected amount to cents before comparing", () => {
    expect(byTitle("share is ten percent").expectations.map((e) => [e.expected, e.actual])).toEqual([
      ["100.00", "100.00"],
      ["100.00", "100.00"],
    ]);
  });

  it("reports a failed expectation with expected and actual amounts at the expect", () => {
    const r = byTitle("a failing expectation shows both amounts");
    expect(r.expectations.map((e) => [e.expected, e.actual, e.passed])).toEqual([["99.99", "100.00", false]]);
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]!.message).toBe("expected a pays b 99.99, got 100.00");
    expect(DEAL.slice(r.problems[0]!.range.start, r.problems[0]!.range.end)).toBe("expect a pays b 99.99 USD");
  });

  it("treats the listed periods, sorted by date, as the whole history, and a gap as a break", () => {
    expect(byTitle("adjacent listed periods are consecutive, a gap is not").expectations.map((e) => [e.description, e.actual])).toEqual([
      ["b pays a in 2026-07-01", "0.00"],
      ["b pays a in 2026-08-01", "5.00"],
      ["b pays a in 2026-10-01", "0.00"],
      ["a pays b under share", "3.00"],
    ]);
  });

  // The checker already rejects these tests; the runner still refuses them on its own (edited in the IR it runs).
  const withFirstTest = (edit: (t: IrTest) => IrTest): TestResult => {
    const ir = irOf(checkedOf(DEAL));
    return runPrepared(prepareProgram({ ...ir, tests: [edit(ir.tests[0]!)] }))[0]!;
  };

  it("names every input a listed period does not give", () => {
    const r = withFirstTest((t) => ({ ...t, periods: t.periods.map((p) => ({ ...p, values: [] })) }));
    expect(r.passed).toBe(false);
    expect(r.expectations).toEqual([]);
    expect(r.problems.map((p) => [p.code, p.message])).toEqual([
      [RUN.testInputMissing, "period 2026-07-01 gives no value for revenue"],
    ]);
  });

  it("rejects a listed date that does not start a period", () => {
    const r = withFirstTest((t) => ({
      ...t,
      periods: t.periods.map((p) => ({ ...p, date: "2026-07-02" })),
    }));
    expect(r.problems.map((p) => [p.code, p.message])).toEqual([
      [RUN.testPeriodNotInTerm, "2026-07-02 is not the start of a period of the term"],
    ]);
    expect(DEAL.slice(r.problems[0]!.range.start, r.problems[0]!.range.end)).toBe("2026-07-01");
  });

  it("reports a run-time error inside a test with the test's title", () => {
    const r = withFirstTest((t) => ({
      ...t,
      periods: t.periods.map((p) => ({ ...p, values: p.values.map((v) => ({ ...v, value: { kind: "Number", type: "number", value: "-5", range: v.value.range } as const })) })),
    }));
    expect(r.problems.map((p) => p.code)).toEqual([RUN.negativePayment]);
    expect(r.problems[0]!.message).toBe(
      'test "share is ten percent": clause share, period 1 (2026-07-01): payment from a to b is negative: -0.50 USD (revenue * 10% with revenue = -5 USD)',
    );
  });
});
