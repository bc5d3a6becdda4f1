import { describe, expect, it } from "vitest";
import { RUN } from "../../src/diagnostics/codes/run.ts";
import { parseDate } from "../../src/eval/dates.ts";
import { Decimal } from "../../src/eval/decimal.ts";
import { interpolateAt as interpolate } from "../../src/builtins/interpolate.ts";
import { ledgerOf, lines, runDeal } from "./helpers.ts";

const dec = (t: string) => Decimal.parse(t)!;
const date = (t: string) => parseDate(t)!;

// 10^20 USD times a plain fraction shows all 20 decimals of the fraction as whole dollars.
const HEAD = (term: string, frequency = "monthly") => `
deal "Taper"
parties {
  a: "A"
  b: "B"
}
term ${term}, ${frequency}
currency USD
input start: number
`;

describe("interpolate", () => {
  it("tapers 15% to 7.5% over five years to 11.241785323110624315…% (8211/73040) on 2029-01-01 (915 of 1826 days)", () => {
    const v = interpolate(dec("0.15"), dec("0.075"), date("2026-07-01"), date("2031-07-01"), date("2029-01-01"));
    expect([v.toString(), v.exactText()]).toEqual(["0.11241785323110624315", "8211/73040"]);
  });

  it("gives from_value on or before from_date and to_value on or after to_date", () => {
    const at = (d: string) => interpolate(dec("0.15"), dec("0.075"), date("2026-07-01"), date("2031-07-01"), date(d)).toString();
    expect([at("2020-01-01"), at("2026-07-01"), at("2031-07-01"), at("2040-02-29")]).toEqual(["0.15", "0.15", "0.075", "0.075"]);
  });

  it("rises as well as falls, in any unit, exactly at the midpoint", () => {
    const v = interpolate(dec("100"), dec("200"), date("2026-01-01"), date("2026-01-11"), date("2026-01-06"));
    expect(v.toString()).toBe("150");
  });

  it("is taken at period_start without `at`, and at the given date with it", () => {
    const source = `${HEAD("2026-07-01 to 2026-09-30")}
clause taper {
  a pays b 100000000000000000000 USD * interpolate(15%, 7.5%, 2026-07-01, 2031-07-01)
  a pays b 100000000000000000000 USD * interpolate(15%, 7.5%, 2026-07-01, 2031-07-01, 2029-01-01)
}
`;
    const rows = ["2026-07-01", "2026-08-01", "2026-09-01"].map((period) => ({ period, start: "0" }));
    expect(lines(ledgerOf(source, rows))).toEqual([
      "1 taper a>b 15000000000000000000.00 15000000000000000000.00",
      // 915 of 1826 days: 0.15 − 0.075 × 915/1826 exactly, half-even to cents.
      "1 taper a>b 11241785323110624315.44 11241785323110624315.44",
      // 31 of 1826 days: 0.15 − 0.075 × 31/1826 = 0.1487267250821467688937… (not the 20-place …889.40)
      "2 taper a>b 14872672508214676889.38 14872672508214676889.38",
      "2 taper a>b 11241785323110624315.44 11241785323110624315.44",
      // 62 of 1826 days: 0.1474534501642935377875… (not the 20-place …778.72)
      "3 taper a>b 14745345016429353778.75 14745345016429353778.75",
      "3 taper a>b 11241785323110624315.44 11241785323110624315.44",
    ]);
  });

  it("stops with TN3020 naming the dates when from_date is not before to_date at run time", () => {
    const source = `${HEAD("2026-07-01 to 2026-09-30")}
clause taper {
  a pays b 1000 USD * interpolate(15%, 7.5%, period_start, 2026-08-01)
}
`;
    const rows = ["2026-07-01", "2026-08-01", "2026-09-01"].map((period) => ({ period, start: "0" }));
    const r = runDeal(source, rows);
    expect(r.value).toBeNull();
    expect(r.diagnostics.map((d) => [d.code, d.message])).toEqual([[
      RUN.interpolateDatesNotAscending,
      "clause taper, period 2 (2026-08-01): interpolate needs from_date before to_date, but from_date is 2026-08-01 and to_date is 2026-08-01 in interpolate(15%, 7.5%, period_start, 2026-08-01)",
    ]]);
  });
});
