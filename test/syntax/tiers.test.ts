import { describe, expect, it } from "vitest";
import { formatSource, printProgram } from "../../src/syntax/print.ts";
import { parseSource } from "../../src/syntax/parse.ts";
import { stripRanges } from "./strip-ranges.ts";

function fmt(source: string): string {
  const result = formatSource(source);
  expect(result.diagnostics).toEqual([]);
  return result.value!;
}

describe("tiers tables in the AST", () => {
  it("builds entries with low, high (null for onward) and value", () => {
    const d = parseSource("tiers sla { 0 to 95%: 25%  95% onward: 0% }\n").value.decls[0]!;
    expect(d).toMatchObject({
      kind: "Tiers",
      name: { text: "sla" },
      entries: [
        { kind: "TierEntry", low: { digits: "0" }, high: { digits: "95", percent: true }, value: { digits: "25" } },
        { kind: "TierEntry", low: { digits: "95" }, high: null, value: { digits: "0", percent: true } },
      ],
    });
  });
});

describe("formatting tiers tables", () => {
  it("puts one entry per line, keeps comments and is idempotent", () => {
    const messy = "tiers   sla_credit {   // any one unit\n0 to 95% :25%  95% to 99%: 10%\n  // the top\n99%   onward:0% }\nconst a = 1\n";
    const once = fmt(messy);
    expect(once).toBe(
      "tiers sla_credit {  // any one unit\n  0 to 95%: 25%\n  95% to 99%: 10%\n  // the top\n  99% onward: 0%\n}\n\nconst a = 1\n",
    );
    expect(fmt(once)).toBe(once);
  });

  it("brackets a negative LOW after the first entry, and a value ending in a name or a unit before it", () => {
    const source = "tiers t {\n  -10 to -5: 1%\n  (-5) to -2: (x)\n  (-2) to 0: (3 USD)\n  (-0) onward: 2\n}\n";
    const once = fmt(source);
    expect(once).toBe(source);
    // Without the source (digits from the tree) the brackets come back the same.
    const tree = parseSource(source).value;
    expect(stripRanges(parseSource(printProgram(tree)).value)).toEqual(stripRanges(tree));
  });

  it("brackets a LOW starting with a name after a value ending in a plain number", () => {
    const once = fmt("tiers t { 0 to low: 5  (low) onward: 6 }\n");
    expect(once).toBe("tiers t {\n  0 to low: 5\n  (low) onward: 6\n}\n");
  });
});
