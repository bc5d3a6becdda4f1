import { describe, expect, it } from "vitest";
import { checkSource } from "../../src/api.ts";
import { definitionAt, hoverAt, symbolAt } from "../../src/editor/lookup.ts";
import { indexProgram } from "../../src/editor/symbols.ts";
import type { SymbolIndex } from "../../src/editor/symbols.ts";
import { parseSource } from "../../src/syntax/parse.ts";

const SOURCE = `deal "D"
parties {
  op: "Operator"
  vendor: "Vendor"
}
term 2026-01-01 to 2027-12-31, monthly
currency USD, rounding half_up
units gpu_hour
input sold: gpu_hour
input capacity: gpu_hour
event outage(hours: gpu_hour)
const price = 2.5 USD per gpu_hour   // the agreed price
const floor_rate = 70%
schedule rate by contract_year, tapering {
  year 1: 15%
  year 2 onward: 10%
}
clause buyback "Buyback" {
  let unsold = max(capacity - sold, 0 gpu_hour)
  when sold / capacity < floor_rate for 2 consecutive periods {
    vendor pays op unsold * price
  }
  on outage {
    vendor pays op hours * price * days / 30
  }
  cap 1 million USD per contract_year
}
test "t" {
  period 2026-01-01 { sold = 1 gpu_hour, capacity = 2 gpu_hour }
  expect vendor pays op 0 USD under buyback
}
`;

/** The offset of the n-th occurrence of `text`, plus `delta`. */
function at(text: string, delta = 0, n = 1): number {
  let i = -1;
  for (let k = 0; k < n; k++) i = SOURCE.indexOf(text, i + 1);
  if (i < 0) throw new Error(`not found: ${text}`);
  return i + delta;
}

function checked(): SymbolIndex {
  const c = checkSource(SOURCE);
  expect(c.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  return indexProgram(c.value!.program, SOURCE, c.value);
}

describe("the editor's symbol index", () => {
  const index = checked();

  it("shows a schedule's rates and type on hover, and a percentage const as both", () => {
    const decl = hoverAt(index, at("schedule rate", 10));
    expect(decl?.signature).toBe("schedule rate by contract_year, tapering");
    expect(decl?.details).toEqual(["year 1: 15%  (= 0.15 (15%))", "year 2 onward: 10%  (= 0.1 (10%))", "type: a plain number"]);
    const use = hoverAt(index, at("floor_rate for", 2));
    expect(use?.signature).toBe("const floor_rate = 70%");
    expect(use?.details).toEqual(["= 0.7 (70%)"]);
  });

  it("shows a const's exact value with its unit, without the comment", () => {
    const hover = hoverAt(index, at("unsold * price", 10));
    expect(hover).toEqual({
      range: { start: at("unsold * price", 9), end: at("unsold * price", 14) },
      signature: "const price = 2.5 USD per gpu_hour",
      details: ["= 2.5 USD per gpu_hour"],
    });
  });

  it("shows a let's expression and unit, an input's unit and a period fact's meaning", () => {
    expect(hoverAt(index, at("unsold * price", 2))).toMatchObject({
      signature: "let unsold = max(capacity - sold, 0 gpu_hour)", details: ["type: gpu_hour"],
    });
    expect(hoverAt(index, at("capacity - sold", 1))?.signature).toBe("input capacity: gpu_hour");
    expect(hoverAt(index, at("days / 30", 1))).toMatchObject({
      signature: "days", details: ["period fact: the number of days in the period (a plain number)"],
    });
    expect(hoverAt(index, at("hours * price", 0))?.signature).toBe("hours: gpu_hour");
    expect(hoverAt(index, at("max(", 1))?.signature).toBe("max(a, b, …)");
  });

  it("goes to the declaration of lets, event arguments, parties, clauses and units", () => {
    expect(definitionAt(index, at("unsold * price", 0))).toEqual({ start: at("let unsold", 4), end: at("let unsold", 10) });
    expect(definitionAt(index, at("hours * price", 3))).toEqual({ start: at("outage(hours", 7), end: at("outage(hours", 12) });
    expect(definitionAt(index, at("vendor pays op unsold", 1))).toEqual({ start: at("vendor:"), end: at("vendor:", 6) });
    expect(definitionAt(index, at("under buyback", 7))).toEqual({ start: at("clause buyback", 7), end: at("clause buyback", 14) });
    expect(definitionAt(index, at("0 gpu_hour)", 3))).toEqual({ start: at("units gpu_hour", 6), end: at("units gpu_hour", 14) });
    expect(definitionAt(index, at("sold = 1", 0))).toEqual({ start: at("input sold", 6), end: at("input sold", 10) });
    // A period fact has no declaration to go to.
    expect(definitionAt(index, at("days / 30", 0))).toBeNull();
  });

  it("counts a cursor just after a name as on it", () => {
    expect(symbolAt(index, at("floor_rate for", 10))?.symbol.name).toBe("floor_rate");
    expect(symbolAt(index, at("floor_rate for", 11))).toBeNull();
  });

  it("describes a clause by its title, caps and windows", () => {
    const clause = index.symbols.find((s) => s.kind === "clause")!;
    expect(clause.signature).toBe("clause buyback");
    expect(clause.details).toEqual(['"Buyback"', "cap 1 million USD per contract_year"]);
    expect(index.clauses).toEqual([{ name: "buyback", title: "Buyback", range: { start: at("clause buyback"), end: at("}\ntest", 1) } }]);
  });

  it("resolves names by scope when the source does not check", () => {
    const broken = SOURCE.replace("vendor pays op unsold * price", "vendor pays op unsold * pric");
    const parsed = parseSource(broken);
    const i = indexProgram(parsed.value, broken, null);
    const off = broken.indexOf("unsold * pric");
    expect(definitionAt(i, off)).toEqual({ start: broken.indexOf("let unsold") + 4, end: broken.indexOf("let unsold") + 10 });
    expect(hoverAt(i, broken.indexOf("hours * price"))?.signature).toBe("hours: gpu_hour");
    // Without the checker there are no values to show.
    expect(i.symbols.find((s) => s.name === "price")!.details).toEqual([]);
    expect(symbolAt(i, off + 10)).toBeNull();
  });
});
