import { describe, expect, it } from "vitest";
import { runSource } from "../../src/api.ts";
import { ledgerOf, lines } from "./helpers.ts";

const deal = (currency: string, units: string, inputs: string, clause: string) => `
deal "FX"
parties {
  sharon: "Sharon AI"
  nvidia: "NVIDIA Corporation"
}
term 2026-07-01 to 2026-08-31, monthly
${currency}
units ${units}
${inputs}

clause share { ${clause} }
`;

describe("convert", () => {
  const EUR_DEAL = deal("currency USD", "gpu, EUR", "input eur_usd: USD per EUR\ninput revenue_eur: EUR", "sharon pays nvidia convert(revenue_eur, eur_usd) * 10%");

  it("converts EUR revenue to USD at the period's rate, rounding to cents before the share is taken", () => {
    // 1234.56 EUR × 1.0845 = 1338.88032 → 1338.88 USD; × 10% = 133.888 → 133.89
    // 2000 EUR × 1.09 = 2180.00 USD; × 10% = 218.00
    const ledger = ledgerOf(EUR_DEAL, [
      { period: "2026-07-01", eur_usd: "1.0845", revenue_eur: "1234.56" },
      { period: "2026-08-01", eur_usd: "1.09", revenue_eur: "2000" },
    ]);
    expect(lines(ledger)).toEqual(["1 share sharon>nvidia 133.89 133.89", "2 share sharon>nvidia 218.00 218.00"]);
  });

  it("reads EUR inputs and a USD per EUR rate from an inputs file", () => {
    const inputs = JSON.stringify({ periods: [{ period: "2026-07-01", eur_usd: "1.0845", revenue_eur: "1234.56" }] });
    const r = runSource(EUR_DEAL, [{ name: "inputs.json", text: inputs }]);
    expect(r.diagnostics).toEqual([]);
    expect(r.ledger?.periods[0]!.lines.map((l) => l.amount)).toEqual(["133.89"]);
  });

  it("rounds to the target currency's minor unit with the deal's rounding mode", () => {
    // 1234.56 EUR × 1.0855 = 1340.11488 USD: half_even 1340.11, up 1340.12
    const row = [{ period: "2026-07-01", eur_usd: "1.0855", revenue_eur: "1234.56" }];
    const pay = "sharon pays nvidia convert(revenue_eur, eur_usd)";
    const inputs = "input eur_usd: USD per EUR\ninput revenue_eur: EUR";
    expect(lines(ledgerOf(deal("currency USD", "EUR", inputs, pay), row))).toEqual(["1 share sharon>nvidia 1340.11 1340.11"]);
    expect(lines(ledgerOf(deal("currency USD, rounding up", "EUR", inputs, pay), row))).toEqual(["1 share sharon>nvidia 1340.12 1340.12"]);
  });

  it("rounds to 0 decimals into JPY and to 3 into KWD, before any further arithmetic", () => {
    // 1000.50 USD × 151.237 = 151312.6185 → 151313 JPY
    const jpy = deal("currency JPY", "USD", "input usd_jpy: JPY per USD\ninput fee: USD", "sharon pays nvidia convert(fee, usd_jpy)");
    expect(lines(ledgerOf(jpy, [{ period: "2026-07-01", usd_jpy: "151.237", fee: "1000.50" }]))).toEqual(["1 share sharon>nvidia 151313 151313"]);
    // 1000.01 USD × 0.307125 = 307.12807125 → 307.128 KWD; × 1000 = 307128.000 (not 307128.071)
    const kwd = deal("currency KWD", "USD", "input usd_kwd: KWD per USD\ninput fee: USD", "sharon pays nvidia convert(fee, usd_kwd) * 1000");
    expect(lines(ledgerOf(kwd, [{ period: "2026-07-01", usd_kwd: "0.307125", fee: "1000.01" }]))).toEqual(["1 share sharon>nvidia 307128.000 307128.000"]);
  });

  it("converts out of the deal currency and back through a declared currency", () => {
    // 1000 USD × 0.9213 = 921.30 EUR; 921.30 EUR × 1.0855 = 1000.07115 → 1000.07 USD
    const source = deal(
      "currency USD",
      "EUR",
      "input usd_eur: EUR per USD\ninput eur_usd: USD per EUR",
      "sharon pays nvidia convert(convert(1000 USD, usd_eur), eur_usd)",
    );
    expect(lines(ledgerOf(source, [{ period: "2026-07-01", usd_eur: "0.9213", eur_usd: "1.0855" }]))).toEqual(["1 share sharon>nvidia 1000.07 1000.07"]);
  });
});
