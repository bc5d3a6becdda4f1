import { describe, expect, it } from "vitest";
import { CHECK } from "../../src/diagnostics/codes/check.ts";
import { expectClean, expectOne, sheet } from "./helpers.ts";

const DEAL = `event outage(hours_lost: gpu_hour, credit: USD)
clause revenue_share "Revenue share" {
  sharon pays nvidia revenue * 10%
  on outage {
    nvidia pays sharon credit
  }
}
`;
const VALUES = "revenue = 10 million USD, sold_hours = 90 gpu_hour, capacity_hours = 100 gpu_hour";

function test(body: string, extra = ""): string {
  return sheet(`${DEAL}${extra}test "a test" {\n${body}}\n`);
}

describe("test blocks", () => {
  it("accepts periods, events and expectations that fit the deal", () => {
    expectClean(
      test(`  period 2027-07-01 { ${VALUES} }\n  period 2027-09-01 { ${VALUES} }\n  event 2027-07-15 outage(hours_lost = 5 gpu_hour, credit = 1_000 USD)\n  expect sharon pays nvidia 2 million USD under revenue_share\n  expect nvidia pays sharon 1000 USD in 2027-07-01\n`),
    );
  });

  it("reports an unknown clause in expect … under, suggesting one", () => {
    const d = expectOne(test(`  period 2027-07-01 { ${VALUES} }\n  expect sharon pays nvidia 1 million USD under revenue_shar\n`), CHECK.unknownClause, "revenue_shar\n");
    expect(d.message).toBe("unknown clause revenue_shar; did you mean revenue_share?");
  });

  it("reports an unknown input in a test period, suggesting one", () => {
    const d = expectOne(
      test(`  period 2027-07-01 { ${VALUES}, revenu = 1 USD }\n`),
      CHECK.unknownInput,
      "revenu =",
    );
    expect(d.message).toBe("unknown input revenu; did you mean revenue?");
  });

  it("reports a period that leaves an input without a value", () => {
    const d = expectOne(test(`  period 2027-07-01 { revenue = 1 USD }\n`), CHECK.missingTestValue, "2027-07-01");
    expect(d.message).toContain("has no value for sold_hours, capacity_hours");
  });

  it("reports a value given twice in one period", () => {
    expectOne(test(`  period 2027-07-01 { ${VALUES}, revenue = 2 USD }\n`), CHECK.duplicateDeclaration, "revenue = 2");
  });

  it("reports a value in another unit than its input's", () => {
    const d = expectOne(
      test(`  period 2027-07-01 { revenue = 10 gpu_hour, sold_hours = 90 gpu_hour, capacity_hours = 100 gpu_hour }\n`),
      CHECK.testValueUnitMismatch,
      "10 gpu_hour",
    );
    expect(d.message).toBe("input revenue is in USD, but this value is in gpu_hour");
  });

  it("accepts consts in test values and reports inputs", () => {
    expectClean(test(`  period 2027-07-01 { revenue = base * 2, sold_hours = 1 gpu_hour, capacity_hours = 2 gpu_hour }\n`, "const base = 5 USD\n"));
    expectOne(test(`  period 2027-07-01 { revenue = 5 USD, sold_hours = capacity_hours, capacity_hours = 2 gpu_hour }\n`), CHECK.notConstant, "capacity_hours,");
  });

  it("reports a period listed twice", () => {
    expectOne(test(`  period 2027-07-01 { ${VALUES} }\n  period 2027-07-01 { ${VALUES} }\n`), CHECK.duplicateDeclaration, "2027-07-01", "error", 2);
  });

  it("reports a period date that does not start a period, naming the one that does", () => {
    const d = expectOne(test(`  period 2027-07-15 { ${VALUES} }\n`), CHECK.notAPeriodStart, "2027-07-15");
    expect(d.message).toBe("test period 2027-07-15 is not the start of a period; the period containing it starts on 2027-07-01");
  });

  it("reports dates outside the term", () => {
    expectOne(test(`  period 2031-07-01 { ${VALUES} }\n`), CHECK.dateOutsideTerm, "2031-07-01");
    expectOne(
      test(`  period 2027-07-01 { ${VALUES} }\n  event 2025-01-01 outage(hours_lost = 1 gpu_hour, credit = 1 USD)\n`),
      CHECK.dateOutsideTerm,
      "2025-01-01",
    );
  });

  it("reports an unknown event, an unknown argument and a missing argument", () => {
    const p = `  period 2027-07-01 { ${VALUES} }\n`;
    const e = expectOne(test(`${p}  event 2027-07-02 outages(hours_lost = 1 gpu_hour, credit = 1 USD)\n`), CHECK.unknownEvent, "outages");
    expect(e.message).toBe("unknown event outages; did you mean outage?");
    const a = expectOne(test(`${p}  event 2027-07-02 outage(hours_lost = 1 gpu_hour, credits = 1 USD)\n`), CHECK.unknownEventArgument, "credits");
    expect(a.message).toBe("outage has no argument credits; did you mean credit?");
    const m = expectOne(test(`${p}  event 2027-07-02 outage(hours_lost = 1 gpu_hour)\n`), CHECK.missingEventArgument, "outage(hours", "error", 2);
    expect(m.message).toBe("event outage needs a value for credit");
  });

  it("reports an event argument in another unit than declared", () => {
    const d = expectOne(
      test(`  period 2027-07-01 { ${VALUES} }\n  event 2027-07-02 outage(hours_lost = 1 USD, credit = 1 USD)\n`),
      CHECK.eventArgumentUnitMismatch,
      "1 USD,",
    );
    expect(d.message).toBe("argument hours_lost of outage is in gpu_hour, but this value is in USD");
  });

  it("reports an event in a period the test does not list as an error", () => {
    expectOne(
      test(`  period 2027-07-01 { ${VALUES} }\n  event 2027-08-02 outage(hours_lost = 1 gpu_hour, credit = 1 USD)\n`),
      CHECK.testEventOutsidePeriods,
      "2027-08-02",
      "error",
    );
  });

  it("reports an expected amount outside the deal currency", () => {
    const d = expectOne(test(`  period 2027-07-01 { ${VALUES} }\n  expect sharon pays nvidia 5 gpu_hour\n`), CHECK.expectNotInCurrency, "5 gpu_hour\n");
    expect(d.message).toBe("an expected amount must be in the deal currency USD, but this is in gpu_hour");
  });

  it("reports an expected period the test does not list", () => {
    expectOne(
      test(`  period 2027-07-01 { ${VALUES} }\n  expect sharon pays nvidia 5 USD in 2027-08-01\n`),
      CHECK.expectPeriodNotInTest,
      "2027-08-01",
    );
  });

  it("reports unknown parties in an expectation", () => {
    expectOne(test(`  period 2027-07-01 { ${VALUES} }\n  expect sharon pays nvdia 5 USD\n`), CHECK.unknownParty, "nvdia");
  });

  it("reports two tests with the same title", () => {
    expectOne(sheet(`test "same" {\n}\ntest "same" {\n}\n`), CHECK.duplicateDeclaration, `"same"`, "error", 2);
  });
});
