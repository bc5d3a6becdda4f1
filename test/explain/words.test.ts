import { describe, expect, it } from "vitest";
import { dateWords, moneyWords, nameWords, numberWords, unitWord } from "../../src/explain/words.ts";
import type { NumberLit } from "../../src/syntax/ast.ts";

const R = { start: 0, end: 0 };
function lit(digits: string, extra: Partial<NumberLit> & { units?: readonly string[]; per?: readonly string[] } = {}): NumberLit {
  const unit = extra.units === undefined ? null : {
    kind: "UnitExpr" as const, range: R,
    numerator: extra.units.map((text) => ({ kind: "Name" as const, text, range: R })),
    denominator: (extra.per ?? []).map((text) => ({ kind: "Name" as const, text, range: R })),
  };
  return { kind: "NumberLit", range: R, digits, scale: extra.scale ?? null, percent: extra.percent ?? false, unit };
}

describe("words", () => {
  it("writes money exactly, grouped, with the currency's sign or code", () => {
    expect(moneyWords("25000000", "USD")).toBe("$25,000,000");
    expect(moneyWords("1234567.891", "EUR")).toBe("€1,234,567.891");
    expect(moneyWords("1000", "JPY")).toBe("1,000 JPY");
    expect(moneyWords("-12.50", "GBP")).toBe("minus £12.50");
  });

  it("applies scale words exactly and keeps written digits", () => {
    expect(numberWords(lit("6.3", { scale: "billion", units: ["USD"] }), "USD")).toBe("$6,300,000,000");
    expect(numberWords(lit("0.000000001", { scale: "billion" }), "USD")).toBe("1");
    expect(numberWords(lit("12.50", { units: ["USD"] }), "USD")).toBe("$12.50");
    expect(numberWords(lit("12.5", { percent: true }), "USD")).toBe("12.5%");
    expect(numberWords(lit("1.85", { units: ["USD"], per: ["gpu_hour"] }), "USD")).toBe("$1.85 per GPU-hour");
    expect(numberWords(lit("40000", { units: ["gpu"] }), "USD")).toBe("40,000 GPUs");
    expect(numberWords(lit("1", { units: ["gpu"] }), "USD")).toBe("1 GPU");
    expect(numberWords(lit("30", { units: ["days"] }), "USD")).toBe("30 days");
    expect(numberWords(lit("1", { units: ["months"] }), "USD")).toBe("1 month");
    expect(numberWords(lit("0", { units: ["money"] }), "EUR")).toBe("€0");
  });

  it("writes dates, units and names as words", () => {
    expect(dateWords("2028-12-31")).toBe("31 December 2028");
    expect(dateWords("2026-07-01")).toBe("1 July 2026");
    expect(unitWord("gpu_hour", true)).toBe("GPU-hours");
    expect(unitWord("rack_unit", true)).toBe("rack-units");
    expect(unitWord("MW", true)).toBe("MW");
    expect(unitWord("q", true)).toBe("q");
    expect(nameWords("sold_hours")).toBe("sold hours");
    expect(nameWords("buyback.unsold")).toBe("unsold");
  });
});
