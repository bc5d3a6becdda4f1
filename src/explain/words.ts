/**
 * How values read in English: exact numbers with digit groups (the
 * project's one grouping helper, src/text/group-digits.ts), money with its
 * currency, dates as "1 July 2026", unit and declared names as words.
 * Numbers stay decimal text throughout (scaled exactly by src/eval/decimal),
 * never a JS number.
 */
import { Decimal } from "../eval/decimal.ts";
import { groupDigits } from "../text/group-digits.ts";
import type { NumberLit } from "../syntax/ast.ts";

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/** `2026-07-01` → `1 July 2026`; anything else as written. */
export function dateWords(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (m === null) return iso;
  const month = MONTHS[Number(m[2]) - 1];
  return month === undefined ? iso : `${Number(m[3])} ${month} ${m[1]}`;
}

const SYMBOLS: Readonly<Record<string, string>> = { USD: "$", EUR: "€", GBP: "£" };

/** Exact decimal text (`25000000`, `1.85`) as an amount: `$25,000,000`, `€1.85`, `1,000 JPY`. */
export function moneyWords(value: string, currency: string): string {
  const negative = value.startsWith("-");
  const digits = groupDigits(negative ? value.slice(1) : value);
  const symbol = SYMBOLS[currency];
  const text = symbol === undefined ? `${digits} ${currency}` : `${symbol}${digits}`;
  return negative ? `minus ${text}` : text;
}

/** Words for the well-known units of GPU deals; others are their names with `_` as a hyphen. */
const UNIT_WORDS: Readonly<Record<string, readonly [one: string, many: string]>> = {
  gpu: ["GPU", "GPUs"],
  gpus: ["GPU", "GPUs"],
  gpu_hour: ["GPU-hour", "GPU-hours"],
  gpu_hours: ["GPU-hour", "GPU-hours"],
  gpu_day: ["GPU-day", "GPU-days"],
  hour: ["hour", "hours"],
  kw: ["kW", "kW"],
  mw: ["MW", "MW"],
  MW: ["MW", "MW"],
  kW: ["kW", "kW"],
  kwh: ["kWh", "kWh"],
  mwh: ["MWh", "MWh"],
  MWh: ["MWh", "MWh"],
  kWh: ["kWh", "kWh"],
};

/** One unit name as a word, singular or plural; currency codes and capitalised names stay as written. */
export function unitWord(name: string, plural: boolean): string {
  const known = UNIT_WORDS[name];
  if (known !== undefined) return plural ? known[1] : known[0];
  const word = name.replace(/_/g, "-");
  // Capitalised names (MW, EUR), plurals already, and one- or two-letter names (a template's `q`) stay as written.
  if (!plural || /[A-Z]/.test(name) || /s$/.test(name) || name.length <= 2) return word;
  return `${word}s`;
}

/** A unit as `numerator per denominator` words: `GPU-hours per GPU`, `USD per GPU-hour`. */
export function unitPhrase(numerator: readonly string[], denominator: readonly string[], plural: boolean): string {
  const num = numerator.map((n, i) => unitWord(n, plural && i === numerator.length - 1)).join("-");
  const den = denominator.map((d) => unitWord(d, false)).join("-");
  if (num === "") return den === "" ? "" : `per ${den}`;
  return den === "" ? num : `${num} per ${den}`;
}

/** The exact value of a number literal as decimal text: scale applied, percent not (`6.3 billion` → `6300000000`). */
export function literalValue(n: NumberLit): string {
  const digits = Decimal.parse(n.digits);
  if (digits === null) return n.digits;
  const scale = n.scale === "million" ? Decimal.parse("1000000")! : n.scale === "billion" ? Decimal.parse("1000000000")! : Decimal.ONE;
  return digits.mul(scale).toString();
}

/** A whole number literal's text as a JS number for counting words (1 period, 3 months): only small whole counts. */
export function isOne(value: string): boolean {
  return /^1(\.0+)?$/.test(value);
}

/**
 * A number literal in words: `$1.85 per GPU-hour`, `40,000 GPUs`, `12.5%`,
 * `30 days`, `$25,000,000`. `currency` is the deal's code; other currencies
 * declared as units read like it.
 */
export function numberWords(n: NumberLit, currency: string): string {
  // Digits as written (`2.20` stays 2.20); a scale word is applied exactly.
  const value = n.scale === null ? n.digits.replace(/^0+(?=\d)/, "") : literalValue(n);
  if (n.percent) return `${groupDigits(value)}%`;
  if (n.unit === null) return groupDigits(value);
  // `money` is a template's name for the deal currency.
  const num = n.unit.numerator.map((x) => (x.text === "money" ? currency : x.text)).filter((x) => x !== "number");
  const den = n.unit.denominator.map((x) => x.text);
  if (num.length === 1 && den.length === 0 && (num[0] === "days" || num[0] === "months" || num[0] === "years")) {
    const word = num[0]!;
    return `${groupDigits(value)} ${isOne(value) ? word.slice(0, -1) : word}`;
  }
  const [first] = num;
  if (num.length === 1 && first !== undefined && (first === currency || /^[A-Z]{3}$/.test(first))) {
    const money = moneyWords(value, first);
    return den.length === 0 ? money : `${money} per ${unitPhrase(den, [], false)}`;
  }
  const unit = unitPhrase(num, den, !isOne(value));
  return unit === "" ? groupDigits(value) : `${groupDigits(value)} ${unit}`;
}

/** A declared name as words: `sold_hours` → `sold hours`; a renamed template local `use.local` by its own part. */
export function nameWords(name: string): string {
  const own = name.includes(".") ? name.slice(name.lastIndexOf(".") + 1) : name;
  return own.replace(/_/g, " ");
}

/** A defined term as it is introduced: `“sold hours”`. */
export function defined(name: string): string {
  return `“${nameWords(name)}”`;
}

/** `a`, `a and b`, `a, b and c`. */
export function joinAnd(parts: readonly string[], word = "and"): string {
  if (parts.length <= 1) return parts[0] ?? "";
  return `${parts.slice(0, -1).join(", ")} ${word} ${parts[parts.length - 1]}`;
}

/** `1 period`, `3 periods`. */
export function count(n: number, one: string, many = `${one}s`): string {
  return `${groupDigits(String(n))} ${n === 1 ? one : many}`;
}

export function capitalize(s: string): string {
  return s.length === 0 ? s : s[0]!.toUpperCase() + s.slice(1);
}

/** Digits of a whole-number literal (`1_000` already without `_`) with groups. */
export function groupDigitsOf(digits: string): string {
  return groupDigits(digits);
}
