import { describe, expect, it } from "vitest";
import { CHECK } from "../../src/diagnostics/codes/check.ts";
import { checkText, expectClean, expectOne, sheet } from "./helpers.ts";

function clause(body: string, extra = ""): string {
  return sheet(`${extra}clause c {\n${body}}\n`);
}

describe("clause windows", () => {
  it("accepts one from and one until inside the term", () => {
    expectClean(clause("  sharon pays nvidia revenue\n  from 2027-01-01\n  until 2028-12-31\n"));
  });

  it("reports a second until, pointing at the first", () => {
    const text = clause("  sharon pays nvidia revenue\n  until 2028-12-31\n  until 2027-12-31\n");
    const { result } = checkText(text);
    expectOne(text, CHECK.duplicateWindowBound, "until 2027-12-31");
    expect(result.diagnostics[0]!.related?.[0]?.message).toBe("the first until");
  });

  it("reports a second from", () => {
    expectOne(clause("  sharon pays nvidia revenue\n  from 2027-01-01\n  from 2027-02-01\n"), CHECK.duplicateWindowBound, "from 2027-02-01");
  });

  it("reports from after until at the from date", () => {
    const d = expectOne(clause("  sharon pays nvidia revenue\n  from 2028-01-01\n  until 2027-12-31\n"), CHECK.windowFromAfterUntil, "2028-01-01");
    expect(d.message).toBe("the clause starts (from 2028-01-01) after it ends (until 2027-12-31), so it never applies");
  });

  it("warns about window dates outside the term", () => {
    const d = expectOne(clause("  sharon pays nvidia revenue\n  until 2032-12-31\n"), CHECK.windowOutsideTerm, "2032-12-31", "warning");
    expect(d.message).toBe("until 2032-12-31 is after the term ends (2029-06-30); the clause applies to the term's end anyway");
    expectOne(clause("  sharon pays nvidia revenue\n  from 2025-01-01\n"), CHECK.windowOutsideTerm, "2025-01-01", "warning");
    expectOne(clause("  sharon pays nvidia revenue\n  from 2030-01-01\n"), CHECK.windowOutsideTerm, "2030-01-01", "warning");
    expectOne(clause("  sharon pays nvidia revenue\n  until 2026-01-01\n"), CHECK.windowOutsideTerm, "2026-01-01", "warning");
  });

  it("reports from and until written inside a block", () => {
    expectOne(clause("  when revenue > 0 USD {\n    sharon pays nvidia revenue\n    until 2027-01-01\n  }\n"), CHECK.clauseLevelOnly, "until 2027");
  });
});

describe("caps", () => {
  it("accepts caps over different windows", () => {
    expectClean(clause("  sharon pays nvidia revenue\n  cap 10 million USD over term\n  cap 1 million USD per contract_year\n  cap 100_000 USD per period\n"));
  });

  it("reports a second cap over the same window", () => {
    const d = expectOne(clause("  sharon pays nvidia revenue\n  cap 10 USD per period\n  cap 20 USD per period\n"), CHECK.duplicateCapWindow, "cap 20");
    expect(d.message).toBe("this clause already has a cap per period; keep one cap per window");
  });

  it("reports a cap inside a block", () => {
    expectOne(clause("  when revenue > 0 USD {\n    sharon pays nvidia revenue\n    cap 10 USD over term\n  }\n"), CHECK.clauseLevelOnly, "cap 10");
  });

  it("reports a cap that uses a let", () => {
    const d = expectOne(clause("  let limit = revenue * 2\n  sharon pays nvidia revenue\n  cap limit over term\n"), CHECK.capUsesLet, "limit over");
    expect(d.message).toContain("a cap amount may not use the let limit");
  });

  it("accepts a cap computed from a const, an input and a period fact", () => {
    expectClean(clause("  sharon pays nvidia revenue\n  cap limit + revenue * days / 365 over term\n", "const limit = 5 million USD\n"));
  });
});

describe("for N consecutive periods", () => {
  it("accepts a condition on clause-level lets", () => {
    expectClean(
      clause("  let utilization = sold_hours / capacity_hours\n  when utilization < 70% for 3 consecutive periods {\n    nvidia pays sharon (capacity_hours - sold_hours) * 2 USD per gpu_hour\n  }\n"),
    );
  });

  it("reports a count that is not a whole number from 1", () => {
    const d = expectOne(clause("  when revenue > 0 USD for 0 consecutive periods {\n    sharon pays nvidia revenue\n  }\n"), CHECK.invalidConsecutiveCount, "0 consecutive");
    expect(d.message).toBe("for N consecutive periods needs a whole number N from 1 up, not 0");
    expectOne(clause("  when revenue > 0 USD for 2.5 consecutive periods {\n    sharon pays nvidia revenue\n  }\n"), CHECK.invalidConsecutiveCount, "2.5");
  });

  it("reports it inside on", () => {
    expectOne(
      clause("  on outage {\n    when revenue > 0 USD for 2 consecutive periods {\n      sharon pays nvidia credit\n    }\n  }\n", "event outage(credit: USD)\n"),
      CHECK.consecutiveInsideOn,
      "2 consecutive",
    );
  });

  it("reports a condition that uses a let of an enclosing block", () => {
    const d = expectOne(
      clause("  when revenue > 0 USD {\n    let u = sold_hours / capacity_hours\n    when u < 70% for 3 consecutive periods {\n      sharon pays nvidia revenue\n    }\n  }\n"),
      CHECK.consecutiveUsesLocalName,
      "u < 70%",
    );
    expect(d.message).toContain("u is a let inside a block");
  });
});

describe("lets and blocks", () => {
  it("warns about a let that is never used", () => {
    const d = expectOne(clause("  let spare = revenue * 2\n  sharon pays nvidia revenue\n"), CHECK.unusedLet, "spare", "warning");
    expect(d.message).toBe("let spare is never used");
  });

  it("keeps a let visible in nested blocks after its declaration", () => {
    expectClean(clause("  let fee = revenue * 1%\n  when fee > 0 USD {\n    at signing {\n      sharon pays nvidia fee\n    }\n  }\n"));
  });

  it("makes event arguments visible in nested on blocks", () => {
    expectClean(
      clause("  on a {\n    on b {\n      nvidia pays sharon x + y\n    }\n  }\n", "event a(x: USD)\nevent b(y: USD)\n"),
    );
  });

  it("checks the statements inside at signing", () => {
    expectOne(clause("  at signing {\n    sharon pays nvidia fee\n  }\n"), CHECK.unknownName, "fee");
  });

  it("does not report names inside an on whose event is unknown", () => {
    const { located } = checkText(clause("  on mystery {\n    nvidia pays sharon amount\n  }\n"));
    expect(located.map((d) => d.code)).toEqual([CHECK.unknownEvent]);
  });
});
