import { describe, expect, it } from "vitest";
import { periodsOfTerm } from "../../src/eval/periods.ts";
import { scheduleMatcher } from "../../src/eval/schedules.ts";
import { exprText } from "../../src/eval/expr-text.ts";
import type { ScheduleDecl } from "../../src/syntax/ast.ts";
import { parseSource } from "../../src/syntax/parse.ts";

const scheduleOf = (source: string): ScheduleDecl => {
  const parsed = parseSource(source);
  expect(parsed.diagnostics).toEqual([]);
  return parsed.value.decls[0] as ScheduleDecl;
};

const periods = periodsOfTerm("2026-07-01", "2029-06-30", "quarterly");
const valuesOver = (decl: ScheduleDecl) => {
  const m = scheduleMatcher(decl);
  return periods.map((p) => { const e = m.entryFor(p); return e ? exprText(e.value) : "-"; });
};

describe("scheduleMatcher", () => {
  it("matches contract years with single years, ranges and onward", () => {
    const decl = scheduleOf(`schedule r by contract_year { year 1: 1  year 2 to 2: 2  year 3 onward: 3 }`);
    expect(valuesOver(decl)).toEqual(["1", "1", "1", "1", "2", "2", "2", "2", "3", "3", "3", "3"]);
  });

  it("matches period indexes and leaves uncovered periods without an entry", () => {
    const decl = scheduleOf(`schedule r by period { period 2 to 3: 1  period 10 onward: 2 }`);
    expect(valuesOver(decl)).toEqual(["-", "1", "1", "-", "-", "-", "-", "-", "-", "2", "2", "2"]);
  });

  it("matches period starts against single dates, date ranges and onward", () => {
    const decl = scheduleOf(`schedule r by date { 2026-10-01: 1  2027-01-01 to 2027-05-31: 2  2028-01-01 onward: 3 }`);
    expect(valuesOver(decl)).toEqual(["-", "1", "2", "2", "-", "-", "3", "3", "3", "3", "3", "3"]);
  });
});
