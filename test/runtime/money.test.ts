import { describe, expect, it } from "vitest";
import { Decimal } from "../../src/eval/decimal.ts";
import { formatMoney, roundMoney } from "../../src/runtime/money.ts";
import type { RoundingMode } from "../../src/ir/ir.ts";

const round = (text: string, rounding: RoundingMode, decimals = 2) =>
  formatMoney(roundMoney(Decimal.parse(text)!, { decimals, rounding }), { decimals, rounding });

describe("roundMoney", () => {
  it.each([
    ["0.125", "0.12", "0.13", "0.12", "0.13"],
    ["0.135", "0.14", "0.14", "0.13", "0.14"],
    ["2.005", "2.00", "2.01", "2.00", "2.01"],
    ["2.0051", "2.01", "2.01", "2.00", "2.01"],
    ["7.10", "7.10", "7.10", "7.10", "7.10"],
    ["-0.125", "-0.12", "-0.13", "-0.12", "-0.13"],
  ])("rounds %s to half_even %s, half_up %s, down %s, up %s", (x, he, hu, dn, up) => {
    expect(round(x, "half_even")).toBe(he);
    expect(round(x, "half_up")).toBe(hu);
    expect(round(x, "down")).toBe(dn);
    expect(round(x, "up")).toBe(up);
  });

  it("rounds to whole units for a currency without decimals", () => {
    expect(round("1234.5", "half_even", 0)).toBe("1234");
    expect(round("1235.5", "half_even", 0)).toBe("1236");
    expect(round("1234.5", "half_up", 0)).toBe("1235");
  });
});
