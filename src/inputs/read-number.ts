/**
 * Decimal values in data files (docs/language.md §11 "JSON"): decimal strings, or JSON numbers
 * only when they are read without loss.
 *
 * "Without loss" means: a JSON reader that turns the number into a binary
 * float (as every JavaScript consumer does) and prints it back gets the same
 * decimal value as the source text. `100.50` and `1e3` pass; `0.1` passes
 * (it prints back as 0.1); `12345678901234567890` and `1.00000000000000001`
 * fail, because those readers see other values. `Number` is used here only
 * to ask that question, never to compute with the value.
 */
import { Decimal } from "../eval/decimal.ts";

/** Beyond this exponent a JSON number overflows or underflows a float anyway; refuse before expanding it. */
const MAX_EXPONENT = 400;
const NUMBER_TEXT = /^(-?)(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/;

/**
 * Plain decimal text (`-?\d+(\.\d+)?`) of a number in JSON or JS notation,
 * exactly, with the source's trailing zeros; null for other text or huge exponents.
 */
export function expandNumberText(text: string): string | null {
  const m = NUMBER_TEXT.exec(text);
  if (!m) return null;
  const [, sign, int, frac = "", expText = "0"] = m;
  if (expText.replace(/^[+-]?0*/, "").length > 3 || Math.abs(Number(expText)) > MAX_EXPONENT) return null;
  const exp = Number(expText);
  let digits = int! + frac;
  let point = int!.length + exp; // position of the decimal point within `digits`
  if (point <= 0) {
    digits = "0".repeat(1 - point) + digits;
    point = 1;
  } else if (point > digits.length) {
    digits = digits + "0".repeat(point - digits.length);
  }
  const whole = digits.slice(0, point).replace(/^0+(?=\d)/, "");
  const rest = digits.slice(point);
  return `${sign}${whole}${rest === "" ? "" : `.${rest}`}`;
}

export type NumberReading =
  | { readonly ok: true; readonly value: Decimal }
  /** `readsAs` is what a float-based reader sees instead. */
  | { readonly ok: false; readonly readsAs: string };

/** Reads the source text of a JSON number, accepting it only when it is lossless. */
export function readJsonNumber(text: string): NumberReading {
  const asFloat = Number(text);
  const floatText = Number.isFinite(asFloat) ? expandNumberText(String(asFloat)) : null;
  const exact = expandNumberText(text);
  const readsAs = Number.isFinite(asFloat) ? String(asFloat) : "Infinity";
  if (exact === null || floatText === null) return { ok: false, readsAs };
  const value = Decimal.parse(exact);
  const seen = Decimal.parse(floatText);
  if (value === null || seen === null || !value.eq(seen)) return { ok: false, readsAs };
  return { ok: true, value };
}

/** A strict decimal string: optional `-`, digits, optional `.digits`. No `+`, exponents, spaces or separators. */
export function readDecimalText(text: string): Decimal | null {
  return Decimal.parse(text);
}
