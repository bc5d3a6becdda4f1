/** explain's "Most that can be paid" section: the bound of each clause and pair, in words. */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { explainSource } from "../../src/api.ts";
import { renderExplanation } from "../../src/explain/index.ts";
import { fileOptions } from "../stdlib-options.ts";

describe("explain's Most that can be paid section", () => {
  it("gives the CoreWeave backstop's caps and rent-back, over the term and in any one contract year", () => {
    const url = new URL("../../examples/coreweave-backstop.tenor", import.meta.url);
    const doc = explainSource(readFileSync(url, "utf8"), fileOptions(url.pathname)).value!;
    const md = renderExplanation(doc, "markdown");
    const section = md.slice(md.indexOf("## Most that can be paid"), md.indexOf("## Worked examples"));
    // 6.3 billion over the term (the order value), 1 billion a contract year; 23 instalments of 27,083,333.33, 12 in year 1.
    expect(section).toContain("| Residual capacity purchase | nvidia pays coreweave | 6,300,000,000.00 USD | 1,000,000,000.00 USD |");
    expect(section).toContain("| Capacity rented back | nvidia pays coreweave | 622,916,666.59 USD | 324,999,999.96 USD |");
  });

  it("says what leaves a clause without a limit", () => {
    const source = `deal "Open"\nparties {\n  a: "A"\n  b: "B"\n}\nterm 2026-01-01 to 2026-12-31, monthly\ncurrency USD\ninput revenue: USD in 0 USD ..\nclause share {\n  a pays b revenue * 10%\n}\n`;
    const text = renderExplanation(explainSource(source).value!, "markdown");
    expect(text).toContain("| share | a pays b | no limit (revenue has no declared upper bound) | no limit (revenue has no declared upper bound) |");
  });
});
