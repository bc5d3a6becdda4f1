/**
 * `calendar`, `paid` and the term's generation options in the AST and the
 * formatter: what they parse to, their canonical layout, and that printing
 * and parsing again gives the same tree (a property over generated ones).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatSource, printProgram } from "../../src/syntax/print.ts";
import { parseSource } from "../../src/syntax/parse.ts";
import { located, onlyDecl } from "./helpers.ts";
import { stripRanges } from "./strip-ranges.ts";

function fmt(source: string): string {
  const result = formatSource(source);
  expect(result.diagnostics).toEqual([]);
  return result.value!;
}

describe("calendars, paid and term options in the AST", () => {
  it("reads the term's options in either order", () => {
    expect(onlyDecl("term 2026-07-15 to 2031-06-30, monthly, end_of_month, backward")).toMatchObject({
      kind: "Term", frequency: "monthly", backward: true, endOfMonth: true,
    });
    expect(onlyDecl("term 2026-07-15 to 2031-06-30, quarterly")).toMatchObject({ backward: false, endOfMonth: false });
  });

  it("reads paid with a lag in business days, in days, or on the period date", () => {
    expect(onlyDecl("paid 15 business days after period_end, modified_following nyc")).toMatchObject({
      kind: "Paid",
      lag: { kind: "PaymentLag", count: { digits: "15" }, business: true, unit: { text: "days" } },
      anchor: { text: "period_end" },
      convention: "modified_following",
      calendar: { text: "nyc" },
    });
    expect(onlyDecl("paid 1 day after period_start, preceding uk")).toMatchObject({
      lag: { business: false, unit: { text: "day" } }, anchor: { text: "period_start" }, convention: "preceding",
    });
    expect(onlyDecl("paid on period_end, following target")).toMatchObject({ lag: null, convention: "following" });
  });

  it("reads a calendar's bases and dates, with or without commas", () => {
    expect(onlyDecl("calendar nyc: nyse, uk { 2027-11-26, 2028-11-24\n 2029-11-23 }")).toMatchObject({
      kind: "Calendar",
      name: { text: "nyc" },
      bases: [{ text: "nyse" }, { text: "uk" }],
      dates: [{ text: "2027-11-26" }, { text: "2028-11-24" }, { text: "2029-11-23" }],
    });
    expect(onlyDecl("calendar office {}")).toMatchObject({ bases: [], dates: [] });
  });

  it("reports a misspelt option, convention or missing calendar once, at its place", () => {
    const source = "term 2026-07-01 to 2027-06-30, monthly, backwards\npaid on period_end, next nyse\npaid on period_end, following\n";
    expect(located(source, parseSource(source).diagnostics)).toEqual([
      { code: "TN1002", line: 1, message: "expected 'backward' or 'end_of_month' after ',', found 'backwards'" },
      { code: "TN1002", line: 2, message: "expected 'following', 'modified_following' or 'preceding' after ',', found 'next'" },
      { code: "TN1002", line: 3, message: "expected a name after 'following', found the end of the file" },
    ]);
  });

  it("keeps `days`, `period_end` and the calendar names ordinary names elsewhere", () => {
    const clause = parseSource("clause c {\n  a pays b days * 1 USD + 0 USD * (period_end - period_start)\n}\nconst nyse = 1\n");
    expect(clause.diagnostics).toEqual([]);
  });
});

describe("formatting calendars, paid and term options", () => {
  it("writes one canonical line each, options in a fixed order", () => {
    const messy = "term 2026-07-01 to 2027-06-30 ,monthly,end_of_month ,backward\npaid   15 business  days after period_end ,modified_following   nyc\n" +
      "calendar nyc:nyse ,uk{2027-11-26\n2028-11-24,}\ncalendar office {  }\n";
    const once = fmt(messy);
    expect(once).toBe(
      "term 2026-07-01 to 2027-06-30, monthly, backward, end_of_month\npaid 15 business days after period_end, modified_following nyc\n" +
      "calendar nyc: nyse, uk { 2027-11-26, 2028-11-24 }\ncalendar office {}\n",
    );
    expect(fmt(once)).toBe(once);
  });

  it("puts one date per line when a comment sits inside the braces or the line would pass 100 characters", () => {
    const commented = "calendar nyc: nyse {\n  2027-11-26  // the day after Thanksgiving\n  2028-11-24\n}\n";
    expect(fmt(commented)).toBe(commented);
    const dates = Array.from({ length: 9 }, (_, i) => `20${30 + i}-01-02`);
    const long = fmt(`calendar long { ${dates.join(", ")} }\n`);
    expect(long).toBe(`calendar long {\n${dates.map((x) => `  ${x}\n`).join("")}}\n`);
    expect(fmt(long)).toBe(long);
  });
});

describe("printing and parsing again", () => {
  const name = fc.constantFrom("nyse", "uk", "nyc", "office", "us_federal");
  const date = fc.integer({ min: 0, max: 3000 }).map((n) => {
    const d = new Date(Date.UTC(2026, 0, 1) + n * 86_400_000);
    return d.toISOString().slice(0, 10);
  });
  const term = fc.record({ freq: fc.constantFrom("monthly", "quarterly", "annually"), backward: fc.boolean(), eom: fc.boolean() })
    .map(({ freq, backward, eom }) => `term 2026-07-15 to 2031-06-30, ${freq}${backward ? ", backward" : ""}${eom ? ", end_of_month" : ""}`);
  const paid = fc.record({
    lag: fc.option(fc.record({ n: fc.integer({ min: 0, max: 365 }), business: fc.boolean(), unit: fc.constantFrom("days", "day") }), { nil: undefined }),
    anchor: fc.constantFrom("period_end", "period_start"),
    convention: fc.constantFrom("following", "modified_following", "preceding"),
    calendar: name,
  }).map(({ lag, anchor, convention, calendar }) =>
    `paid ${lag === undefined ? "on" : `${lag.n}${lag.business ? " business" : ""} ${lag.unit} after`} ${anchor}, ${convention} ${calendar}`);
  const calendar = fc.record({ name, bases: fc.array(name, { maxLength: 3 }), dates: fc.array(date, { maxLength: 12 }), commas: fc.boolean() })
    .map(({ name: n, bases, dates, commas }) =>
      `calendar ${n}${bases.length > 0 ? `: ${bases.join(", ")}` : ""} {\n${dates.join(commas ? ",\n" : "\n")}\n}`);

  it("gives the same tree and a fixed point", () => {
    fc.assert(fc.property(fc.array(fc.oneof(term, paid, calendar), { minLength: 1, maxLength: 6 }), (decls) => {
      const source = `${decls.join("\n")}\n`;
      const parsed = parseSource(source);
      expect(parsed.diagnostics).toEqual([]);
      const printed = printProgram(parsed.value, source);
      const again = parseSource(printed);
      expect(again.diagnostics).toEqual([]);
      expect(stripRanges(again.value)).toEqual(stripRanges(parsed.value));
      expect(printProgram(again.value, printed)).toBe(printed);
    }), { numRuns: 300 });
  });
});
