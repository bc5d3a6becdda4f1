import { describe, expect, it } from "vitest";
import { CHECK } from "../../src/diagnostics/codes/check.ts";
import { checkText, expectClean, expectOne } from "./helpers.ts";

const PARTIES = `parties {
  nvidia: "NVIDIA Corporation"
  sharon: "Sharon AI"
}
`;
const DEAL = `deal "Header test"\n`;
const TERM = `term 2026-07-01 to 2027-06-30, monthly\n`;
const CURRENCY = `currency USD\n`;

describe("the deal header", () => {
  it("accepts a header with one of each declaration and applies the defaults", () => {
    const checked = expectClean(DEAL + PARTIES + TERM + CURRENCY);
    expect(checked.header).toEqual({
      title: "Header test",
      parties: [
        { name: "nvidia", legalName: "NVIDIA Corporation" },
        { name: "sharon", legalName: "Sharon AI" },
      ],
      term: { start: "2026-07-01", end: "2027-06-30", frequency: "monthly" },
      currency: { code: "USD", decimals: 2, rounding: "half_even" },
      settleNet: false,
      units: [],
      inputs: [],
      events: [],
    });
  });

  it("lists units, inputs and events with display units and the settle and rounding choices", () => {
    const checked = expectClean(`${DEAL}${PARTIES}${TERM}currency JPY, rounding half_up
settle net
units gpu_hour
input price: JPY per gpu_hour
input hours: gpu_hour
event outage(hours_lost: gpu_hour, credit: JPY)
`);
    expect(checked.header.currency).toEqual({ code: "JPY", decimals: 0, rounding: "half_up" });
    expect(checked.header.settleNet).toBe(true);
    expect(checked.header.units).toEqual(["gpu_hour"]);
    expect(checked.header.inputs).toEqual([
      { name: "price", unit: "JPY per gpu_hour" },
      { name: "hours", unit: "gpu_hour" },
    ]);
    expect(checked.header.events).toEqual([
      { name: "outage", params: [{ name: "hours_lost", unit: "gpu_hour" }, { name: "credit", unit: "JPY" }] },
    ]);
  });

  it("reports a missing deal, parties, term and currency at the top of the file", () => {
    const { located, result } = checkText(`units gpu\n`);
    expect(result.value).toBeNull();
    expect(located.map((d) => [d.code, d.severity, d.line, d.column])).toEqual([
      [CHECK.missingDeal, "error", 1, 1],
      [CHECK.missingParties, "error", 1, 1],
      [CHECK.missingTerm, "error", 1, 1],
      [CHECK.missingCurrency, "error", 1, 1],
    ]);
  });

  it("reports a second deal declaration at its keyword and points at the first", () => {
    const text = DEAL + PARTIES + TERM + CURRENCY + `deal "Again"\n`;
    const { result } = checkText(text);
    const d = expectOne(text, CHECK.duplicateHeader, `deal "Again"`);
    expect(d.message).toContain("one deal declaration");
    expect(result.diagnostics[0]!.related?.[0]?.range).toEqual({ start: 0, end: 4 });
  });

  it("reports a second term, currency, parties and settle", () => {
    const text = DEAL + PARTIES + TERM + CURRENCY + `settle net\nsettle net\n` + TERM + `currency EUR\n` + PARTIES;
    const { located } = checkText(text);
    expect(located.map((d) => [d.code, d.line])).toEqual([
      [CHECK.duplicateHeader, 9],
      [CHECK.duplicateHeader, 10],
      [CHECK.duplicateHeader, 11],
      [CHECK.duplicateHeader, 12],
    ]);
  });

  it("reports a term that starts after it ends, at the end date", () => {
    const text = DEAL + PARTIES + `term 2027-07-01 to 2026-06-30, monthly\n` + CURRENCY;
    const d = expectOne(text, CHECK.termStartsAfterEnd, "2026-06-30");
    expect(d.message).toBe("the term ends on 2026-06-30, before it starts on 2027-07-01");
  });

  it("reports an impossible calendar date in the term", () => {
    const text = DEAL + PARTIES + `term 2026-02-30 to 2027-06-30, monthly\n` + CURRENCY;
    const d = expectOne(text, CHECK.invalidDate, "2026-02-30");
    expect(d.message).toContain("2026-02-30 is not a calendar date");
  });

  it("accepts the 29th of February in a leap year only", () => {
    expectClean(DEAL + PARTIES + `term 2028-02-29 to 2029-02-28, monthly\n` + CURRENCY);
    expectOne(DEAL + PARTIES + `term 2027-02-29 to 2029-02-28, monthly\n` + CURRENCY, CHECK.invalidDate, "2027-02-29");
  });

  it("reports a currency that is not three capital letters", () => {
    const d = expectOne(DEAL + PARTIES + TERM + `currency Dollar\n`, CHECK.invalidCurrencyCode, "Dollar");
    expect(d.message).toContain("three capital letters");
  });

  it("reports a parties block without any party", () => {
    expectOne(DEAL + `parties {\n}\n` + TERM + CURRENCY, CHECK.missingParties, "parties");
  });

  it("reports a party declared twice at the second one", () => {
    const text = DEAL + `parties {\n  nvidia: "A"\n  nvidia: "B"\n}\n` + TERM + CURRENCY;
    expectOne(text, CHECK.duplicateDeclaration, "nvidia", "error", 2);
  });

  it("gives currencies their minor units: KWD 3, unknown codes 2", () => {
    expect(expectClean(DEAL + PARTIES + TERM + `currency KWD\n`).header.currency.decimals).toBe(3);
    expect(expectClean(DEAL + PARTIES + TERM + `currency XYZ\n`).header.currency.decimals).toBe(2);
  });
});
