/**
 * Every resource limit of src/limits.ts at its edge (cel-js style): with the
 * limit set to N, input of size N passes and input of size N + 1 gives the
 * limit's typed diagnostic — with a source position, or naming the data
 * file. Small configured limits keep the tests fast.
 */
import { describe, expect, it } from "vitest";
import { checkSource, runSource } from "../../src/api.ts";
import { checkProgram } from "../../src/check/check-program.ts";
import { CHECK } from "../../src/diagnostics/codes/check.ts";
import { INPUT } from "../../src/diagnostics/codes/input.ts";
import { PARSE } from "../../src/diagnostics/codes/parse.ts";
import type { Diagnostic } from "../../src/diagnostics/diagnostic.ts";
import { loadInputs } from "../../src/inputs/load-inputs.ts";
import { DEFAULT_LIMITS, type Limits } from "../../src/limits.ts";
import { bundledHost } from "../../src/modules/bundled-host.ts";
import { expandProgram } from "../../src/modules/expand.ts";
import type { Program } from "../../src/syntax/ast.ts";
import { parseSource } from "../../src/syntax/parse.ts";
import { HEADER, PERIODS, row } from "../inputs/fixtures.ts";

const codes = (ds: readonly Diagnostic[]) => ds.map((d) => d.code);
const brief = (ds: readonly Diagnostic[]) => ds.map((d) => `${d.code} ${d.message}`);

describe("the limits", () => {
  it("have documented defaults", () => {
    expect(DEFAULT_LIMITS).toEqual({
      maxSourceBytes: 10_000_000,
      maxDepth: 200,
      maxAstNodes: 1_000_000,
      maxPeriods: 10_000,
      maxModules: 100,
      maxInputBytes: 20_000_000,
      maxInputRows: 10_000,
      maxEvents: 10_000,
    });
  });
});

describe("imported files", () => {
  // m0 imports m1 imports m2: three files.
  const files = {
    "stdlib/m0.tenor": `import t1 from "./m1"\ntemplate const t0(x: number) = x\n`,
    "stdlib/m1.tenor": `import t2 from "./m2"\ntemplate const t1(x: number) = x\n`,
    "stdlib/m2.tenor": `template const t2(x: number) = x\n`,
  };
  const program = parseSource(`import t0 from "stdlib/m0"\n`).value;

  it("accepts exactly maxModules files and refuses one more with TN2213 at the sheet's import", () => {
    expect(expandProgram(program, { host: bundledHost(files), maxModules: 3 }).diagnostics).toEqual([]);
    const over = expandProgram(program, { host: bundledHost(files), maxModules: 2 }).diagnostics;
    expect(brief(over)).toEqual(["TN2213 stdlib/m1.tenor: more than 2 files are imported (the limit)"]);
    expect(over[0]!.range).toEqual({ start: 15, end: 26 });
  });
});

describe("source size", () => {
  const text = `deal "Size"\nconst a = 1\n`; // 24 bytes

  it("accepts a source of exactly maxSourceBytes and refuses one byte more with TN1005 at offset 0", () => {
    expect(parseSource(text, { maxSourceBytes: 24 }).diagnostics).toEqual([]);
    expect(parseSource(text, { maxSourceBytes: 23 }).diagnostics).toEqual([
      { code: PARSE.sourceTooLarge, severity: "error", message: "source is larger than 23 bytes", range: { start: 0, end: 0 } },
    ]);
  });

  it("counts UTF-8 bytes, surrogate pairs as four", () => {
    const emoji = `deal "😀"`; // 9 UTF-16 units, 11 bytes
    expect(codes(parseSource(emoji, { maxSourceBytes: 11 }).diagnostics)).toEqual([]);
    expect(codes(parseSource(emoji, { maxSourceBytes: 10 }).diagnostics)).toEqual([PARSE.sourceTooLarge]);
  });

  it("refuses an 11 MB source by default, at once", () => {
    expect(codes(checkSource(`// ${"x".repeat(11_000_000)}`).diagnostics)).toEqual([PARSE.sourceTooLarge]);
  });
});

describe("nesting depth", () => {
  // Each maker builds a declaration nested exactly n levels deep; `at` is where level n + 1 would start.
  const kinds: [string, (n: number) => string, (n: number) => number][] = [
    ["parentheses", (n) => `const x = ${"(".repeat(n)}1${")".repeat(n)}`, (n) => 10 + n - 1],
    ["unary minus", (n) => `const x = ${"-".repeat(n)}1`, (n) => 10 + n - 1],
    ["if", (n) => `const x = ${"if a then 1 else ".repeat(n)}1`, (n) => 10 + 17 * (n - 1)],
    ["calls", (n) => `const x = ${"max(".repeat(n)}1${")".repeat(n)}`, (n) => 10 + 4 * (n - 1) + 3],
    ["not", (n) => `const x = ${"not ".repeat(n)}a`, (n) => 10 + 4 * (n - 1)],
    ["operator chains", (n) => `const x = 1${" + 1".repeat(n)}`, (n) => 11 + 4 * (n - 1) + 1],
    ["blocks", (n) => `clause c { ${"when a { ".repeat(n - 1)}${"} ".repeat(n - 1)}}`, (n) => 11 + 9 * (n - 2) + 7],
  ];

  it.each(kinds)("%s: depth N parses, N + 1 gives TN1004 at the token that goes too deep", (_name, make, at) => {
    const limit = 20;
    expect(parseSource(make(limit), { maxDepth: limit }).diagnostics).toEqual([]);
    const deep = make(limit + 2);
    const result = parseSource(deep, { maxDepth: limit });
    expect(codes(result.diagnostics)).toEqual([PARSE.nestingTooDeep]);
    expect(result.diagnostics[0]!.message).toBe("nesting deeper than 20 levels");
    const start = result.diagnostics[0]!.range!.start;
    expect(start).toBe(at(limit + 1));
    expect(result.value.decls).toEqual([]);
  });

  it.each([
    ["parentheses", (n: number) => `const x = ${"(".repeat(n)}1${")".repeat(n)}`],
    ["if", (n: number) => `const x = ${"if a then 1 else ".repeat(n)}1`],
    ["unary minus", (n: number) => `const x = ${"-".repeat(n)}1`],
    ["calls", (n: number) => `const x = ${"max(".repeat(n)}1${")".repeat(n)}`],
  ])("10,000 and 100,000 nested %s give one TN1004 from parse, check and run, never a RangeError", (_name, make) => {
    for (const n of [10_000, 100_000]) {
      const text = `deal "Deep"\n${make(n)}\n`;
      expect(codes(parseSource(text).diagnostics)).toEqual([PARSE.nestingTooDeep]);
      const checked = checkSource(text);
      expect(codes(checked.diagnostics)).toEqual([PARSE.nestingTooDeep]);
      expect(checked.diagnostics[0]!.range!.start).toBeGreaterThan(12);
      const run = runSource(text, []);
      expect([run.failure, ...codes(run.diagnostics)]).toEqual(["source", PARSE.nestingTooDeep]);
    }
  });
});

/** Syntax nodes of a program, counted here independently of the checker: every object with a `kind`. */
function countNodes(program: Program): number {
  let n = 0;
  const stack: unknown[] = [program];
  while (stack.length > 0) {
    const x = stack.pop();
    if (Array.isArray(x)) stack.push(...x);
    else if (typeof x === "object" && x !== null) {
      if ("kind" in x) n++;
      stack.push(...Object.values(x));
    }
  }
  return n;
}

describe("AST nodes", () => {
  const source = `deal "Nodes"\nparties { a: "A" b: "B" }\nterm 2026-07-01 to 2026-12-31, monthly\ncurrency USD\nclause fee { a pays b 1 USD + 2 USD }\n`;
  const program = parseSource(source).value;
  const n = countNodes(program);
  const limits = (maxAstNodes: number): { limits: Partial<Limits> } => ({ limits: { maxAstNodes } });

  it("checks a program of exactly maxAstNodes nodes", () => {
    expect(n).toBeGreaterThan(20);
    const result = checkProgram(program, limits(n));
    expect(result.diagnostics).toEqual([]);
    expect(result.value).not.toBeNull();
  });

  it("refuses it with maxAstNodes one lower: TN2090 at the declaration that passes the limit, and nothing else", () => {
    const result = checkProgram(program, limits(n - 1));
    expect(result.value).toBeNull();
    const fee = source.indexOf("fee");
    expect(result.diagnostics).toEqual([
      {
        code: CHECK.tooManyAstNodes,
        severity: "error",
        message: `the term sheet has more than ${n - 1} syntax nodes (the limit); split it into smaller term sheets`,
        range: { start: fee, end: fee + 3 },
      },
    ]);
  });

  it("points at the whole declaration when it has no name", () => {
    // Program 1 + deal 2 (the declaration, its title) = 3: the parties declaration is the one past the limit.
    const result = checkProgram(program, limits(3));
    expect(brief(result.diagnostics)).toEqual([`${CHECK.tooManyAstNodes} the term sheet has more than 3 syntax nodes (the limit); split it into smaller term sheets`]);
    const parties = `parties { a: "A" b: "B" }`;
    expect(result.diagnostics[0]!.range).toEqual({ start: source.indexOf(parties), end: source.indexOf(parties) + parties.length });
  });
});

describe("periods", () => {
  const sheet = (term: string) => `deal "Periods"\nparties { a: "A" b: "B" }\n${term}\ncurrency USD\n`;
  const term = "term 2026-01-01 to 2026-12-31, monthly"; // 12 periods
  const check = (maxPeriods: number) => {
    const parsed = parseSource(sheet(term));
    return checkProgram(parsed.value, { limits: { maxPeriods } });
  };

  it("accepts a term of exactly maxPeriods periods", () => {
    expect(check(12).diagnostics).toEqual([]);
  });

  it("refuses one more period than the limit with TN2091 at the term", () => {
    const start = sheet(term).indexOf("term");
    expect(check(11).diagnostics).toEqual([
      { code: CHECK.tooManyPeriods, severity: "error", message: "the term has 12 periods, more than the limit of 11", range: { start, end: start + term.length } },
    ]);
  });

  it("refuses a term to the year 9999 by default, without running out of anything", () => {
    expect(brief(checkSource(sheet("term 0001-01-01 to 9999-12-31, monthly")).diagnostics)).toEqual([
      `${CHECK.tooManyPeriods} the term has 119,988 periods, more than the limit of 10,000`,
    ]);
  });
});

describe("input rows and events", () => {
  const rows = (n: number) => PERIODS.slice(0, n).map((p) => row(p.start));
  const jsonFile = (rowCount: number, eventCount = 0) => ({
    name: "data.json",
    text: `{ "periods": [${rows(rowCount).join(",")}], "events": [${Array.from({ length: eventCount }, () => `{ "date": "2026-07-03", "event": "lease_default", "missed_rent": "1" }`).join(",")}] }`,
  });
  const csvFile = (rowCount: number) => ({
    name: "data.csv",
    text: `period,revenue,sold_hours,capacity_hours\n${PERIODS.slice(0, rowCount).map((p) => `${p.start},1,1,2\n`).join("")}`,
  });
  const load = (files: { name: string; text: string }[], limits: Partial<Limits>) => loadInputs(files, HEADER, PERIODS, limits);

  it("accepts exactly maxInputRows rows (JSON and CSV) and refuses one more with TN3126 naming the file", () => {
    expect(load([jsonFile(5)], { maxInputRows: 5 }).diagnostics).toEqual([]);
    expect(load([csvFile(5)], { maxInputRows: 5 }).diagnostics).toEqual([]);
    expect(brief(load([jsonFile(6)], { maxInputRows: 5 }).diagnostics)).toEqual([`${INPUT.tooManyRows} inputs file data.json has more than 5 period rows, the limit`]);
    expect(brief(load([csvFile(6)], { maxInputRows: 5 }).diagnostics)).toEqual([`${INPUT.tooManyRows} periods CSV data.csv has more than 5 period rows, the limit`]);
  });

  it("refuses far too many rows with that one error, not one per row", () => {
    const text = `period,revenue,sold_hours,capacity_hours\n${"1999-01-01,x,y,z\n".repeat(200_000)}`;
    expect(brief(load([{ name: "rows.csv", text }], {}).diagnostics)).toEqual([`${INPUT.tooManyRows} periods CSV rows.csv has more than 10,000 period rows, the limit`]);
  });

  it("accepts exactly maxEvents events and refuses one more with TN3127 naming the file", () => {
    expect(load([jsonFile(1, 3)], { maxEvents: 3 }).diagnostics).toEqual([]);
    expect(brief(load([jsonFile(1, 4)], { maxEvents: 3 }).diagnostics)).toEqual([`${INPUT.tooManyEvents} inputs file data.json has more than 3 events, the limit`]);
  });

  it("counts events in a separate events file, CSV or JSON", () => {
    const csvEvents = (n: number) => ({ name: "events.csv", text: `date,event,missed_rent\n${"2026-07-03,lease_default,1\n".repeat(n)}` });
    const jsonEvents = (n: number) => ({ name: "events.json", text: JSON.stringify(Array.from({ length: n }, () => ({ date: "2026-07-03", event: "lease_default", missed_rent: "1" }))) });
    expect(load([csvFile(1), csvEvents(3)], { maxEvents: 3 }).diagnostics).toEqual([]);
    expect(load([csvFile(1), jsonEvents(3)], { maxEvents: 3 }).diagnostics).toEqual([]);
    expect(brief(load([csvFile(1), csvEvents(4)], { maxEvents: 3 }).diagnostics)).toEqual([`${INPUT.tooManyEvents} events file events.csv has more than 3 events, the limit`]);
    expect(brief(load([csvFile(1), jsonEvents(4)], { maxEvents: 3 }).diagnostics)).toEqual([`${INPUT.tooManyEvents} events file events.json has more than 3 events, the limit`]);
  });
});

describe("input file size", () => {
  const file = { name: "data.json", text: `{ "periods": [${row("2026-07-01")}] }` };
  const bytes = Buffer.byteLength(file.text, "utf8");

  it("accepts a file of exactly maxInputBytes and refuses it one byte lower with TN3125 naming the file", () => {
    expect(loadInputs([file], HEADER, PERIODS, { maxInputBytes: bytes }).diagnostics).toEqual([]);
    expect(brief(loadInputs([file], HEADER, PERIODS, { maxInputBytes: bytes - 1 }).diagnostics)).toEqual([
      `${INPUT.inputFileTooLarge} inputs file data.json is larger than ${bytes - 1} bytes, the limit for an inputs file`,
    ]);
  });

  it("checks an events file too", () => {
    const csv = { name: "p.csv", text: "period,revenue,sold_hours,capacity_hours\n2026-07-01,1,1,2\n" };
    const events = { name: "e.csv", text: `date,event,missed_rent\n2026-07-03,lease_default,${"1".repeat(100)}\n` };
    expect(brief(loadInputs([csv, events], HEADER, PERIODS, { maxInputBytes: 100 }).diagnostics)).toEqual([
      `${INPUT.inputFileTooLarge} inputs file e.csv is larger than 100 bytes, the limit for an inputs file`,
    ]);
  });
});
