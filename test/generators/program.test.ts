/**
 * The program generator's own guarantees: generated term sheets check with
 * zero errors and settle their generated inputs without error, and over a
 * few hundred samples every construct of the language shows up.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkSource, runSource } from "../../src/api.ts";
import type { Program } from "../../src/syntax/ast.ts";
import { parseSource } from "../../src/syntax/parse.ts";
import { addDays, periodStarts, termPeriods, type GenFrequency } from "./calendar.ts";
import { clauseArbitrary, expressionArbitrary, generateProgram, inputFiles, programArbitrary } from "./program.ts";

describe("generated programs", () => {
  it("200 programs check with zero errors and settle their inputs without error", () => {
    fc.assert(
      fc.property(programArbitrary(), (program) => {
        const checked = checkSource(program.source);
        expect(checked.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
        const run = runSource(program.source, inputFiles(program));
        expect(run.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
        expect(run.failure).toBeNull();
        expect(run.ledger!.periods.length).toBe(program.inputs.periods.length);
      }),
      { numRuns: 200 },
    );
  });

  it("messy and commented layouts check clean too", () => {
    fc.assert(
      fc.property(fc.oneof(programArbitrary({ layout: "messy" }), programArbitrary({ layout: "commented" })), (program) => {
        expect(checkSource(program.source).diagnostics.filter((d) => d.severity === "error")).toEqual([]);
      }),
      { numRuns: 60 },
    );
  });

  it("are rebuilt identically from their seed", () => {
    const a = generateProgram(12345, { layout: "messy" });
    const b = generateProgram(12345, { layout: "messy" });
    expect(b).toEqual(a);
    expect(a.seed).toBe(12345);
  });

  it("come with inputs for contiguous periods from period 1 and events inside them", () => {
    fc.assert(
      fc.property(programArbitrary(), ({ source, inputs }) => {
        const term = /term (\S+) to (\S+), (monthly|quarterly|annually)/.exec(source)!;
        const periods = termPeriods(term[1]!, term[2]!, term[3] as GenFrequency);
        expect(inputs.periods.map((p) => p["period"])).toEqual(periods.slice(0, inputs.periods.length).map((p) => p.start));
        const last = periods[inputs.periods.length - 1]!;
        for (const e of inputs.events) {
          expect(e["date"]! >= periods[0]!.start && e["date"]! <= last.end).toBe(true);
        }
        for (const row of [...inputs.periods, ...inputs.events]) {
          for (const [key, value] of Object.entries(row)) {
            if (key !== "period" && key !== "date" && key !== "event") expect(value).toMatch(/^-?\d+(\.\d+)?$/);
          }
        }
      }),
      { numRuns: 100 },
    );
  });
});

describe("the smaller arbitraries", () => {
  it("expressionArbitrary builds deals that check clean, for each type", () => {
    for (const type of ["money", "plain", "bool", "date"] as const) {
      fc.assert(
        fc.property(expressionArbitrary(type), ({ source, text }) => {
          expect(source).toContain(text);
          expect(checkSource(source).diagnostics.filter((d) => d.severity === "error")).toEqual([]);
        }),
        { numRuns: 40 },
      );
    }
  });

  it("clauseArbitrary gives one clause of a valid deal", () => {
    fc.assert(
      fc.property(clauseArbitrary(), ({ source, text }) => {
        expect(text.startsWith("clause ")).toBe(true);
        expect(source).toContain(text);
      }),
      { numRuns: 30 },
    );
  });
});

// ---------------------------------------------------------------- coverage

/** Every node of a tree with a `kind`, depth first. */
function* nodes(value: unknown): Generator<Record<string, unknown>> {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (Array.isArray(v)) stack.push(...v);
    else if (v !== null && typeof v === "object") {
      const o = v as Record<string, unknown>;
      if (typeof o["kind"] === "string") yield o;
      for (const [key, child] of Object.entries(o)) if (key !== "range") stack.push(child);
    }
  }
}

function features(program: Program, source: string): string[] {
  const seen: string[] = [];
  for (const n of nodes(program)) {
    const kind = n["kind"] as string;
    seen.push(`node:${kind}`);
    switch (kind) {
      case "Term": {
        seen.push(`frequency:${n["frequency"]}`);
        const start = (n["start"] as { text: string }).text;
        const day = Number(start.slice(8));
        if (day >= 28) seen.push("term:month-end start");
        break;
      }
      case "Currency":
        seen.push(`rounding:${n["rounding"] ?? "default"}`, `currency:${(n["code"] as { text: string }).text}`);
        break;
      case "Schedule":
        seen.push(`basis:${n["basis"]}`);
        if (n["tapering"]) seen.push("schedule:tapering");
        break;
      case "IndexKey":
      case "DateKey":
        seen.push(n["onward"] ? "key:onward" : n["to"] !== null ? "key:to" : "key:single");
        break;
      case "Cap":
        seen.push(`cap:${n["window"]}`);
        break;
      case "Window":
        seen.push(`window:${n["bound"]}`);
        break;
      case "Adjust":
        seen.push(`adjust:${n["op"]}`);
        break;
      case "When":
        if (n["consecutive"] !== null) seen.push("when:consecutive");
        break;
      case "Binary":
      case "Unary":
        seen.push(`op:${n["op"]}`);
        break;
      case "Call":
        seen.push(`call:${(n["callee"] as { text: string }).text}`);
        break;
      case "NameRef": {
        const name = (n["name"] as { text: string }).text;
        if (["days", "period_index", "contract_year", "period_start", "period_end"].includes(name)) seen.push(`fact:${name}`);
        break;
      }
      case "NumberLit":
        if (n["scale"] !== null) seen.push(`scale:${n["scale"]}`);
        if (n["percent"]) seen.push("literal:percent");
        if (n["unit"] !== null && (n["unit"] as { denominator: unknown[] }).denominator.length > 0) seen.push("literal:per unit");
        if (n["unit"] !== null && ["days", "months", "years"].includes((n["unit"] as { numerator: { text: string }[] }).numerator[0]!.text)) {
          seen.push("literal:duration");
        }
        break;
      case "Event":
        if ((n["params"] as unknown[]).length > 0) seen.push("event:with args");
        break;
      case "Input": {
        const unit = n["unit"] as { numerator: { text: string }[]; denominator: unknown[] };
        seen.push(unit.denominator.length > 0 ? "input:per unit" : unit.numerator[0]!.text === "number" ? "input:number" : "input:unit");
        break;
      }
    }
  }
  if (source.includes("1_")) seen.push("literal:digit groups");
  return seen;
}

describe("the generator covers every construct", () => {
  const counts = new Map<string, number>();
  let stubs = 0;
  for (let seed = 1; seed <= 300; seed++) {
    const { source } = generateProgram(seed * 7919);
    const parsed = parseSource(source);
    for (const f of features(parsed.value, source)) counts.set(f, (counts.get(f) ?? 0) + 1);
    // A stub: the term ends before the day the last period would end in full.
    const [, start, end, frequency] = /term (\S+) to (\S+), (monthly|quarterly|annually)/.exec(source)!;
    const count = termPeriods(start!, end!, frequency as GenFrequency).length;
    if (end! < addDays(periodStarts(start!, frequency as GenFrequency, count + 1)[count]!, -1)) stubs++;
  }

  const expected = [
    // every statement kind
    "node:Let", "node:Pays", "node:Grants", "node:When", "node:On", "node:AtSigning", "node:Cap", "node:Window",
    "node:Balance", "adjust:add", "adjust:subtract",
    // every expression kind
    "node:NumberLit", "node:DateExpr", "node:NameRef", "node:Unary", "node:Binary", "node:Call", "node:IfExpr",
    // every declaration kind
    "node:Deal", "node:Parties", "node:Term", "node:Currency", "node:Settle", "node:Units", "node:Input", "node:Event",
    "node:Const", "node:Schedule", "node:Tiers", "node:TierEntry", "node:Clause", "node:Test", "node:TestPeriod", "node:TestEvent", "node:TestExpect",
    "basis:contract_year", "basis:period", "basis:date", "schedule:tapering", "key:single", "key:to", "key:onward",
    "cap:term", "cap:contract_year", "cap:period", "window:from", "window:until", "when:consecutive",
    "rounding:default", "rounding:half_even", "rounding:half_up", "rounding:down", "rounding:up",
    "frequency:monthly", "frequency:quarterly", "frequency:annually", "term:month-end start",
    "currency:USD", "currency:JPY", "currency:KWD",
    "op:+", "op:-", "op:*", "op:/", "op:<", "op:<=", "op:>", "op:>=", "op:==", "op:!=", "op:and", "op:or", "op:not",
    "call:min", "call:max", "call:abs", "call:round", "call:floor", "call:ceil",
    "call:tier", "call:marginal",
    "call:interpolate", "call:act_365f", "call:act_360", "call:thirty_360", "call:convert", "call:compound",
    "fact:days", "fact:period_index", "fact:contract_year", "fact:period_start", "fact:period_end",
    "scale:million", "scale:billion", "literal:percent", "literal:per unit", "literal:duration", "literal:digit groups",
    "event:with args", "input:number", "input:unit", "input:per unit",
  ];

  it.each(expected)("%s appears in at least 3 of 300 programs", (feature) => {
    expect(counts.get(feature) ?? 0).toBeGreaterThanOrEqual(3);
  });

  it("some terms end with a stub period", () => {
    expect(stubs).toBeGreaterThanOrEqual(3);
  });
});
