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
    fc.assert(fc.property(decimalText(), decimalText(), (a, b) => d(a).add(d(b)).sub(d(b)).eq(d(a))));
  });

  it("print exactly the places asked for, padding with zeros or rounding half-even", () => {
    expect(["1800000", "0.5", "-0.05", "-0.00", "6300000000000000000000000", "0.00000000000000000001"].map((t) => d(t).toFixed(2)))
      .toEqual(["1800000.00", "0.50", "-0.05", "0.00", "6300000000000000000000000.00", "0.00"]);
    expect([d("2.345").toFixed(2), d("2.355").toFixed(2), d("12.5").toFixed(0), d("3").toFixed(0)]).toEqual(["2.34", "2.36", "12", "3"]);
    expect(d("0.1").mul(d("10")).toFixed(3)).toBe("1.000");
    // Places must be a whole number ≥ 0, as big.js requires.
    expect(() => d("100").toFixed(-1)).toThrow();
    expect(() => d("2.5").round(1.5)).toThrow();
  });

  it("print any decimal with at least its own places as its text padded with zeros (property)", () => {
    fc.assert(fc.property(decimalText(6), fc.integer({ min: 0, max: 3 }), (text, extra) => {
      const places = (text.split(".")[1] ?? "").length;
      const expected = places + extra === 0 ? text : `${text}${places === 0 ? "." : ""}${"0".repeat(extra)}`;
      expect(d(text).toFixed(places + extra)).toBe(expected);
    }));
  });

  it("compare a quotient as its 20-place digits even where rounding decides the answer", () => {
    // 0.699999999999999999996 and the half-even tie …995 both round up onto 0.7.
    expect(d("0.699999999999999999996").div(Decimal.ONE).lt(d("0.7"))).toBe(false);
    expect(d("0.699999999999999999995").div(Decimal.ONE).eq(d("0.7"))).toBe(true);
    expect(d("0.699999999999999999985").div(Decimal.ONE).lt(d("0.7"))).toBe(true);
    expect(d("7").div(d("10")).gte(d("0.7"))).toBe(true);
    expect(d("-2").div(d("-3")).gt(d("0.66666666666666666666"))).toBe(true);
    expect(d("2").div(d("-3")).lt(d("-0.66666666666666666667"))).toBe(false);
    expect(d("1").div(d("3")).isZero()).toBe(false);
    expect(d("1").div(d("300000000000000000000000")).isZero()).toBe(true);
    const third = d("1").div(d("3"));
    expect([third.cmp(third), third.lt(third)]).toEqual([0, false]);
  });

  it("give every comparison of a quotient the answer of its divided digits (property)", () => {
    const ulp = d("0.00000000000000000001");
    // Comparands at and around the quotient itself, where only its digits can decide, and anywhere else.
    const offsets = ["0", "0.00000000000000000001", "-0.00000000000000000001", "0.000000000000000000005", "-0.000000000000000000005", "0.000000000000000000001", "-0.000000000000000000001"];
    const comparand = fc.oneof(fc.constantFrom(...offsets).map((o) => ({ near: d(o) })), decimalText(12).map((t) => ({ far: d(t) })));
    const nonZero = decimalText(12).filter((t) => !d(t).isZero());
    fc.assert(fc.property(decimalText(12), nonZero, comparand, (a, b, c) => {
      const digits = d(d(a).div(d(b)).toString()); // divided, then read back as plain digits
      const other = "near" in c ? digits.add(c.near) : c.far;
      const quotient = () => d(a).div(d(b));
      expect(quotient().cmp(other)).toBe(digits.cmp(other));
      expect(other.cmp(quotient())).toBe(other.cmp(digits));
      expect([quotient().lt(other), quotient().lte(other), quotient().gt(other), quotient().gte(other), quotient().eq(other)])
        .toEqual([digits.lt(other), digits.lte(other), digits.gt(other), digits.gte(other), digits.eq(other)]);
      expect([quotient().isZero(), quotient().isNegative()]).toEqual([digits.isZero(), digits.isNegative()]);
      expect(quotient().sub(ulp).add(ulp).toString()).toBe(digits.toString());
    }), { numRuns: 500 });
  });
});

/** Decimal text with up to `places` places. */
function decimalText(places = 6) {
  return fc.tuple(fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }), fc.integer({ min: 0, max: places })).map(([n, p]) => {
    const s = (n < 0n ? -n : n).toString().padStart(p + 1, "0");
    const text = p === 0 ? s : `${s.slice(0, -p)}.${s.slice(-p)}`;
    return n < 0n ? `-${text}` : text;
  });
}
