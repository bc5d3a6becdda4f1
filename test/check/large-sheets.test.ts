import { describe, expect, it } from "vitest";
import { bigSheet } from "../../bench/big-sheet.ts";
import { checkSource } from "../../src/api.ts";

// How fast this goes is measured by `npm run bench`; here, only what comes out.
describe("checking large sheets", () => {
  it("checks a 5,000-clause sheet with no diagnostics", () => {
    const result = checkSource(bigSheet(5000));
    expect(result.diagnostics).toEqual([]);
    expect(result.value?.clauses).toHaveLength(5000);
  });

  it("reports each misspelt input once, with its suggestion, in a 5,000-clause sheet", () => {
    const result = checkSource(bigSheet(5000, 100));
    const errors = result.diagnostics.filter((d) => d.severity === "error");
    expect(errors).toHaveLength(50);
    expect(new Set(errors.map((d) => d.code))).toEqual(new Set(["TN2001"]));
    expect(errors[0]!.message).toContain("did you mean revenue?");
  });
});
