import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { expandNumberText, readJsonNumber } from "../../src/inputs/read-number.ts";

describe("expandNumberText", () => {
  it("writes exponent notation as plain decimal text, keeping trailing zeros", () => {
    expect(expandNumberText("1e3")).toBe("1000");
    expect(expandNumberText("1.50E+2")).toBe("150");
    expect(expandNumberText("1.500e1")).toBe("15.00");
    expect(expandNumberText("-2.5e-3")).toBe("-0.0025");
    expect(expandNumberText("0.00")).toBe("0.00");
    expect(expandNumberText("12000000.50")).toBe("12000000.50");
    expect(expandNumberText("1e+21")).toBe("1000000000000000000000");
  });

  it("refuses text that is not a number and absurd exponents", () => {
    expect(expandNumberText("1e10000")).toBeNull();
    expect(expandNumberText("abc")).toBeNull();
    expect(expandNumberText("1.")).toBeNull();
  });
});

describe("readJsonNumber", () => {
  it("accepts what a float reader sees unchanged", () => {
    for (const [text, value] of [["0.1", "0.1"], ["100.50", "100.5"], ["9007199254740991", "9007199254740991"],
      ["1e21", "1000000000000000000000"], ["-0", "0"], ["5e-324", `0.${"0".repeat(323)}5`]] as const) {
      const r = readJsonNumber(text);
      expect(r.ok && r.value.toString()).toBe(value);
    }
  });

  it("refuses what a float reader changes", () => {
    expect(readJsonNumber("9007199254740993")).toEqual({ ok: false, readsAs: "9007199254740992" });
    expect(readJsonNumber("0.30000000000000001")).toEqual({ ok: false, readsAs: "0.3" });
    expect(readJsonNumber("1e-400")).toEqual({ ok: false, readsAs: "0" });
    expect(readJsonNumber("2e308")).toEqual({ ok: false, readsAs: "Infinity" });
  });

  it("accepts every shortest float text", () => {
    fc.assert(fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
      expect(readJsonNumber(JSON.stringify(x)).ok).toBe(true);
    }));
  });
});
