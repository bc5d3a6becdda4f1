import { describe, expect, it } from "vitest";
import { checkProgram } from "../../src/check/check-program.ts";
import { MAX_EXPRESSION_DEPTH } from "../../src/check/expressions.ts";
import { CHECK } from "../../src/diagnostics/codes/check.ts";
import type { Expr, Program } from "../../src/syntax/ast.ts";
import { parseSource } from "../../src/syntax/parse.ts";
import { expectClean, expectOne, sheet } from "./helpers.ts";

function pays(amount: string, extra = ""): string {
  return sheet(`${extra}clause c {\n  sharon pays nvidia ${amount}\n}\n`);
}

describe("units and types", () => {
  it("reports adding quantities of different units, naming both", () => {
    const d = expectOne(pays("revenue + sold_hours"), CHECK.unitMismatch, "revenue + sold_hours");
    expect(d.message).toBe("cannot add USD and gpu_hour: both sides of + need the same unit");
  });

  it("reports subtracting and comparing quantities of different units", () => {
    const d = expectOne(pays("revenue - sold_hours"), CHECK.unitMismatch, "revenue - sold_hours");
    expect(d.message).toBe("cannot subtract gpu_hour from USD: both sides of - need the same unit");
    const c = expectOne(sheet(`clause c {\n  when revenue > sold_hours {\n    sharon pays nvidia revenue\n  }\n}\n`), CHECK.unitMismatch, "revenue > sold_hours");
    expect(c.message).toBe("cannot compare USD with gpu_hour: both sides of > need the same unit");
  });

  it("reports a plain number compared with money", () => {
    const d = expectOne(sheet(`clause c {\n  when revenue > 0 {\n    sharon pays nvidia revenue\n  }\n}\n`), CHECK.unitMismatch, "revenue > 0");
    expect(d.message).toBe("cannot compare USD with number: both sides of > need the same unit");
  });

  it("combines units in products and quotients", () => {
    const checked = expectClean(pays("(capacity_hours - sold_hours) * 1.85 USD per gpu_hour * (sold_hours / capacity_hours)"));
    const stmt = checked.clauses[0]!.body[0]!;
    if (stmt.kind !== "Pays") throw new Error("expected a payment");
    const t = checked.types.get(stmt.amount);
    expect(t?.kind === "number" ? t.unit.toString() : t?.kind).toBe("USD");
  });

  it("reports a payment that is not in the deal currency, saying which unit it has", () => {
    const d = expectOne(pays("sold_hours * 2"), CHECK.paymentNotInCurrency, "sold_hours * 2");
    expect(d.message).toBe("a payment must be in the deal currency USD, but this amount is in gpu_hour");
    const p = expectOne(pays("revenue / revenue"), CHECK.paymentNotInCurrency, "revenue / revenue");
    expect(p.message).toContain("this amount is a plain number");
  });

  it("reports a cap that is not in the deal currency", () => {
    const d = expectOne(sheet(`clause c {\n  sharon pays nvidia revenue\n  cap 10 gpu_hour over term\n}\n`), CHECK.capNotInCurrency, "10 gpu_hour");
    expect(d.message).toContain("in gpu_hour");
  });

  it("reports a grant price outside the currency and a quantity with a unit", () => {
    expectOne(sheet(`clause c {\n  at signing {\n    sharon grants nvidia 10 warrants at 2 gpu_hour\n  }\n}\n`), CHECK.grantPriceNotInCurrency, "2 gpu_hour");
    const d = expectOne(sheet(`clause c {\n  at signing {\n    sharon grants nvidia revenue warrants at 2 USD\n  }\n}\n`), CHECK.grantQuantityNotPlain, "revenue warrants");
    expect(d.message).toContain("must be a plain number (how many warrants), but this is USD");
  });

  it("reports when and if conditions that are not true/false", () => {
    const d = expectOne(sheet(`clause c {\n  when revenue {\n    sharon pays nvidia revenue\n  }\n}\n`), CHECK.conditionNotBoolean, "revenue {");
    expect(d.message).toBe("a when condition must be true/false, but this is USD");
    expectOne(pays("if revenue then revenue else 0 USD"), CHECK.conditionNotBoolean, "revenue then");
  });

  it("reports if branches of different types", () => {
    const d = expectOne(pays("if revenue > 0 USD then revenue else sold_hours"), CHECK.branchTypeMismatch, "if revenue");
    expect(d.message).toBe("both branches of if must have the same type, but then is USD and else is gpu_hour");
  });

  it("reports and, or and not applied to numbers", () => {
    expectOne(sheet(`clause c {\n  when revenue > 0 USD and sold_hours {\n    sharon pays nvidia revenue\n  }\n}\n`), CHECK.operandNotBoolean, "sold_hours {");
    expectOne(sheet(`clause c {\n  when not revenue {\n    sharon pays nvidia revenue\n  }\n}\n`), CHECK.operandNotBoolean, "revenue {");
  });

  it("reports min and max of different units", () => {
    const d = expectOne(pays("max(revenue, 0 gpu_hour)"), CHECK.argumentUnitMismatch, "0 gpu_hour");
    expect(d.message).toBe("max needs arguments of the same unit, but argument 1 is USD and argument 2 is gpu_hour");
  });

  it("accepts a rounding step that is plain or in the same unit, and reports one in another unit", () => {
    expectClean(pays("round(revenue * 10%, 0.01) + floor(revenue, 1000 USD) + ceil(revenue)"));
    const d = expectOne(pays("round(revenue, 1 gpu_hour)"), CHECK.stepUnitMismatch, "1 gpu_hour");
    expect(d.message).toBe("the step of round must be a plain number or in USD, but it is in gpu_hour");
  });

  it("reports a constant rounding step that is not above zero", () => {
    expectOne(pays("round(revenue, 0)"), CHECK.stepNotPositive, "0)");
  });

  it("types date arithmetic: date ± duration, date − date, date comparisons", () => {
    expectClean(
      sheet(`clause c {\n  when period_start + 30 days > 2027-01-01 and period_end - period_start < 40 and period_start - 1 months >= 2026-06-01 {\n    sharon pays nvidia revenue * (period_end - period_start + 1) / days\n  }\n}\n`),
    );
  });

  it("reports adding a plain number to a date", () => {
    const d = expectOne(sheet(`clause c {\n  when period_start + 5 > 2027-01-01 {\n    sharon pays nvidia revenue\n  }\n}\n`), CHECK.invalidOperand, "period_start + 5");
    expect(d.message).toContain("a date and a duration such as 30 days");
  });

  it("reports a duration literal that is not whole", () => {
    expectOne(sheet(`clause c {\n  when period_start + 1.5 months > 2027-01-01 {\n    sharon pays nvidia revenue\n  }\n}\n`), CHECK.durationNotWhole, "1.5 months");
  });

  it("reports an impossible date literal inside an expression", () => {
    expectOne(sheet(`clause c {\n  when period_start > 2027-13-01 {\n    sharon pays nvidia revenue\n  }\n}\n`), CHECK.invalidDate, "2027-13-01");
  });

  it("reports an unknown unit in a literal with a suggestion", () => {
    const d = expectOne(pays("sold_hours * 2 USD per gpu_hours"), CHECK.unknownUnit, "gpu_hours");
    expect(d.message).toBe("unknown unit gpu_hours; did you mean gpu_hour?");
    const u = expectOne(pays("revenue * 3 widgets"), CHECK.unknownUnit, "widgets");
    expect(u.message).toBe("unknown unit widgets: declare it with `units widgets`");
  });

  it("reports an unknown unit in an input and a duration used as an input unit", () => {
    expectOne(sheet(`input power: megawatt\n`), CHECK.unknownUnit, "megawatt");
    const d = expectOne(sheet(`input outage: days\n`), CHECK.unknownUnit, "days");
    expect(d.message).toContain("days is a duration");
  });

  it("types event arguments by their declared units", () => {
    const d = expectOne(
      sheet(`event outage(hours_lost: gpu_hour)\nclause c {\n  on outage {\n    nvidia pays sharon hours_lost\n  }\n}\n`),
      CHECK.paymentNotInCurrency,
      "hours_lost\n",
    );
    expect(d.message).toContain("in gpu_hour");
  });

  it("reports nothing more for an expression the parser could not read", () => {
    const parsed = parseSource(sheet(`clause c {\n  sharon pays nvidia revenue * * 10%\n}\n`));
    expect(parsed.diagnostics.length).toBeGreaterThan(0);
    expect(checkProgram(parsed.value).diagnostics).toEqual([]);
  });

  it("refuses expressions nested deeper than the limit without overflowing", () => {
    const base = parseSource(sheet(`const deep = 1\n`)).value;
    const constDecl = base.decls.find((d) => d.kind === "Const")!;
    if (constDecl.kind !== "Const") throw new Error("no const");
    let e: Expr = constDecl.value;
    for (let i = 0; i < MAX_EXPRESSION_DEPTH + 50; i++) e = { kind: "Unary", op: "-", operand: e, range: constDecl.value.range };
    const program: Program = { ...base, decls: base.decls.map((d) => (d === constDecl ? { ...constDecl, value: e } : d)) };
    const result = checkProgram(program);
    expect(result.diagnostics.map((d) => d.code)).toEqual([CHECK.expressionTooDeep]);
  });
});
