/**
 * The exact values of constant expressions, for "that is …" after a
 * computed const, payment or grant count ("(10% of $3,500,000,000 divided
 * by $48.20) rounded down to a whole number, that is 7,261,410"). They are
 * worked out by the checker's own evaluator (src/check/const-eval.ts), the
 * one that folds built-ins with the runtime's code, so the figure is the
 * one the ledger settles.
 */
import type { CheckedProgram } from "../check/checked-program.ts";
import { ConstEvaluator } from "../check/const-eval.ts";
import { CheckContext } from "../check/context.ts";
import { Decimal } from "../eval/decimal.ts";
import type { Expr } from "../syntax/ast.ts";
import { groupDigits } from "../text/group-digits.ts";
import type { Type } from "../types/types.ts";
import { moneyWords, unitPhrase } from "./words.ts";

export interface Constants {
  /** The value in words when `e` is a constant number whose decimal terminates, else null. */
  readonly valueWords: (e: Expr) => string | null;
  /** A constant payment amount as it is paid: rounded to the currency's decimals with the deal's mode. */
  readonly paymentWords: (e: Expr) => string | null;
}

export function constantsOf(checked: CheckedProgram): Constants {
  const ctx = new CheckContext();
  for (const [k, v] of checked.bindings) ctx.bindings.set(k, v);
  for (const [k, v] of checked.types) ctx.types.set(k, v);
  for (const t of checked.tiers) ctx.tiers.set(t.decl, t);
  ctx.currency = checked.header.currency.code;
  ctx.rounding = checked.header.currency.rounding;
  const evaluator = new ConstEvaluator(ctx);
  const value = (e: Expr): Decimal | null => {
    try {
      const v = evaluator.eval(e);
      return v instanceof Decimal ? v : null;
    } catch {
      return null;
    }
  };
  const { code, decimals, rounding } = checked.header.currency;
  return {
    valueWords: (e) => {
      const v = value(e);
      const t = checked.types.get(e);
      return v === null || !v.isTerminating() || t === undefined ? null : withUnit(v.toString(), t, code);
    },
    paymentWords: (e) => {
      const v = value(e);
      return v === null ? null : moneyWords(v.round(decimals, rounding).toFixed(decimals), code);
    },
  };
}

function withUnit(text: string, t: Type, currency: string): string | null {
  if (t.kind !== "number") return null;
  const unit = t.unit.toString();
  if (unit === "number") return groupDigits(text);
  const [num = "", den = ""] = unit.split(" per ");
  const nums = num.split(" ").filter((x) => x !== "" && x !== "1");
  const dens = den.split(" ").filter((x) => x !== "");
  if (nums.some((n) => n.includes("^")) || dens.some((n) => n.includes("^"))) return null;
  if (nums.length === 1 && nums[0] === currency) {
    const money = moneyWords(text, currency);
    return dens.length === 0 ? money : `${money} per ${unitPhrase(dens, [], false)}`;
  }
  return `${groupDigits(text)} ${unitPhrase(nums, dens, text !== "1")}`;
}
