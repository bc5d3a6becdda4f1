/**
 * Minor units of currencies (ISO 4217): how many decimals money is rounded
 * to and printed with. Most currencies, and any code not listed, use 2.
 */
const ZERO_DECIMALS = new Set([
  "BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF", "UGX", "UYI", "VND", "VUV", "XAF", "XOF", "XPF",
]);
const THREE_DECIMALS = new Set(["BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"]);

/** Decimals of a currency code: JPY 0, KWD 3, USD/EUR/… and unknown codes 2. */
export function currencyDecimals(code: string): number {
  if (ZERO_DECIMALS.has(code)) return 0;
  if (THREE_DECIMALS.has(code)) return 3;
  return 2;
}

/** A currency code is three capital letters, as in ISO 4217. */
export function isCurrencyCode(code: string): boolean {
  return /^[A-Z]{3}$/.test(code);
}
