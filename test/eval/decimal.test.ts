import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { Decimal } from "../../src/eval/decimal.ts";

const d = (text: string) => {
  const v = Decimal.parse(text);
  if (v === null) throw new Error(`bad decimal ${text}`);
  return v;
};

describe("decimals", () => {
  it("add, subtract and multiply exactly", () => {
    expect(d("0.1").add(d("0.2")).toString()).toBe("0.3");
    expect(d("1.85").mul(d("1636800")).toString()).toBe("3028080");
    expect(d("12000000.00").sub(d("0.01")).toFixed(2)).toBe("11999999.99");
  });

  it("carry division to 20 places, half-even", () => {
    expect(d("1").div(d("3")).toString()).toBe("0.33333333333333333333");
    expect(d("2").div(d("3")).toString()).toBe("0.66666666666666666667");
    expect(d("20000000").mul(d("0.005")).mul(Decimal.ofInt(90)).div(Decimal.ofInt(365)).toString()).toBe("24657.53424657534246575342");
  });

  it("round a payment with each of the four rounding modes", () => {
    const cases: [string, string, string, string, string][] = [
      // value, half_even, half_up, down, up
      ["2.345", "2.34", "2.35", "2.34", "2.35"],
      ["2.355", "2.36", "2.36", "2.35", "2.36"],
      ["2.3451", "2.35", "2.35", "2.34", "2.35"],
      ["2.34", "2.34", "2.34", "2.34", "2.34"],
    ];
    for (const [v, even, halfUp, down, up] of cases) {
      expect([d(v).round(2, "half_even"), d(v).round(2, "half_up"), d(v).round(2, "down"), d(v).round(2, "up")].map((x) => x.toFixed(2))).toEqual([even, halfUp, down, up]);
    }
  });

  it("round to a step, floor and ceil towards the infinities", () => {
    expect(d("1234.5").roundToStep(d("100")).toString()).toBe("1200");
    expect(d("1250").roundToStep(d("100"), "half_up").toString()).toBe("1300");
    expect(d("-2.5").floor().toString()).toBe("-3");
    expect(d("-2.5").ceil().toString()).toBe("-2");
    expect(d("7").floor().toString()).toBe("7");
  });

  it("accept only plain decimal text", () => {
    for (const bad of ["1e5", "12,000.00", " 1", "1.", ".5", "+1", "", "NaN", "0x10"]) expect(Decimal.parse(bad)).toBeNull();
    expect(d("-0.50").toFixed(2)).toBe("-0.50");
  });

  it("print without exponent notation, however large or small", () => {
    expect(d("6300000000000000000000000").toString()).toBe("6300000000000000000000000");
    expect(d("0.00000000000000000001").toString()).toBe("0.00000000000000000001");
  });

  it("keep a + b - b == a for any decimals (property)", () => {
    const decimalText = fc.tuple(fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }), fc.integer({ min: 0, max: 6 })).map(([n, places]) => {
      const s = (n < 0n ? -n : n).toString().padStart(places + 1, "0");
      const text = places === 0 ? s : `${s.slice(0, -places)}.${s.slice(-places)}`;
      return n < 0n ? `-${text}` : text;
    });
    fc.assert(fc.property(decimalText, decimalText, (a, b) => d(a).add(d(b)).sub(d(b)).eq(d(a))));
  });
});
