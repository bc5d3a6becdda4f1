import { describe, expect, it } from "vitest";
import { PARSE } from "../../src/diagnostics/codes/parse.ts";
import type { Expr } from "../../src/syntax/ast.ts";
import { parseSource } from "../../src/syntax/parse.ts";
import { formatSource } from "../../src/syntax/print.ts";
import { onlyDecl, parseClean } from "./helpers.ts";
import { stripRanges } from "./strip-ranges.ts";

/** An expression as a short text: names, numbers with their units. */
function shown(e: Expr | null): string | null {
  if (e === null) return null;
  if (e.kind === "NameRef") return e.name.text;
  if (e.kind === "NumberLit") return `${e.digits}${e.scale === null ? "" : ` ${e.scale}`}${e.unit === null ? "" : ` ${e.unit.numerator[0]!.text}`}`;
  return e.kind;
}

function bounds(source: string) {
  const d = onlyDecl(source);
  if (d.kind !== "Input") throw new Error(`expected an input, got ${d.kind}`);
  return d.bounds === undefined ? undefined : { low: shown(d.bounds.low), high: shown(d.bounds.high), range: source.slice(d.bounds.range.start, d.bounds.range.end) };
}

describe("declared input ranges", () => {
  it("read both bounds, a constant and another input", () => {
    expect(bounds("input sold_hours: gpu_hour in 0 gpu_hour .. capacity_hours")).toEqual({ low: "0 gpu_hour", high: "capacity_hours", range: "in 0 gpu_hour .. capacity_hours" });
  });

  it("read a scaled amount as the upper bound", () => {
    expect(bounds("input revenue: USD in 0 USD .. 80 million USD")).toEqual({ low: "0 USD", high: "80 million USD", range: "in 0 USD .. 80 million USD" });
  });

  it("leave out either end, and read `0..5` as 0 .. 5", () => {
    expect(bounds("input revenue: USD in 0 USD ..")).toEqual({ low: "0 USD", high: null, range: "in 0 USD .." });
    expect(bounds("input price: USD in .. 5 USD")).toEqual({ low: null, high: "5 USD", range: "in .. 5 USD" });
    expect(bounds("input uptime: number in 0..1")).toEqual({ low: "0", high: "1", range: "in 0..1" });
  });

  it("parse `in ..` with no bound (the checker reports it) and an input without a range as before", () => {
    expect(bounds("input fee: USD in ..")).toEqual({ low: null, high: null, range: "in .." });
    expect(bounds("input fee: USD")).toBeUndefined();
  });

  it("end at the next declaration, an open upper end too", () => {
    const decls = parseClean("input a: USD in 0 USD ..\ninput b: USD in .. a\nconst c = 1").decls;
    expect(decls.map((d) => d.kind)).toEqual(["Input", "Input", "Const"]);
  });
});

describe("event count bounds", () => {
  it("read `at most N per term|contract_year|period`", () => {
    for (const per of ["term", "contract_year", "period"] as const) {
      const source = `event lease_default(missed_rent: USD) at most 3 per ${per}`;
      const d = onlyDecl(source);
      if (d.kind !== "Event") throw new Error("expected an event");
      expect([d.limit?.count.digits, d.limit?.per, source.slice(d.limit!.range.start, d.limit!.range.end)]).toEqual(["3", per, `at most 3 per ${per}`]);
    }
  });

  it("leave an event without the clause unbounded", () => {
    const d = onlyDecl("event step_in()");
    expect(d.kind === "Event" && d.limit === undefined).toBe(true);
  });

  it("refuse a window other than term, contract_year or period, and a missing one", () => {
    const other = parseSource("event outage() at most 3 per year");
    expect(other.diagnostics.map((d) => [d.code, d.message])).toEqual([[PARSE.unexpectedToken, "expected 'term', 'contract_year' or 'period' after 'per', found 'year'"]]);
    expect(parseSource("event outage() at most 3").diagnostics.map((d) => d.code)).toEqual([PARSE.unexpectedToken]);
  });

  it("make `most` a keyword: it is no longer a name", () => {
    expect(parseSource("const most = 1").diagnostics.map((d) => d.code)).toEqual([PARSE.unexpectedToken]);
  });
});

describe("tenor fmt on ranges and counts", () => {
  const SOURCE = [
    "input capacity_hours: gpu_hour in 0 gpu_hour ..",
    "input sold_hours :gpu_hour in 0 gpu_hour..capacity_hours",
    "input revenue: USD in   0 USD .. 80 million USD",
    "input price: USD in ..5 USD",
    "event lease_default(missed_rent: USD) at  most 3 per term",
    "event outage() at most 1 per period",
    "",
  ].join("\n");

  it("prints them back in the canonical layout", () => {
    expect(formatSource(SOURCE).value).toBe([
      "input capacity_hours: gpu_hour in 0 gpu_hour ..",
      "input sold_hours: gpu_hour in 0 gpu_hour .. capacity_hours",
      "input revenue: USD in 0 USD .. 80 million USD",
      "input price: USD in .. 5 USD",
      "event lease_default(missed_rent: USD) at most 3 per term",
      "event outage() at most 1 per period",
      "",
    ].join("\n"));
  });

  it("round-trip: formatting is idempotent and keeps the tree", () => {
    const once = formatSource(SOURCE).value!;
    expect(formatSource(once).value).toBe(once);
    expect(stripRanges(parseClean(once))).toEqual(stripRanges(parseClean(SOURCE)));
  });
});
