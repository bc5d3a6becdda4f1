import { describe, expect, it } from "vitest";
import { closestName, editDistance } from "../../src/diagnostics/suggest.ts";

describe("suggestions", () => {
  it("counts edits, a transposition as one", () => {
    expect(editDistance("share_rat", "share_rate")).toBe(1);
    expect(editDistance("nvdiia", "nvidia")).toBe(1);
    expect(editDistance("", "abc")).toBe(3);
  });

  it("picks the closest candidate within a third of the name's length", () => {
    expect(closestName("share_rat", ["revenue", "share_rate", "shares"])).toBe("share_rate");
    expect(closestName("Revenue", ["revenue"])).toBe("revenue");
    expect(closestName("zebra", ["revenue", "share_rate"])).toBeNull();
    expect(closestName("ab", ["xy"])).toBeNull();
  });
});
