import { describe, expect, it } from "vitest";
import { analyze } from "../../src/editor/analyze.ts";
import { completionsAt } from "../../src/editor/completion.ts";
import { symbolAt } from "../../src/editor/lookup.ts";
import { bundledHost } from "../../src/modules/bundled-host.ts";

const LIB = `template clause share(payer: party, payee: party, base: money, rate: number = 10%) "Share" {
  payer pays payee base * rate
}
`;

const SHEET = `import share from "stdlib/shares"
deal "Editor"
parties {
  nvidia: "NVIDIA"
  sharon: "Sharon AI"
}
term 2026-07-01 to 2027-06-30, monthly
currency USD
input revenue: USD

use share as vendor_share {
  payer = sharon
  
}
`;

const options = { modules: bundledHost({ "stdlib/shares.tenor": LIB }) };
const indexOf = (source: string) => analyze({ version: 1, source, inputs: '{"periods": []}' }, options).index;

describe("templates in the editor", () => {
  it("offers the templates the sheet can use after `use`", () => {
    const source = SHEET.replace("use share as", "use ");
    const at = source.indexOf("use ") + 4;
    const labels = completionsAt(indexOf(source), source, at).map((c) => [c.label, c.kind, c.detail]);
    expect(labels).toEqual([["share", "template", "template clause share(payer, payee, base, rate)"]]);
  });

  it("offers the template's parameters at the start of a line inside a use", () => {
    const at = SHEET.indexOf("  \n}") + 2;
    const items = completionsAt(indexOf(SHEET), SHEET, at);
    expect(items.map((c) => [c.label, c.detail, c.insertText])).toEqual([
      ["payer", "payer: party", "payer = "],
      ["payee", "payee: party", "payee = "],
      ["base", "base: money", "base = "],
      ["rate", "rate: number = 10%", "rate = "],
    ]);
  });

  it("describes an imported template on hover over its use, and a use's name as the clause it makes", () => {
    const index = indexOf(SHEET.replace("  \n}", "  payee = nvidia\n  base = revenue\n}"));
    const template = symbolAt(index, SHEET.indexOf("share as") + 1)?.symbol;
    expect(template?.signature).toBe("template clause share(payer, payee, base, rate)");
    expect(template?.details).toContain("  rate: number = 10%");
    const made = symbolAt(index, SHEET.indexOf("vendor_share") + 1)?.symbol;
    expect([made?.kind, made?.signature]).toEqual(["clause", 'use share as vendor_share "Share"']);
  });
});
