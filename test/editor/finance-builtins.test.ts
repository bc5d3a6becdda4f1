import { describe, expect, it } from "vitest";
import { checkSource } from "../../src/api.ts";
import { completionsAt } from "../../src/editor/completion.ts";
import { indexProgram } from "../../src/editor/symbols.ts";

const SOURCE = `deal "D"
parties {
  op: "Operator"
  vendor: "Vendor"
}
term 2026-01-01 to 2027-12-31, monthly
currency USD
units EUR
input eur_usd: USD per EUR
input revenue_eur: EUR
clause share {
  vendor pays op convert(revenue_eur, eur_usd) * 10%
}
`;

describe("the finance built-ins in the editor", () => {
  const checked = checkSource(SOURCE);
  const index = indexProgram(checked.value!.program, SOURCE, checked.value);
  const offset = SOURCE.indexOf("vendor pays op ") + "vendor pays op ".length;
  const offered = completionsAt(index, SOURCE, offset);

  it("offers interpolate, the day counts and convert as calls, with their usage and a summary", () => {
    const byLabel = new Map(offered.map((c) => [c.label, c]));
    for (const name of ["interpolate", "act_365f", "act_360", "thirty_360", "convert"]) {
      expect(byLabel.get(name)?.insertText).toBe(`${name}($0)`);
    }
    expect(byLabel.get("thirty_360")!.detail).toBe("thirty_360() or thirty_360(from, to)");
    expect(byLabel.get("convert")!.documentation).toBe(
      "built-in function\namount in currency C × rate in D per C, rounded to D's minor unit with the deal's rounding mode",
    );
  });
});
