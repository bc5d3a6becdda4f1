import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { Decimal, DecimalLimitError } from "../../src/eval/decimal.ts";

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

  it("divide exactly: a quotient that does not terminate reads to 20 places and keeps its fraction", () => {
    expect([d("1").div(d("3")).toString(), d("1").div(d("3")).exactText()]).toEqual(["0.33333333333333333333", "1/3"]);
    expect(d("2").div(d("3")).toString()).toBe("0.66666666666666666667");
    expect(d("1").div(d("3")).mul(d("3")).toString()).toBe("1");
    expect([d("1").div(d("8")).toString(), d("1").div(d("8")).exactText(), d("1").div(d("8")).isTerminating()]).toEqual(["0.125", null, true]);
    const interest = d("20000000").mul(d("0.005")).mul(Decimal.ofInt(90)).div(Decimal.ofInt(365));
    expect([interest.toString(), interest.exactText()]).toEqual(["24657.53424657534246575342", "1800000/73"]);
    // Divided last or first, the value is the same: 36.5 million × 10% × 31/365 is 310,000 exactly.
    expect(d("36500000").mul(d("0.1")).mul(Decimal.ofInt(31).div(Decimal.ofInt(365))).round(2, "down").toFixed(2)).toBe("310000.00");
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

  it("compare quotients exactly, however close to the other value", () => {
    expect(d("0.699999999999999999996").div(Decimal.ONE).lt(d("0.7"))).toBe(true);
    expect(d("7").div(d("10")).eq(d("0.7"))).toBe(true);
    expect(d("-2").div(d("-3")).gt(d("0.66666666666666666666"))).toBe(true);
    expect(d("-2").div(d("-3")).lt(d("0.66666666666666666667"))).toBe(true);
    expect(d("2").div(d("-3")).lt(d("-0.66666666666666666666"))).toBe(true);
    expect(d("1").div(d("3")).isZero()).toBe(false);
    expect(d("1").div(d("300000000000000000000000")).isZero()).toBe(false);
    expect(d("1").div(d("3")).eq(d("2").div(d("6")))).toBe(true);
    const third = d("1").div(d("3"));
    expect([third.cmp(third), third.lt(third)]).toEqual([0, false]);
  });

  it("give every comparison of a quotient the answer of multiplying out, and undo a division by multiplying (property)", () => {
    const nonZero = decimalText(12).filter((t) => !d(t).isZero());
    fc.assert(fc.property(decimalText(12), nonZero, decimalText(12), (a, b, c) => {
      const q = d(a).div(d(b));
      // a / b against c is a against b·c, the side flipped when b is negative.
      const side = d(a).cmp(d(b).mul(d(c))) * (d(b).isNegative() ? -1 : 1);
      expect(q.cmp(d(c))).toBe(side);
      expect(d(c).cmp(q)).toBe(-side);
      expect(q.mul(d(b)).eq(d(a))).toBe(true);
      expect([q.isZero(), q.isNegative()]).toEqual([d(a).isZero(), !d(a).isZero() && d(a).isNegative() !== d(b).isNegative()]);
    }), { numRuns: 1000 });
  });
});

describe("rounding to a step", () => {
  const modes = ["down", "up", "half_up", "half_even"] as const;
  const each = (x: Decimal, step: Decimal) => modes.map((m) => x.roundToStep(step, m).toString());

  it("decide on the exact quotient, so values with many digits round correctly", () => {
    expect(d("1.000000000000000000000001").ceilToStep(d("1")).toString()).toBe("2");
    expect(d("1.000000000000000000000001").ceilToStep(d("0.5")).toString()).toBe("1.5");
    expect(d("0.9999999999999999999999999").floorToStep(d("1")).toString()).toBe("0");
    expect(d("0.9999999999999999999999999").floorToStep(d("0.5")).toString()).toBe("0.5");
    expect(d("2.5000000000000000000001").roundToStep(d("1"), "half_even").toString()).toBe("3");
    expect(d("2.4999999999999999999999").roundToStep(d("1"), "half_up").toString()).toBe("2");
    expect(d("0.7500000000000000000000001").roundToStep(d("0.5"), "half_even").toString()).toBe("1");
    expect(d("1.000000000000000000000001").roundToStep(d("0.3"), "up").toString()).toBe("1.2");
    expect(d("-1.000000000000000000000001").floorToStep(d("0.3")).toString()).toBe("-1.2");
    expect(d("-1.000000000000000000000001").ceilToStep(d("0.3")).toString()).toBe("-0.9");
  });

  it("round negative values and ties under each of the four modes", () => {
    // down, up, half_up, half_even
    expect(each(d("-2.5"), d("1"))).toEqual(["-2", "-3", "-3", "-2"]);
    expect(each(d("2.5"), d("1"))).toEqual(["2", "3", "3", "2"]);
    expect(each(d("-3.5"), d("1"))).toEqual(["-3", "-4", "-4", "-4"]);
    expect(each(d("-2.4"), d("1"))).toEqual(["-2", "-3", "-2", "-2"]);
    expect(each(d("-2.6"), d("1"))).toEqual(["-2", "-3", "-3", "-3"]);
    expect(each(d("-0.375"), d("0.25"))).toEqual(["-0.25", "-0.5", "-0.5", "-0.5"]);
    expect(each(d("-0.125"), d("0.25"))).toEqual(["0", "-0.25", "-0.25", "0"]);
    expect(each(d("-0.3"), d("1"))).toEqual(["0", "-1", "0", "0"]);
    expect(each(d("-7.5"), d("5"))).toEqual(["-5", "-10", "-10", "-10"]);
    expect(each(d("-12.5"), d("5"))).toEqual(["-10", "-15", "-15", "-10"]);
    expect([d("-0.25").floorToStep(d("0.1")).toString(), d("-0.25").ceilToStep(d("0.1")).toString()]).toEqual(["-0.3", "-0.2"]);
    expect([d("-2.5").floorToStep(d("1")).toString(), d("-2.5").ceilToStep(d("1")).toString()]).toEqual(["-3", "-2"]);
    expect([d("0.25").floorToStep(d("0.1")).toString(), d("0.25").ceilToStep(d("0.1")).toString()]).toEqual(["0.2", "0.3"]);
  });

  it("never give a negative zero", () => {
    for (const r of [d("-0.3").roundToStep(d("1"), "down"), d("-0.3").ceilToStep(d("1")), d("-0.3").ceilToStep(d("0.5")), d("-0.1").roundToStep(d("0.25"))]) {
      expect([r.toString(), r.toFixed(2), r.isNegative(), r.isZero()]).toEqual(["0", "0.00", false, true]);
    }
  });

  it("handle tiny and huge steps and values with 25 or more significant digits", () => {
    const long = d("1.2345678901234567890123456789012345");
    const tiny = d("0." + "0".repeat(29) + "1");
    expect([long.floorToStep(tiny), long.ceilToStep(tiny), long.roundToStep(tiny)].map(String))
      .toEqual(["1.234567890123456789012345678901", "1.234567890123456789012345678902", "1.234567890123456789012345678901"]);
    const tinyThree = d("0." + "0".repeat(29) + "3"); // 3e-30
    expect([long.floorToStep(tinyThree), long.ceilToStep(tinyThree)].map(String))
      .toEqual(["1.2345678901234567890123456789", "1.234567890123456789012345678903"]);
    const huge = d("1" + "0".repeat(30)); // 1e30
    const big = d("1234567890123456789012345678901234.5");
    expect([big.floorToStep(huge), big.ceilToStep(huge), big.roundToStep(huge)].map(String))
      .toEqual(["1234" + "0".repeat(30), "1235" + "0".repeat(30), "1235" + "0".repeat(30)]);
    expect(each(d("5" + "0".repeat(29)), huge)).toEqual(["0", "1" + "0".repeat(30), "1" + "0".repeat(30), "0"]);
    expect(each(d("-15" + "0".repeat(29)), huge)).toEqual(["-1" + "0".repeat(30), "-2" + "0".repeat(30), "-2" + "0".repeat(30), "-2" + "0".repeat(30)]);
    expect(each(d("0.01"), huge)).toEqual(["0", "1" + "0".repeat(30), "0", "0"]);
    const hugeOdd = d("25" + "0".repeat(29)); // 2.5e30
    expect([big.floorToStep(hugeOdd), big.ceilToStep(hugeOdd), big.roundToStep(hugeOdd)].map(String))
      .toEqual(["12325" + "0".repeat(29), "1235" + "0".repeat(30), "1235" + "0".repeat(30)]);
    // 25+ significant digits and a step with many digits of its own.
    const x = d("98765432109876543210987654321.123456789");
    const step = d("0.000000000000012345678901");
    const q = x.floorToStep(step);
    expect(q.lte(x) && x.lt(q.add(step))).toBe(true);
    expect(q.toString()).toBe(exactFloor("98765432109876543210987654321.123456789", "0.000000000000012345678901"));
    expect(x.ceilToStep(step).sub(q).toString()).toBe("0.000000000000012345678901");
  });

  it("take an undivided quotient as the value and as the step", () => {
    const third = () => d("1").div(d("3"));
    expect([third().floorToStep(d("0.1")), third().ceilToStep(d("0.1")), third().roundToStep(d("0.1"))].map(String)).toEqual(["0.3", "0.4", "0.3"]);
    expect(d("-1").div(d("3")).floorToStep(d("0.1")).toString()).toBe("-0.4");
    // A quotient as the step is exact: 1 is three steps of a third.
    expect([d("1").floorToStep(third()), d("1").ceilToStep(third())].map(String)).toEqual(["1", "1"]);
    expect([d("1.1").floorToStep(third()).exactText(), d("1.1").ceilToStep(third()).exactText()]).toEqual(["1", "4/3"].map((t) => (t === "1" ? null : t)));
    expect(d("0.3").roundToStep(d("1").div(d("4")), "up").toString()).toBe("0.5");
    expect(third().roundToStep(d("1").div(d("3"))).exactText()).toBe("1/3");
  });

  it("return a value that is already a multiple of the step as it is", () => {
    for (const [x, step] of [["12.35", "0.05"], ["12.35", "0.01"], ["1200", "100"], ["-7.5", "2.5"], ["0", "0.3"], ["123456789012345678901234567890", "10"], ["1234567890123456789012345678.9", "0.3"]] as const) {
      const v = d(x);
      for (const m of modes) expect(v.roundToStep(d(step), m)).toBe(v);
      expect([v.floorToStep(d(step)), v.ceilToStep(d(step))]).toEqual([v, v]);
    }
  });

  it("refuse a step of zero or below", () => {
    for (const step of ["0", "-1", "-0.05"]) {
      expect(() => d("1").roundToStep(d(step))).toThrow(RangeError);
      expect(() => d("1").floorToStep(d(step))).toThrow(RangeError);
      expect(() => d("1").ceilToStep(d(step))).toThrow(RangeError);
    }
    // A tiny quotient is a step like any other.
    expect(d("1").floorToStep(d("1").div(d("300000000000000000000000"))).toString()).toBe("1");
  });

  it("refuse a result past the decimal limits", () => {
    const x = d("95" + "0".repeat(998)); // 9.5·10^999: 1,000 digits, at the limit
    expect(() => x.ceilToStep(d("1" + "0".repeat(999)))).toThrow(DecimalLimitError);
    expect(() => x.ceilToStep(d("2" + "0".repeat(999)))).toThrow(DecimalLimitError);
    expect(x.floorToStep(d("2" + "0".repeat(999))).toString()).toBe("8" + "0".repeat(999));
    expect(() => d("1" + "0".repeat(1000))).toThrow(DecimalLimitError);
  });

  it("agree digit for digit with exact rational arithmetic for any decimals and steps (property)", () => {
    const rules = ["down", "up", "half_up", "half_even", "floor", "ceil"] as const;
    // Mantissas both small (the number fast path) and long (the BigInt path); scales from 10^-35 to 10^35.
    const mantissa = fc.oneof(fc.bigInt({ min: -999n, max: 999n }), fc.bigInt({ min: -(10n ** 14n), max: 10n ** 14n }), fc.bigInt({ min: -(10n ** 32n), max: 10n ** 32n }));
    const scale = fc.oneof(fc.integer({ min: 0, max: 4 }), fc.integer({ min: -35, max: 35 }));
    const positive = fc.oneof(fc.bigInt({ min: 1n, max: 100n }), fc.bigInt({ min: 1n, max: 10n ** 14n }), fc.bigInt({ min: 1n, max: 10n ** 30n }));
    // Values anywhere, exact multiples, ties, and a hair either side of a tie.
    const kind = fc.constantFrom("free", "multiple", "tie", "above", "below");
    fc.assert(fc.property(mantissa, scale, positive, scale, kind, fc.bigInt({ min: -(10n ** 6n), max: 10n ** 6n }), fc.integer({ min: 1, max: 30 }), fc.constantFrom(...rules),
      (a, i, b, j, how, k, extra, rule) => {
        let x: Exact;
        if (how === "free") x = { n: a, scale: i };
        else if (how === "multiple") x = { n: k * b, scale: j };
        else {
          const tie = { n: (2n * k + 1n) * b * 5n, scale: j + 1 }; // (k + ½)·step
          x = how === "tie" ? tie : { n: tie.n * 10n ** BigInt(extra) + (how === "above" ? 1n : -1n), scale: tie.scale + extra };
        }
        const step: Exact = { n: b, scale: j };
        const xd = d(text(x));
        const sd = d(text(step));
        const got = rule === "floor" ? xd.floorToStep(sd) : rule === "ceil" ? xd.ceilToStep(sd) : xd.roundToStep(sd, rule);
        const want = oracle(x, step, rule);
        expect(got.toString()).toBe(text(want));
        // An exact multiple of the step, within one step of x (half a step for the half modes).
        const r = parseExact(got.toString());
        const [qn, qd] = ratio(r, step);
        expect(qn % qd).toBe(0n);
        const [gn, gd] = ratio(sub(r, x), step);
        const gap = gn < 0n ? -gn : gn;
        expect(gap < gd).toBe(true);
        if (rule === "half_up" || rule === "half_even") expect(2n * gap <= gd).toBe(true);
        if (rule === "floor") expect(got.lte(xd)).toBe(true);
        if (rule === "ceil") expect(got.gte(xd)).toBe(true);
        if (rule === "down") expect(got.abs().lte(xd.abs())).toBe(true);
        if (rule === "up") expect(got.abs().gte(xd.abs())).toBe(true);
      }), { numRuns: 3000 });
  });
});

/** A decimal n·10^-scale (scale may be negative). */
interface Exact { n: bigint; scale: number }

/** The canonical text of a decimal: no exponent, no trailing zeros, no −0. */
function text({ n, scale }: Exact): string {
  if (n === 0n) return "0";
  const sign = n < 0n ? "-" : "";
  let digits = (n < 0n ? -n : n).toString();
  if (scale <= 0) return sign + digits + "0".repeat(-scale);
  digits = digits.padStart(scale + 1, "0");
  const whole = digits.slice(0, -scale);
  const frac = digits.slice(-scale).replace(/0+$/, "");
  return sign + whole + (frac === "" ? "" : `.${frac}`);
}

function parseExact(t: string): Exact {
  const [w, f = ""] = t.split(".");
  return { n: BigInt(w + f), scale: f.length };
}

function sub(a: Exact, b: Exact): Exact {
  const s = Math.max(a.scale, b.scale);
  return { n: a.n * 10n ** BigInt(s - a.scale) - b.n * 10n ** BigInt(s - b.scale), scale: s };
}

/** a / b as an integer fraction [numerator, denominator > 0] (b > 0). */
function ratio(a: Exact, b: Exact): [bigint, bigint] {
  // a.n·10^-a.scale / (b.n·10^-b.scale) = a.n·10^(b.scale − a.scale) / b.n
  const shift = b.scale - a.scale;
  return shift >= 0 ? [a.n * 10n ** BigInt(shift), b.n] : [a.n, b.n * 10n ** BigInt(-shift)];
}

/** The multiple k·step chosen by `rule`, from the floor of the exact fraction x / step. */
function oracle(x: Exact, step: Exact, rule: string): Exact {
  const [num, den] = ratio(x, step);
  let fl = num / den;
  if (num % den !== 0n && num < 0n) fl -= 1n; // BigInt division truncates; make it a floor
  const rem = num - fl * den; // 0 ≤ rem < den
  let k: bigint;
  if (rem === 0n) k = fl;
  else {
    const ceil = fl + 1n;
    const towardsZero = num > 0n ? fl : ceil;
    const awayFromZero = num > 0n ? ceil : fl;
    const half = 2n * rem - den; // < 0: nearer the floor; > 0: nearer the ceiling
    switch (rule) {
      case "floor": k = fl; break;
      case "ceil": k = ceil; break;
      case "down": k = towardsZero; break;
      case "up": k = awayFromZero; break;
      case "half_up": k = half < 0n ? fl : half > 0n ? ceil : awayFromZero; break;
      default: k = half < 0n ? fl : half > 0n ? ceil : fl % 2n === 0n ? fl : ceil;
    }
  }
  return { n: k * step.n, scale: step.scale };
}

/** floor(x / step)·step by the oracle, as text. */
function exactFloor(x: string, step: string): string {
  return text(oracle(parseExact(x), parseExact(step), "floor"));
}

/** Decimal text with up to `places` places. */
function decimalText(places = 6) {
  return fc.tuple(fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }), fc.integer({ min: 0, max: places })).map(([n, p]) => {
    const s = (n < 0n ? -n : n).toString().padStart(p + 1, "0");
    const text = p === 0 ? s : `${s.slice(0, -p)}.${s.slice(-p)}`;
    return n < 0n ? `-${text}` : text;
  });
}
