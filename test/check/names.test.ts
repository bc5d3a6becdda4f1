import { describe, expect, it } from "vitest";
import { CHECK } from "../../src/diagnostics/codes/check.ts";
import { checkText, expectClean, expectOne, sheet } from "./helpers.ts";

const RATE = `schedule share_rate by contract_year {
  year 1 onward: 10%
}
`;

describe("names", () => {
  it("reports an unknown name and suggests the close one in scope", () => {
    const d = expectOne(sheet(RATE + `clause c {\n  sharon pays nvidia revenue * share_rat\n}\n`), CHECK.unknownName, "share_rat\n");
    expect(d.message).toBe("unknown name share_rat; did you mean share_rate?");
  });

  it("reports an unknown name without a suggestion when nothing is close", () => {
    const d = expectOne(sheet(`clause c {\n  sharon pays nvidia revenue * zebra\n}\n`), CHECK.unknownName, "zebra");
    expect(d.message).toBe("unknown name zebra");
  });

  it("suggests a let of the clause for a misspelt name", () => {
    const d = expectOne(
      sheet(`clause c {\n  let unsold = capacity_hours - sold_hours\n  sharon pays nvidia unsld * 1 USD per gpu_hour\n}\n`),
      CHECK.unknownName,
      "unsld",
    );
    expect(d.message).toContain("did you mean unsold?");
  });

  it("reports an input declared twice, pointing at the first", () => {
    const text = sheet(`input revenue: USD\n`);
    const { result } = checkText(text);
    const d = expectOne(text, CHECK.duplicateDeclaration, "revenue");
    expect(d.message).toBe("revenue is already declared as an input; choose another name");
    expect(result.diagnostics[0]!.related?.[0]?.message).toBe("revenue is first declared here");
  });

  it("reports a const that reuses a schedule's name", () => {
    const d = expectOne(sheet(RATE + `const share_rate = 5%\n`), CHECK.duplicateDeclaration, "share_rate", "error", 2);
    expect(d.message).toContain("already declared as a schedule");
  });

  it("reports duplicate units, events, clauses and event arguments", () => {
    expectOne(sheet(`units gpu_hour\n`), CHECK.duplicateDeclaration, "gpu_hour");
    expectOne(sheet(`event e()\nevent e()\n`), CHECK.duplicateDeclaration, "e()", "error", 2);
    expectOne(sheet(`clause c {\n}\nclause c {\n}\n`), CHECK.duplicateDeclaration, "c {", "error", 2);
    expectOne(sheet(`event e(x: USD, x: USD)\n`), CHECK.duplicateDeclaration, "x: USD", "error", 2);
  });

  it("reports the currency listed again as a unit", () => {
    expectOne(sheet(`units USD\n`), CHECK.duplicateDeclaration, "USD");
  });

  it("reports reserved words declared as units", () => {
    const d = expectOne(sheet(`units days\n`), CHECK.reservedUnitName, "days");
    expect(d.message).toContain("built in");
  });

  it("reports a let declared twice in the same block", () => {
    expectOne(
      sheet(`clause c {\n  let x = revenue\n  let x = revenue\n  sharon pays nvidia x\n}\n`),
      CHECK.duplicateDeclaration,
      "x = revenue",
      "error",
      2,
    );
  });

  it("reports a let that hides an input", () => {
    const d = expectOne(sheet(`clause c {\n  let revenue = 5 USD\n  sharon pays nvidia revenue\n}\n`), CHECK.shadowsName, "revenue = 5");
    expect(d.message).toBe("let revenue would hide the input revenue; choose another name");
  });

  it("reports a let in a block that hides a let of the clause", () => {
    expectOne(
      sheet(`clause c {\n  let x = revenue\n  when x > 0 USD {\n    let x = revenue * 2\n    sharon pays nvidia x\n  }\n}\n`),
      CHECK.shadowsName,
      "x = revenue * 2",
    );
  });

  it("reports names that would hide a period fact", () => {
    const d = expectOne(sheet(`const days = 30\n`), CHECK.shadowsPeriodFact, "days");
    expect(d.message).toContain("the number of days in the period");
    expectOne(sheet(`input period_index: number\n`), CHECK.shadowsPeriodFact, "period_index");
    expectOne(sheet(`event e(period_end: USD)\n`), CHECK.shadowsPeriodFact, "period_end");
    expectOne(sheet(`clause c {\n  let period_start = 1\n}\n`), CHECK.shadowsPeriodFact, "period_start");
  });

  it("reports an event argument that would hide an input", () => {
    const d = expectOne(sheet(`event e(revenue: USD)\n`), CHECK.shadowsName, "revenue: USD");
    expect(d.message).toContain("would hide the input revenue inside on e");
  });

  it("reports a nested on whose arguments clash with the enclosing event's", () => {
    expectOne(
      sheet(`event a(x: USD)\nevent b(x: USD)\nclause c {\n  on a {\n    on b {\n      sharon pays nvidia x\n    }\n  }\n}\n`),
      CHECK.shadowsName,
      "b {",
    );
  });

  it("reports an unknown party in pays and grants, with a suggestion", () => {
    const d = expectOne(sheet(`clause c {\n  sharon pays nvidai revenue\n}\n`), CHECK.unknownParty, "nvidai");
    expect(d.message).toBe("unknown party nvidai; did you mean nvidia?");
    const g = expectOne(sheet(`clause c {\n  at signing {\n    bank grants nvidia 10 warrants at 1 USD\n  }\n}\n`), CHECK.unknownParty, "bank");
    expect(g.message).toBe("unknown party bank; the parties are nvidia, sharon");
  });

  it("reports a party paying or granting to itself", () => {
    const d = expectOne(sheet(`clause c {\n  sharon pays sharon revenue\n}\n`), CHECK.partyPaysItself, "sharon revenue");
    expect(d.message).toContain("sharon cannot pay itself");
    expectOne(sheet(`clause c {\n  at signing {\n    sharon grants sharon 1 warrants at 1 USD\n  }\n}\n`), CHECK.partyPaysItself, "sharon 1");
  });

  it("reports an unknown event in on, suggesting a declared one", () => {
    const d = expectOne(
      sheet(`event lease_default(missed_rent: USD)\nclause c {\n  on lease_defualt {\n    nvidia pays sharon missed_rent\n  }\n}\n`),
      CHECK.unknownEvent,
      "lease_defualt",
    );
    expect(d.message).toBe("unknown event lease_defualt; did you mean lease_default?");
  });

  it("reports an unknown function with a suggestion and a value called as a function", () => {
    const d = expectOne(sheet(`clause c {\n  sharon pays nvidia mx(revenue, 1 USD)\n}\n`), CHECK.unknownFunction, "mx(");
    expect(d.message).toBe("unknown function mx; did you mean max?");
    const v = expectOne(sheet(RATE + `clause c {\n  sharon pays nvidia revenue * share_rate(1)\n}\n`), CHECK.unknownFunction, "share_rate(");
    expect(v.message).toContain("share_rate is a schedule, not a function");
  });

  it("reports calls with the wrong number of arguments", () => {
    const d = expectOne(sheet(`clause c {\n  sharon pays nvidia abs(revenue, revenue)\n}\n`), CHECK.wrongArgumentCount, "abs(");
    expect(d.message).toBe("abs takes 1 argument (abs(x)), but got 2");
    expectOne(sheet(`clause c {\n  sharon pays nvidia max(revenue)\n}\n`), CHECK.wrongArgumentCount, "max(");
    expectOne(sheet(`clause c {\n  sharon pays nvidia floor(revenue, 1 USD, 2 USD)\n}\n`), CHECK.wrongArgumentCount, "floor(");
  });

  it("reports a cycle among consts once, naming the path", () => {
    const d = expectOne(sheet(`const a = b + 1\nconst b = c * 2\nconst c = a\n`), CHECK.declarationCycle, "a = b");
    expect(d.message).toBe("const a is defined in terms of itself (a → b → c → a); a value must not depend on itself");
  });

  it("reports a const that refers to itself", () => {
    expectOne(sheet(`const a = a + 1\n`), CHECK.declarationCycle, "a = a");
  });

  it("reports a schedule that depends on itself through a const", () => {
    expectOne(sheet(`const k = 1\nschedule s by contract_year {\n  year 1 onward: s * k\n}\n`), CHECK.declarationCycle, "s by");
  });

  it("lets consts use consts declared later", () => {
    const checked = expectClean(sheet(`const total = price * 2\nconst price = 3 USD\nclause c {\n  sharon pays nvidia total\n}\n`));
    expect(checked.consts.map((c) => c.name.text)).toEqual(["total", "price"]);
  });

  it("reports a const that uses an input", () => {
    const d = expectOne(sheet(`const a = revenue * 2\n`), CHECK.notConstant, "revenue");
    expect(d.message).toContain("revenue is an input");
  });

  it("reports a let used before its declaration and one from another block", () => {
    const before = expectOne(sheet(`clause c {\n  sharon pays nvidia fee\n  let fee = 5 USD\n}\n`), CHECK.letNotVisible, "fee\n");
    expect(before.message).toContain("used before its let");
    const text = sheet(`clause c {\n  when revenue > 0 USD {\n    let fee = 5 USD\n    sharon pays nvidia fee\n  }\n  nvidia pays sharon fee\n}\n`);
    const other = expectOne(text, CHECK.letNotVisible, "fee\n", "error", 2);
    expect(other.message).toContain("inside another block");
  });
});
