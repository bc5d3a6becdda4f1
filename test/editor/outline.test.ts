import { describe, expect, it } from "vitest";
import { analyze } from "../../src/editor/analyze.ts";
import { outline } from "../../src/editor/outline.ts";

const SHEET = `deal "D"
parties {
  a: "A"
  b: "B"
}
term 2026-01-01 to 2026-12-31, monthly
currency USD
units gpu
input revenue: USD
event outage(hours: number)
schedule rate by period {
  period 1 onward: 10%
}
clause share "Share" {
  let base = revenue * rate
  balance owed = 0 USD
  a pays b base
}
test "t" {
  period 2026-01-01 { revenue = 1 USD }
  expect a pays b 0.10 USD
}
`;

describe("the outline of a term sheet", () => {
  const items = outline(analyze({ version: 1, source: SHEET, inputs: null }).index);
  const slice = (r: { start: number; end: number }) => SHEET.slice(r.start, r.end);

  it("lists the declared names in the order written, with their kinds and declarations", () => {
    expect(items.map((i) => [i.name, i.kind, i.detail])).toEqual([
      ["a", "party", "party a"],
      ["b", "party", "party b"],
      ["USD", "currency", "currency USD, rounding half_even"],
      ["gpu", "unit", "unit gpu"],
      ["revenue", "input", "input revenue: USD"],
      ["outage", "event", "event outage(hours: number)"],
      ["rate", "schedule", "schedule rate by period"],
      ["share", "clause", "clause share"],
    ]);
  });

  it("puts a clause's lets and balances and an event's arguments under them", () => {
    const byName = new Map(items.map((i) => [i.name, i]));
    expect(byName.get("share")!.children.map((c) => [c.name, c.kind])).toEqual([["base", "let"], ["owed", "balance"]]);
    expect(byName.get("outage")!.children.map((c) => [c.name, c.kind])).toEqual([["hours", "eventArg"]]);
  });

  it("gives each item its whole declaration and its name inside it", () => {
    const share = items.find((i) => i.name === "share")!;
    expect(slice(share.selectionRange)).toBe("share");
    expect(slice(share.range).startsWith('clause share "Share" {')).toBe(true);
    expect(slice(share.range).endsWith("a pays b base\n}")).toBe(true);
    for (const item of items) {
      expect(item.range.start <= item.selectionRange.start && item.selectionRange.end <= item.range.end, item.name).toBe(true);
      for (const c of item.children) expect(item.range.start <= c.range.start && c.range.end <= item.range.end, c.name).toBe(true);
    }
  });
});
