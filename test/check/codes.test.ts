import { describe, expect, it } from "vitest";
import { CHECK } from "../../src/diagnostics/codes/check.ts";

describe("the check codes", () => {
  it("are unique TN2xxx codes", () => {
    const codes = Object.values(CHECK);
    expect(new Set(codes).size).toBe(codes.length);
    for (const c of codes) expect(c).toMatch(/^TN2\d{3}$/);
  });
});
