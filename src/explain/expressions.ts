/**
 * Expressions in English (docs/language.md §3–§4): every expression kind
 * and every built-in has a form here, exhaustively (a new kind fails tsc in
 * `phrase`, a new built-in in BUILTIN_PHRASES). Each phrase carries the
 * precedence of what it says, so a sub-phrase is bracketed exactly where
 * the arithmetic would be ("(the revenue minus $10) times 2%").
 */
import type { Binding } from "../check/checked-program.ts";
import type { Frequency, RoundingMode } from "../ir/ir.ts";
import { kindOf } from "../ir/exhaustive.ts";
import type { BuiltinName } from "../builtins/registry.ts";
import type { BinaryOp, Call, Expr, NameRef } from "../syntax/ast.ts";
import type { Type } from "../types/types.ts";
import { dateWords, defined, joinAnd, nameWords, numberWords } from "./words.ts";

/** What phrasing needs from the checked program. */
export interface PhraseContext {
  readonly currency: string;
  readonly rounding: RoundingMode;
  readonly frequency: Frequency;
  readonly bindings: ReadonlyMap<NameRef, Binding>;
  readonly types: ReadonlyMap<Expr, Type>;
  /** Top-level names, for expressions the checker did not see itself (a `use`'s arguments, a template's defaults). */
  readonly globals: ReadonlyMap<string, Binding>;
  /**
   * In a clause made by `use`: the template parameter each compound
   * argument stands for, by the argument's source range (`start:end`), so
   * the clause reads "“capacity”" where the sheet gave a long expression
   * (the parameters table gives it once).
   */
  readonly arguments?: ReadonlyMap<string, string>;
}

/** A phrase and the precedence of its top operator (docs/language.md §4: 1 `or` … 8 a primary). */
export interface Phrase {
  readonly text: string;
  readonly prec: number;
}

const PRIMARY = 8;

const PREC: Readonly<Record<BinaryOp, number>> = {
  or: 1, and: 2,
  "<": 4, "<=": 4, ">": 4, ">=": 4, "==": 4, "!=": 4,
  "+": 5, "-": 5, "*": 6, "/": 6,
};

const COMPARE: Readonly<Record<string, readonly [number: string, date: string]>> = {
  "<": ["is below", "is before"],
  "<=": ["is at most", "is on or before"],
  ">": ["is above", "is after"],
  ">=": ["is at least", "is on or after"],
  "==": ["equals", "is"],
  "!=": ["does not equal", "is not"],
};

const ARITHMETIC: Readonly<Record<string, string>> = { "+": "plus", "-": "minus", "*": "times", "/": "divided by" };

/** The period facts of docs/language.md §4. */
export const PERIOD_FACT_WORDS: Readonly<Record<string, string>> = {
  days: "the number of days in the period",
  period_index: "the number of the period",
  contract_year: "the contract year",
  period_start: "the first day of the period",
  period_end: "the last day of the period",
};

/** The period word of a frequency: months, quarters, years. */
export function periodWord(f: Frequency, plural: boolean): string {
  const one = f === "monthly" ? "month" : f === "quarterly" ? "quarter" : "year";
  return plural ? `${one}s` : one;
}

/** How the deal's rounding mode rounds, as a phrase after "rounded". */
export function roundingWords(mode: RoundingMode): string {
  switch (mode) {
    case "half_even": return "to the nearest, a half to the even digit";
    case "half_up": return "to the nearest, a half away from zero";
    case "down": return "towards zero";
    case "up": return "away from zero";
  }
}

export function bindingOf(ref: NameRef, ctx: PhraseContext): Binding | undefined {
  return ctx.bindings.get(ref) ?? ctx.globals.get(ref.name.text);
}

/** The expression as a phrase that stands on its own. */
export function say(e: Expr, ctx: PhraseContext): string {
  return phrase(e, ctx).text;
}

/** `p`, bracketed when it binds looser than `prec`. */
function at(p: Phrase, prec: number): string {
  return p.prec < prec ? `(${p.text})` : p.text;
}

export function phrase(e: Expr, ctx: PhraseContext): Phrase {
  const param = e.kind === "Binary" || e.kind === "Call" || e.kind === "IfExpr" || e.kind === "Unary" ? ctx.arguments?.get(`${e.range.start}:${e.range.end}`) : undefined;
  if (param !== undefined) return { text: defined(param), prec: PRIMARY };
  switch (e.kind) {
    case "NumberLit":
      return { text: numberWords(e, ctx.currency), prec: PRIMARY };
    case "DateExpr":
      return { text: dateWords(e.date.text), prec: PRIMARY };
    case "NameRef":
      return { text: nameRefWords(e, ctx), prec: PRIMARY };
    case "Unary": {
      const operand = phrase(e.operand, ctx);
      return e.op === "-"
        ? { text: `minus ${at(operand, PRIMARY)}`, prec: 7 }
        : { text: `it is not the case that ${at(operand, 3)}`, prec: 3 };
    }
    case "Binary":
      return binaryPhrase(e.op, e.left, e.right, ctx);
    case "Call":
      return callPhrase(e, ctx);
    case "IfExpr":
      return { text: `${at(phrase(e.then, ctx), 2)} if ${at(phrase(e.cond, ctx), 2)}, and otherwise ${at(phrase(e.else, ctx), 2)}`, prec: 1 };
    case "ErrorExpr":
      // A checked program has none; the parser leaves one where it could not read an expression.
      return { text: "an expression that could not be read", prec: PRIMARY };
    default:
      throw new Error(`tenor explain: no English for expression ${kindOf(e)}`);
  }
}

function nameRefWords(ref: NameRef, ctx: PhraseContext): string {
  const b = bindingOf(ref, ctx);
  const name = ref.name.text;
  if (b === undefined) return PERIOD_FACT_WORDS[name] ?? `the ${nameWords(name)}`;
  switch (b.kind) {
    case "const":
      // A const that is one literal reads as its value: "at $1.85 per GPU-hour".
      if (b.decl.value.kind === "NumberLit" || b.decl.value.kind === "DateExpr") return phrase(b.decl.value, ctx).text;
      return `the ${nameWords(name)}`;
    case "periodFact":
      return PERIOD_FACT_WORDS[b.fact] ?? nameWords(name);
    case "tiers":
      return `the ${nameWords(name)} table`;
    case "balance":
      return `the balance ${defined(name)}`;
    case "let":
      return localWords(name, ctx.types.get(b.decl.value), ctx);
    case "input":
    case "schedule":
    case "eventArg":
      return `the ${nameWords(name)}`;
    default:
      throw new Error(`tenor explain: no English for a name bound to ${kindOf(b)}`);
  }
}

/** A clause's own name as its defined term: "the amount “repaid”", "the “unsold” GPU-hours", "“utilization”". */
function localWords(name: string, t: Type | undefined, ctx: PhraseContext): string {
  if (t?.kind === "number" && !t.unit.isNone) {
    const [only] = [...t.unit.exponents];
    if (t.unit.exponents.size === 1 && only !== undefined && only[1] === 1) {
      if (only[0] === ctx.currency) return `the amount ${defined(name)}`;
    }
  }
  if (t?.kind === "number" && !t.unit.isNone) return `the quantity ${defined(name)}`;
  if (t?.kind === "date") return `the date ${defined(name)}`;
  return defined(name);
}

function typeOf(e: Expr, ctx: PhraseContext): Type | undefined {
  if (e.kind === "NameRef") {
    const b = bindingOf(e, ctx);
    if (b?.kind === "const" || b?.kind === "let") return ctx.types.get(e) ?? ctx.types.get(b.decl.value);
  }
  return ctx.types.get(e);
}

function isDate(e: Expr, ctx: PhraseContext): boolean {
  if (e.kind === "DateExpr") return true;
  if (e.kind === "NameRef") {
    const b = bindingOf(e, ctx);
    if (b?.kind === "periodFact") return b.fact === "period_start" || b.fact === "period_end";
  }
  return typeOf(e, ctx)?.kind === "date";
}

/** A per-unit price: money per something (`USD per gpu_hour`). */
function isPrice(e: Expr, ctx: PhraseContext): boolean {
  if (e.kind === "NumberLit") return e.unit !== null && e.unit.denominator.length > 0 && e.unit.numerator.some((n) => n.text === ctx.currency);
  const t = typeOf(e, ctx);
  if (t?.kind !== "number") return false;
  const ex = t.unit.exponents;
  return ex.get(ctx.currency) === 1 && [...ex.values()].some((v) => v < 0);
}

/** A plain percentage: a literal, or a const holding one. */
function percentOf(e: Expr, ctx: PhraseContext): boolean {
  if (e.kind === "NumberLit") return e.percent && e.unit === null;
  if (e.kind !== "NameRef") return false;
  const b = bindingOf(e, ctx);
  return b?.kind === "const" && b.decl.value.kind === "NumberLit" && b.decl.value.percent && b.decl.value.unit === null;
}

function binaryPhrase(op: BinaryOp, left: Expr, right: Expr, ctx: PhraseContext): Phrase {
  const prec = PREC[op];
  const l = phrase(left, ctx);
  const r = phrase(right, ctx);
  if (op === "and" || op === "or") return { text: `${at(l, prec)} ${op} ${at(r, prec + 1)}`, prec };
  const compare = COMPARE[op];
  if (compare !== undefined) {
    const verb = isDate(left, ctx) || isDate(right, ctx) ? compare[1] : compare[0];
    return { text: `${at(l, 5)} ${verb} ${at(r, 5)}`, prec };
  }
  if (op === "*") {
    // "15% of the revenue", "the unsold at $1.85 per GPU-hour".
    if (percentOf(right, ctx) && !percentOf(left, ctx)) return { text: `${r.text} of ${at(l, 7)}`, prec: 6 };
    if (percentOf(left, ctx)) return { text: `${l.text} of ${at(r, 7)}`, prec: 6 };
    if (isPrice(right, ctx) && !isPrice(left, ctx)) return { text: `${at(l, 6)} at ${at(r, 7)}`, prec: 6 };
    if (isPrice(left, ctx) && !isPrice(right, ctx)) return { text: `${at(r, 6)} at ${at(l, 7)}`, prec: 6 };
  }
  if (op === "-" && isDate(left, ctx) && isDate(right, ctx)) return { text: `the number of days from ${at(r, 6)} to ${at(l, 6)}`, prec: PRIMARY };
  // Left-associative: the right operand of the same level is bracketed (a - (b - c)).
  return { text: `${at(l, prec)} ${ARITHMETIC[op]} ${at(r, prec + 1)}`, prec };
}

/** The day counts by their ISDA names (docs/language.md §4 "Day counts"). */
const DAY_COUNTS: Readonly<Record<string, string>> = {
  act_365f: "Actual/365 (Fixed)",
  act_360: "Actual/360",
  thirty_360: "30/360 (Bond Basis)",
  act_act_isda: "Actual/Actual (ISDA)",
  act_act_icma: "Actual/Actual (ICMA)",
  thirty_e_360: "30E/360 (Eurobond Basis)",
  thirty_e_360_isda: "30E/360 (ISDA)",
  thirty_360_us: "30/360 US",
  act_365l: "Actual/365L",
  nl_365: "NL/365",
};

/** A built-in's argument: bracketed unless it is one word group, so nested calls keep their scope. */
function arg(e: Expr, ctx: PhraseContext): string {
  return at(phrase(e, ctx), PRIMARY);
}

function dayCount(name: string): (c: Call, ctx: PhraseContext) => Phrase {
  return (c, ctx) => {
    const label = DAY_COUNTS[name] ?? name;
    const [a, b, third] = c.args.map((x) => arg(x, ctx));
    if (a === undefined || b === undefined) return { text: `the period's year fraction under ${label}`, prec: PRIMARY };
    const extra = third === undefined ? "" : name === "thirty_e_360_isda" ? `, with ${third} as the termination date` : `, with ${third} coupons a year`;
    return { text: `the ${label} year fraction from ${a} up to ${b}${extra}`, prec: PRIMARY };
  };
}

function extremes(one: string, many: string): (c: Call, ctx: PhraseContext) => Phrase {
  return (c, ctx) => {
    const args = c.args.map((x) => at(phrase(x, ctx), PRIMARY));
    // Loose: as an operand it is bracketed, "(the lesser of a and b) times c".
    return { text: `the ${args.length > 2 ? many : one} of ${joinAnd(args)}`, prec: 3 };
  };
}

function stepped(how: (ctx: PhraseContext) => string): (c: Call, ctx: PhraseContext) => Phrase {
  return (c, ctx) => {
    const [x, step] = c.args;
    const value = x === undefined ? "the value" : at(phrase(x, ctx), PRIMARY);
    const to = step === undefined ? "a whole number" : `a multiple of ${at(phrase(step, ctx), PRIMARY)}`;
    const text = `${value} rounded ${how(ctx).replace("TO", to)}`.replace("nearest a multiple", "nearest multiple").replace("nearest a whole", "nearest whole");
    return { text, prec: 3 };
  };
}

function isContractYearMinusOne(e: Expr | undefined, ctx: PhraseContext): boolean {
  if (e?.kind !== "Binary" || e.op !== "-" || e.left.kind !== "NameRef" || e.right.kind !== "NumberLit") return false;
  const b = bindingOf(e.left, ctx);
  return b?.kind === "periodFact" && b.fact === "contract_year" && e.right.digits === "1" && e.right.scale === null && !e.right.percent;
}

/** Every built-in's English form (docs/language.md §4); a missing one fails tsc. */
export const BUILTIN_PHRASES: Readonly<Record<BuiltinName, (c: Call, ctx: PhraseContext) => Phrase>> = {
  min: extremes("lesser", "least"),
  max: extremes("greater", "greatest"),
  abs: (c, ctx) => ({ text: `the absolute value of ${arg(c.args[0]!, ctx)}`, prec: 3 }),
  round: stepped((ctx) => `to the nearest TO (${roundingWords(ctx.rounding).replace("to the nearest, ", "")})`),
  floor: stepped(() => "down to TO"),
  ceil: stepped(() => "up to TO"),
  interpolate: (c, ctx) => {
    const [a, b, d1, d2, when] = c.args.map((x) => arg(x, ctx));
    const taken = when === undefined ? "the first day of the period" : when;
    return { text: `the value on a straight line from ${a} on ${d1} to ${b} on ${d2}, taken at ${taken} (${a} before ${d1}, ${b} after ${d2})`, prec: 3 };
  },
  act_365f: dayCount("act_365f"),
  act_360: dayCount("act_360"),
  thirty_360: dayCount("thirty_360"),
  act_act_isda: dayCount("act_act_isda"),
  act_act_icma: dayCount("act_act_icma"),
  thirty_e_360: dayCount("thirty_e_360"),
  thirty_e_360_isda: dayCount("thirty_e_360_isda"),
  thirty_360_us: dayCount("thirty_360_us"),
  act_365l: dayCount("act_365l"),
  nl_365: dayCount("nl_365"),
  convert: (c, ctx) => {
    const [amount, rate] = c.args.map((x) => arg(x, ctx));
    return { text: `${amount} converted at ${rate} (rounded at once to the minor unit of the currency converted to)`, prec: 3 };
  },
  compound: (c, ctx) => {
    const [rate, n] = c.args;
    const r = arg(rate!, ctx);
    if (isContractYearMinusOne(n, ctx)) return { text: `the growth factor of ${r} a year, compounded once for each contract year after the first`, prec: PRIMARY };
    return { text: `1 plus ${r}, raised to the power ${arg(n!, ctx)}`, prec: 3 };
  },
  tier: (c, ctx) => {
    const [table, x] = c.args.map((a) => arg(a, ctx));
    return { text: `the value of ${table} for ${x}`, prec: PRIMARY };
  },
  marginal: (c, ctx) => {
    const [table, base, amount] = c.args.map((a) => arg(a, ctx));
    return { text: `${amount} taken tier by tier through ${table} on top of ${base} already counted (each part at the value of the tier it falls in)`, prec: 3 };
  },
};

function callPhrase(c: Call, ctx: PhraseContext): Phrase {
  const name = c.callee.text;
  const form = Object.hasOwn(BUILTIN_PHRASES, name) ? BUILTIN_PHRASES[name as BuiltinName] : undefined;
  if (form === undefined) return { text: `${name}(${c.args.map((a) => say(a, ctx)).join(", ")})`, prec: PRIMARY };
  return form(c, ctx);
}
