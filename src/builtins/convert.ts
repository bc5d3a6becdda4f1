/**
 * `convert(amount, rate)` (docs/language.md §4): an amount in currency C
 * times a rate in D per C, rounded to D's minor unit with the deal's
 * rounding mode.
 */
import { CHECK } from "../diagnostics/codes/check.ts";
import { RUN } from "../diagnostics/codes/run.ts";
import type { Decimal } from "../eval/decimal.ts";
import { isCurrencyCode } from "../types/currencies.ts";
import { describeType, numberType } from "../types/types.ts";
import { Unit } from "../types/unit.ts";
import type { Builtin } from "./builtin.ts";
import { NO_PERIOD, UNBOUNDED } from "./builtin.ts";
import { monotone, times } from "./interval.ts";
import { kinds } from "./args.ts";

/** The currency a unit is exactly (`EUR`), or null. */
function currencyOf(u: Unit): string | null {
  if (u.exponents.size !== 1) return null;
  const [[code, exp]] = [...u.exponents] as [[string, number]];
  return exp === 1 && isCurrencyCode(code) ? code : null;
}

export const convert: Builtin = {
  name: "convert",
  arity: { min: 2, max: 2 },
  usage: "convert(amount, rate)",
  summary: "amount in currency C × rate in D per C, rounded to D's minor unit with the deal's rounding mode",
  takesTable: false,
  roundsToCurrency: true,
  irType: kinds("number", ["number", "number"]),
  type: (call) => {
    const [amount, rate] = call.args as [(typeof call.args)[0], (typeof call.args)[0]];
    const c = amount.kind === "number" ? currencyOf(amount.unit) : null;
    if (c === null) {
      return call.error(
        CHECK.convertAmountNotCurrency,
        0,
        `convert needs an amount in a currency (the deal currency or a declared unit such as EUR), but this is ${amount.kind === "number" && !amount.unit.isNone ? `in ${amount.unit.toString()}` : describeType(amount)}`,
      );
    }
    const wanted = `D per ${c}, where D is another currency (such as ${c === "USD" ? "EUR" : "USD"} per ${c})`;
    if (rate.kind !== "number") return call.error(CHECK.convertRateUnit, 1, `the rate of convert must be in ${wanted}, but it is ${describeType(rate)}`);
    const ex = rate.unit.exponents;
    const target = [...ex].find(([, n]) => n === 1)?.[0];
    if (!(ex.size === 2 && ex.get(c) === -1 && target !== undefined && target !== c && isCurrencyCode(target))) {
      return call.error(
        CHECK.convertRateUnit,
        1,
        `the rate of convert must be in ${wanted}, but it is ${rate.unit.isNone ? "a plain number" : `in ${rate.unit.toString()}`}`,
      );
    }
    return numberType(Unit.base(target));
  },
  evaluate: ([amount, rate], site) => {
    if (site.decimals === null) return site.fail(RUN.internalError, `${site.text} has no currency to round to`);
    return (amount as Decimal).mul(rate as Decimal).round(site.decimals, site.rounding);
  },
  readsPeriod: () => NO_PERIOD,
  costly: () => false,
  english: ([amount, rate]) => `${amount} converted at ${rate}, rounded to the currency's smallest unit`,
  // Rounding to the minor unit is non-decreasing in the product.
  interval: ([amount, rate], site) => {
    const decimals = site.decimals;
    return decimals === null ? UNBOUNDED : monotone(times(amount ?? null, rate ?? null), (v) => v.round(decimals, site.rounding));
  },
};
