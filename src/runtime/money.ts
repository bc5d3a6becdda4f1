/**
 * Money (docs/language.md §9, §12): each payment is rounded to the currency's minor
 * unit with the deal's rounding mode, and printed with exactly the
 * currency's decimals.
 */
import type { RoundingMode } from "../ir/ir.ts";
import type { Decimal } from "../eval/decimal.ts";

export interface MoneyRules {
  readonly decimals: number;
  readonly rounding: RoundingMode;
}

/** `computed` of docs/language.md §9. */
export function roundMoney(d: Decimal, rules: MoneyRules): Decimal {
  return d.round(rules.decimals, rules.rounding);
}

/** Exactly the currency's decimals, e.g. "1800000.00" (JPY: "1800000"). */
export function formatMoney(d: Decimal, rules: MoneyRules): string {
  return d.toFixed(rules.decimals);
}
