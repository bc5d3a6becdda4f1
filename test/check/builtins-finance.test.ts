import { describe, expect, it } from "vitest";
import { CHECK } from "../../src/diagnostics/codes/check.ts";
import { checkText, HEADER } from "./helpers.ts";

const FX_HEADER = HEADER.replace("units gpu_hour", "units gpu_hour, EUR, SGD") +
  "input eur_usd: USD per EUR\ninput revenue_eur: EUR\ninput sgd_eur: EUR per SGD\n";

/** Code, line, column and message of each diagnostic of a sheet. */
function diagnosticsOf(body: string) {
  return checkText(FX_HEADER + body).located.map((d) => [d.code, d.line, d.column, d.message]);
}
const LINE = FX_HEADER.split("\n").length; // the first line of `body`

describe("the finance built-ins in the checker", () => {
  it("accepts every form with the right types and gives the documented result types", () => {
    const { result } = checkText(FX_HEADER + `
const taper_end = 2031-07-01
clause uses {
  let rate = interpolate(15%, 7.5%, 2026-07-01, taper_end)
  let fee = interpolate(100 USD, 50 USD, 2026-07-01, 2026-07-01 + 2 years, period_end)
  let f = act_365f() + act_360(period_start, period_end) + thirty_360(2026-01-31, 2026-03-01)
  sharon pays nvidia convert(revenue_eur, eur_usd) * rate + fee * f
  sharon pays nvidia convert(convert(1 SGD, sgd_eur), eur_usd)
}
`);
    expect(result.diagnostics).toEqual([]);
  });

  it("refuses interpolate dates that are constant and not ascending, naming both", () => {
    expect(diagnosticsOf(`const later = 2031-07-01
clause c { sharon pays nvidia 1 USD * interpolate(15%, 7.5%, later, later - 5 years) }
`)).toEqual([[CHECK.interpolateDatesNotAscending, LINE + 1, 69, "interpolate needs from_date before to_date, but from_date is 2031-07-01 and to_date is 2026-07-01"]]);
  });

  it("refuses interpolate values of different units, naming both", () => {
    expect(diagnosticsOf(`clause c { sharon pays nvidia interpolate(10 USD, 5%, 2026-07-01, 2027-07-01) }
`)).toEqual([[CHECK.argumentUnitMismatch, LINE, 51, "interpolate needs from_value and to_value of the same unit, but from_value is USD and to_value is number"]]);
  });

  it("refuses a number where interpolate and the day counts need a date", () => {
    expect(diagnosticsOf(`clause c {
  sharon pays nvidia 1 USD * interpolate(1, 2, 2026-07-01, 30)
  sharon pays nvidia 1 USD * act_360(period_start, days)
}
`)).toEqual([
      [CHECK.invalidOperand, LINE + 1, 60, "interpolate needs dates as from_date, to_date and at, but argument 4 is a plain number"],
      [CHECK.invalidOperand, LINE + 2, 52, "act_360 needs two dates (from, up to but not including), but argument 2 is a plain number"],
    ]);
  });

  it("takes a day count with no arguments or two, never one", () => {
    expect(diagnosticsOf(`clause c { sharon pays nvidia 1 USD * thirty_360(period_start) }
`)).toEqual([[CHECK.wrongArgumentCount, LINE, 39, "thirty_360 takes 0 or 2 arguments (thirty_360() or thirty_360(from, to)), but got 1"]]);
  });

  it("refuses the forms that read the period in a const, like period_start itself", () => {
    const located = diagnosticsOf(`const f = act_365f()
const r = interpolate(1, 2, 2026-07-01, 2027-07-01)
const fixed = interpolate(1, 2, 2026-07-01, 2027-07-01, 2027-01-01) + act_360(2026-07-01, 2027-07-01)
clause c { sharon pays nvidia 1 USD * (f + r + fixed) }
`);
    expect(located.map((d) => [d[0], d[1], d[2]])).toEqual([
      [CHECK.notConstant, LINE, 11],
      [CHECK.notConstant, LINE + 1, 11],
    ]);
    expect(located[0]![3]).toMatch(/^a const may only use numbers and other consts, but period_start is/);
  });

  it("refuses convert of an amount that is not in a currency", () => {
    expect(diagnosticsOf(`clause c { sharon pays nvidia convert(sold_hours, eur_usd) }
`)).toEqual([[CHECK.convertAmountNotCurrency, LINE, 39, "convert needs an amount in a currency (the deal currency or a declared unit such as EUR), but this is in gpu_hour"]]);
  });

  it("refuses a convert rate that is not another currency per the amount's, naming the unit", () => {
    expect(diagnosticsOf(`clause c {
  sharon pays nvidia convert(revenue, eur_usd)
  sharon pays nvidia convert(revenue_eur, 1.08)
  sharon pays nvidia convert(revenue_eur, 1 EUR per EUR)
}
`)).toEqual([
      [CHECK.convertRateUnit, LINE + 1, 39, "the rate of convert must be in D per USD, where D is another currency (such as EUR per USD), but it is in USD per EUR"],
      [CHECK.convertRateUnit, LINE + 2, 43, "the rate of convert must be in D per EUR, where D is another currency (such as USD per EUR), but it is a plain number"],
      [CHECK.convertRateUnit, LINE + 3, 43, "the rate of convert must be in D per EUR, where D is another currency (such as USD per EUR), but it is a plain number"],
    ]);
  });

  it("pays a converted amount only when it lands in the deal currency", () => {
    expect(diagnosticsOf(`clause c { sharon pays nvidia convert(1 SGD, sgd_eur) }
`).map((d) => [d[0], d[3]])).toEqual([[CHECK.paymentNotInCurrency, "a payment must be in the deal currency USD, but this amount is in EUR"]]);
  });

  it("suggests the new names for a misspelt function", () => {
    expect(diagnosticsOf(`clause c { sharon pays nvidia 1 USD * act_356() }
`).map((d) => [d[0], d[3]])).toEqual([[CHECK.unknownFunction, "unknown function act_356; did you mean act_365f?"]]);
  });
});
