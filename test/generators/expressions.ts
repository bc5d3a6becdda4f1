/**
 * Typed random expressions for the program generator (./program.ts).
 *
 * Every expression is built for a type (money in the deal currency, a plain
 * number, a quantity of a declared unit, a price `CUR per unit`, a ratio
 * `a per b`, a boolean or a date) from the names in scope, so the checker
 * accepts it. Run-time safety by construction:
 * - a divisor is never zero: a positive literal, `days`, `period_index`,
 *   `contract_year`, or `max(x, 1 UNIT)`;
 * - steps of round/floor/ceil are positive literals;
 * - durations are small whole literals, so dates stay in range.
 * Sign is not controlled here: callers wrap payments in `max(…, 0 CUR)` or
 * `abs(…)` (see `nonNegative`).
 *
 * Text comes with its precedence (or 1, and 2, not 3, comparisons 4, + - 5,
 * * / 6, unary minus 7, primaries 8, `if` 0) and is bracketed only where the
 * grammar needs it, plus now and then where it does not.
 */
import type { Random } from "./random.ts";

export type NumTy =
  | { readonly k: "money" }
  | { readonly k: "plain" }
  | { readonly k: "qty"; readonly u: string }
  | { readonly k: "rate"; readonly u: string }
  | { readonly k: "ratio"; readonly a: string; readonly b: string };
export type Ty = NumTy | { readonly k: "bool" } | { readonly k: "date" };

export const MONEY: Ty = { k: "money" };
export const PLAIN: Ty = { k: "plain" };
export const BOOL: Ty = { k: "bool" };
export const DATE: Ty = { k: "date" };

export function sameTy(a: Ty, b: Ty): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export function isNumeric(t: Ty): t is NumTy {
  return t.k !== "bool" && t.k !== "date";
}

/** Where a name comes from: what it may be used for depends on it (caps take no lets, …). */
export type NameKind = "input" | "const" | "schedule" | "fact" | "let" | "blockLet" | "arg" | "balance";

export interface NameEntry {
  readonly name: string;
  readonly ty: Ty;
  readonly kind: NameKind;
}

/** An expression's text and the precedence of its outermost operator. */
export interface Gen {
  readonly text: string;
  readonly prec: number;
}

const PREC: Readonly<Record<string, number>> = {
  or: 1, and: 2, "<": 4, "<=": 4, ">": 4, ">=": 4, "==": 4, "!=": 4, "+": 5, "-": 5, "*": 6, "/": 6,
};
const COMPARISONS = ["<", "<=", ">", ">=", "==", "!="] as const;

/**
 * A declared tiers table: its bounds' and values' types. Tables start at
 * or below zero and end `onward`, so `tier(T, abs(x))` and
 * `marginal(T, abs(b), abs(a))` never fail.
 */
export interface TiersSpec {
  readonly name: string;
  readonly bound: NumTy;
  readonly value: NumTy;
}

export interface ExprContext {
  readonly currency: string;
  readonly units: readonly string[];
  /** Every numeric type some name or literal can have here (ratios only when declared somewhere). */
  readonly numTypes: readonly NumTy[];
  /** The names usable here. */
  readonly names: readonly NameEntry[];
  /** Only literals and these names (consts): no period facts, no dates from facts. */
  readonly constant: boolean;
  /** First and last day of the term, for date literals near it. */
  readonly termStart: string;
  readonly termEnd: string;
  /** Tiers tables usable here (none in constant contexts). */
  readonly tiers?: readonly TiersSpec[];
}

export class ExprGen {
  constructor(
    private readonly r: Random,
    private readonly ctx: ExprContext,
  ) {}

  /** The unit text of a numeric type (`null` for a plain number). */
  unitText(t: NumTy): string | null {
    switch (t.k) {
      case "money": return this.ctx.currency;
      case "plain": return null;
      case "qty": return t.u;
      case "rate": return `${this.ctx.currency} per ${t.u}`;
      case "ratio": return `${t.a} per ${t.b}`;
    }
  }

  // ------------------------------------------------------------ literals

  /** Digits of a decimal literal, sometimes grouped with `_`; > 0 when `positive`. */
  digits(positive = false, big = false): string {
    const r = this.r;
    const magnitude = r.weighted<number>([[4, 9], [4, 999], [2, 99_999], [big ? 2 : 0.5, 9_999_999]]);
    let whole = r.int(positive ? 1 : 0, magnitude);
    if (positive && whole === 0) whole = 1;
    let text = String(whole);
    if (whole >= 1000 && r.chance(0.6)) text = text.replace(/\B(?=(\d{3})+(?!\d))/g, "_");
    if (r.chance(0.35)) text += `.${String(r.int(0, 99)).padStart(r.int(1, 2), "0").slice(0, 2)}`;
    return text;
  }

  /** A number literal of type `t` (`12.5%`, `6.3 billion USD`, `1.85 USD per gpu_hour`). */
  literal(t: NumTy, positive = false): Gen {
    const r = this.r;
    const unit = this.unitText(t);
    if (unit === null) {
      const form = r.weighted<string>([[5, "plain"], [3, "percent"], [1, "scaled"]]);
      const digits = this.digits(positive);
      const text = form === "percent" ? `${digits}%` : form === "scaled" ? `${digits} ${r.pick(["million", "billion"])}` : digits;
      return { text, prec: 8 };
    }
    const scale = t.k === "money" && r.chance(0.25) ? ` ${r.pick(["million", "billion"])}` : "";
    return { text: `${this.digits(positive, t.k === "money")}${scale} ${unit}`, prec: 8 };
  }

  /** A date literal within a year around the term. */
  dateLiteral(): string {
    const start = Number(this.ctx.termStart.slice(0, 4)) - 1;
    const end = Number(this.ctx.termEnd.slice(0, 4)) + 1;
    const y = this.r.int(start, end);
    const m = this.r.int(1, 12);
    const d = this.r.int(1, 28);
    return `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
  }

  // ------------------------------------------------------------ combinators

  private wrap(g: Gen): string {
    return `(${g.text})`;
  }

  /** Brackets an operand only where the grammar needs it (and sometimes where it does not). */
  private maybeWrap(g: Gen, needed: boolean): string {
    return needed || (g.prec < 8 && this.r.chance(0.08)) ? this.wrap(g) : g.text;
  }

  binary(op: string, l: Gen, r: Gen): Gen {
    const p = PREC[op]!;
    const comparison = p === 4;
    const left = this.maybeWrap(l, l.prec < p || (comparison && l.prec === 4));
    const right = this.maybeWrap(r, r.prec <= p);
    return { text: `${left} ${op} ${right}`, prec: p };
  }

  neg(x: Gen): Gen {
    return { text: `-${this.maybeWrap(x, x.prec < 7)}`, prec: 7 };
  }

  not(x: Gen): Gen {
    return { text: `not ${this.maybeWrap(x, x.prec < 3)}`, prec: 3 };
  }

  call(name: string, args: readonly Gen[]): Gen {
    return { text: `${name}(${args.map((a) => a.text).join(", ")})`, prec: 8 };
  }

  ifThen(c: Gen, a: Gen, b: Gen): Gen {
    return { text: `if ${c.text} then ${a.text} else ${b.text}`, prec: 0 };
  }

  // ------------------------------------------------------------ typed generation

  private namesOf(t: Ty): NameEntry[] {
    return this.ctx.names.filter((n) => sameTy(n.ty, t));
  }

  /** A numeric type for a sub-expression: mostly the simple ones. */
  anyNumTy(): NumTy {
    return this.r.weighted(this.ctx.numTypes.map((t) => [t.k === "plain" || t.k === "money" ? 3 : 1, t] as const));
  }

  /** A leaf of type `t`: a name or a literal. */
  leaf(t: Ty): Gen {
    const names = this.namesOf(t);
    if (names.length > 0 && this.r.chance(0.6)) return { text: this.r.pick(names).name, prec: 8 };
    switch (t.k) {
      case "bool": {
        const nt = this.anyNumTy();
        return this.binary(this.r.pick(COMPARISONS), this.leaf(nt), this.leaf(nt));
      }
      case "date":
        if (!this.ctx.constant && this.r.chance(0.6)) return { text: this.r.pick(["period_start", "period_end"]), prec: 8 };
        return { text: this.dateLiteral(), prec: 8 };
      default:
        return this.literal(t);
    }
  }

  /** An expression of type `t`, at most `depth` operators deep. */
  expr(t: Ty, depth: number): Gen {
    if (depth <= 0 || this.r.chance(0.3)) return this.leaf(t);
    const d = depth - 1;
    switch (t.k) {
      case "bool": return this.boolExpr(d);
      case "date": return this.dateExpr(d);
      default: return this.numExpr(t, d);
    }
  }

  private boolExpr(d: number): Gen {
    const r = this.r;
    const choice = r.weighted<string>([[5, "compare"], [2, "and"], [2, "or"], [1, "not"], [1, "dates"], [0.5, "boolEq"], [0.5, "if"]]);
    switch (choice) {
      case "compare": {
        const nt = this.anyNumTy();
        return this.binary(r.pick(COMPARISONS), this.expr(nt, d), this.expr(nt, d));
      }
      case "and":
      case "or":
        return this.binary(choice, this.expr(BOOL, d), this.expr(BOOL, d));
      case "not":
        return this.not(this.expr(BOOL, d));
      case "dates":
        return this.binary(r.pick(COMPARISONS), this.expr(DATE, d), this.expr(DATE, d));
      case "boolEq":
        return this.binary(r.pick(["==", "!="]), this.expr(BOOL, d), this.expr(BOOL, d));
      default:
        return this.ifThen(this.expr(BOOL, d), this.expr(BOOL, d), this.expr(BOOL, d));
    }
  }

  /** A duration literal small enough to keep any date in range. */
  private duration(): Gen {
    const per = this.r.pick(["days", "months", "years"] as const);
    const n = per === "days" ? this.r.int(0, 400) : per === "months" ? this.r.int(0, 36) : this.r.int(0, 3);
    return { text: `${n} ${per}`, prec: 8 };
  }

  private dateExpr(d: number): Gen {
    const r = this.r;
    // Dates from arithmetic stay within a few years of the term: never nest shifts.
    const choice = r.weighted<string>([[4, "shift"], [1, "extreme"], [1, "if"]]);
    switch (choice) {
      case "shift": {
        const base = this.leaf(DATE);
        return r.chance(0.2) ? this.binary("+", this.duration(), base) : this.binary(r.pick(["+", "-"]), base, this.duration());
      }
      case "extreme":
        return this.call(r.pick(["min", "max"]), [this.leaf(DATE), this.leaf(DATE)]);
      default:
        return this.ifThen(this.expr(BOOL, d), this.leaf(DATE), this.leaf(DATE));
    }
  }

  /** A divisor of type `t` that is never zero. */
  divisor(t: NumTy, d: number): Gen {
    const r = this.r;
    if (t.k === "plain" && !this.ctx.constant && r.chance(0.35)) {
      return { text: r.pick(["days", "period_index", "contract_year"]), prec: 8 };
    }
    if (r.chance(0.4)) return this.literal(t, true);
    const one = this.unitText(t) === null ? "1" : `1 ${this.unitText(t)}`;
    return this.call("max", [this.expr(t, d), { text: one, prec: 8 }]);
  }

  private numExpr(t: NumTy, d: number): Gen {
    const r = this.r;
    const choice = r.weighted<string>([
      [3, "add"], [3, "mul"], [2, "div"], [1, "neg"], [2, "minmax"], [1, "abs"], [1, "round"], [1, "floorceil"], [1, "if"],
      [t.k === "plain" && !this.ctx.constant ? 1 : 0, "datediff"],
      [1, "interpolate"],
      [t.k === "plain" ? 1 : 0, "daycount"],
      [t.k === "plain" ? 1 : 0, "compound"],
      [t.k === "money" && this.foreignCurrencies().length > 0 ? 1.5 : 0, "convert"],
      [this.tierTables(t).length > 0 ? 1.5 : 0, "tier"],
      [this.marginalTables(t).length > 0 ? 1.5 : 0, "marginal"],
    ]);
    switch (choice) {
      case "add":
        return this.binary(r.pick(["+", "-"]), this.expr(t, d), this.expr(t, d));
      case "mul": {
        const [a, b] = this.factors(t);
        return this.binary("*", this.expr(a, d), this.expr(b, d));
      }
      case "div": {
        const [num, den] = this.quotient(t);
        return this.binary("/", this.expr(num, d), this.divisor(den, d));
      }
      case "neg":
        return this.neg(this.expr(t, d));
      case "minmax": {
        const args = Array.from({ length: r.int(2, 3) }, () => this.expr(t, d));
        return this.call(r.pick(["min", "max"]), args);
      }
      case "abs":
        return this.call("abs", [this.expr(t, d)]);
      case "round":
        return this.call("round", r.chance(0.85) ? [this.expr(t, d), this.step(t)] : [this.expr(t, d)]);
      case "floorceil":
        return this.call(r.pick(["floor", "ceil"]), r.chance(0.5) ? [this.expr(t, d), this.step(t)] : [this.expr(t, d)]);
      case "if":
        return this.ifThen(this.expr(BOOL, d), this.expr(t, d), this.expr(t, d));
      case "interpolate":
        return this.call("interpolate", [this.expr(t, d), this.expr(t, d), ...this.interpolationSpan()]);
      case "compound": {
        // A leaf rate and a small n that is always a whole number from 0 to 1000 (the
        // run-time error TN3035 is the case files' job): a literal, or in a clause a
        // count of the period's years.
        const n = this.ctx.constant || r.chance(0.5)
          ? { text: String(r.int(0, 4)), prec: 8 }
          : { text: r.pick(["contract_year - 1", "min(period_index, 6)"]), prec: 5 };
        return this.call("compound", [this.leaf(PLAIN), n]);
      }
      case "daycount": {
        const fn = r.pick(["act_365f", "act_360", "thirty_360"]);
        // Without arguments a day count reads the period: not in consts.
        return this.call(fn, this.ctx.constant || r.chance(0.5) ? [this.leaf(DATE), this.leaf(DATE)] : []);
      }
      case "tier": {
        const table = r.pick(this.tierTables(t));
        return this.call("tier", [{ text: table.name, prec: 8 }, this.call("abs", [this.expr(table.bound, d)])]);
      }
      case "marginal": {
        const table = r.pick(this.marginalTables(t));
        const base = this.call("abs", [this.expr(table.bound, d)]);
        return this.call("marginal", [{ text: table.name, prec: 8 }, base, this.call("abs", [this.expr(table.bound, d)])]);
      }
      case "convert": {
        // A declared currency C (a unit) converted at a `CUR per C` rate into the deal currency.
        const c = r.pick(this.foreignCurrencies());
        return this.call("convert", [this.expr({ k: "qty", u: c }, d), this.expr({ k: "rate", u: c }, d)]);
      }
      default: {
        // DATE - DATE is a plain number of days.
        return this.binary("-", this.leaf(DATE), this.leaf(DATE));
      }
    }
  }

  /** Tiers tables whose values have type `t` (for tier). */
  private tierTables(t: NumTy): TiersSpec[] {
    return (this.ctx.tiers ?? []).filter((x) => sameTy(x.value, t));
  }

  /** Tiers tables whose bound × value has type `t`: one of them plain, the other `t` (for marginal). */
  private marginalTables(t: NumTy): TiersSpec[] {
    return (this.ctx.tiers ?? []).filter((x) => (x.value.k === "plain" && sameTy(x.bound, t)) || (x.bound.k === "plain" && sameTy(x.value, t)));
  }

  /** Declared units that are currencies (three capitals), usable as convert's source. */
  private foreignCurrencies(): string[] {
    return this.ctx.units.filter((u) => /^[A-Z]{3}$/.test(u) && u !== this.ctx.currency);
  }

  /**
   * from_date, to_date and maybe `at` of interpolate, from_date always
   * before to_date: two date literals in order, or period_start and a later
   * date; `at` is required in consts (the default reads the period).
   */
  private interpolationSpan(): Gen[] {
    const r = this.r;
    let span: [string, string];
    if (!this.ctx.constant && r.chance(0.4)) {
      span = ["period_start", `period_start + ${r.int(1, 24)} months`];
    } else {
      const [a, b] = [this.dateLiteral(), this.dateLiteral()].sort();
      span = [a!, a === b ? `${b} + ${r.int(1, 90)} days` : b!];
    }
    const at = this.ctx.constant || r.chance(0.5) ? [this.leaf(DATE)] : [];
    return [{ text: span[0], prec: 8 }, { text: span[1], prec: 5 }, ...at];
  }

  /** A positive step for round/floor/ceil: plain, or in the value's unit. */
  private step(t: NumTy): Gen {
    if (this.unitText(t) !== null && this.r.chance(0.5)) return this.literal(t, true);
    return { text: this.r.pick(["0.01", "1", "0.5", "1_000", "0.001", "25"]), prec: 8 };
  }

  /** Types (a, b) with a * b of type t. */
  private factors(t: NumTy): [NumTy, NumTy] {
    const r = this.r;
    const plain: NumTy = { k: "plain" };
    const swap = (pair: [NumTy, NumTy]): [NumTy, NumTy] => (r.chance(0.5) ? pair : [pair[1], pair[0]]);
    switch (t.k) {
      case "money": {
        const rates = this.ctx.numTypes.filter((x): x is Extract<NumTy, { k: "rate" }> => x.k === "rate");
        if (rates.length > 0 && r.chance(0.4)) {
          const rate = r.pick(rates);
          return swap([{ k: "qty", u: rate.u }, rate]);
        }
        return swap([t, plain]);
      }
      case "qty": {
        const ratios = this.ctx.numTypes.filter((x): x is Extract<NumTy, { k: "ratio" }> => x.k === "ratio" && x.a === t.u);
        if (ratios.length > 0 && r.chance(0.4)) {
          const ratio = r.pick(ratios);
          return swap([{ k: "qty", u: ratio.b }, ratio]);
        }
        return swap([t, plain]);
      }
      default:
        return swap([t, plain]);
    }
  }

  /** Types (n, d) with n / d of type t. */
  private quotient(t: NumTy): [NumTy, NumTy] {
    const r = this.r;
    const plain: NumTy = { k: "plain" };
    switch (t.k) {
      case "plain": {
        // a ratio of two values of one type is a plain number
        const same = r.chance(0.5) ? this.anyNumTy() : plain;
        return [same, same];
      }
      case "rate":
        return r.chance(0.5) ? [{ k: "money" }, { k: "qty", u: t.u }] : [t, plain];
      case "ratio":
        return r.chance(0.5) ? [{ k: "qty", u: t.a }, { k: "qty", u: t.b }] : [t, plain];
      default:
        return [t, plain];
    }
  }

  /** A money expression that is never negative: what a payment, cap or price may be. */
  nonNegativeMoney(depth: number): Gen {
    const r = this.r;
    const zero = { text: `0 ${this.ctx.currency}`, prec: 8 };
    switch (r.weighted<string>([[4, "max"], [2, "abs"], [1, "literal"], [1, "roundAbs"], [depth > 0 ? 1 : 0, "if"]])) {
      case "max":
        return this.call("max", r.chance(0.8) ? [this.expr(MONEY, depth), zero] : [zero, this.expr(MONEY, depth), this.expr(MONEY, depth)]);
      case "abs":
        return this.call("abs", [this.expr(MONEY, depth)]);
      case "literal":
        return this.literal({ k: "money" });
      case "roundAbs":
        return this.call(r.pick(["round", "floor", "ceil"]), [this.call("abs", [this.expr(MONEY, depth)]), this.step({ k: "money" })]);
      default:
        return this.ifThen(this.expr(BOOL, depth - 1), this.nonNegativeMoney(depth - 1), zero);
    }
  }

  /** A plain number that is never negative: a grant quantity. */
  nonNegativePlain(depth: number): Gen {
    const r = this.r;
    switch (r.weighted<string>([[2, "literal"], [2, "floorAbs"], [1, "abs"]])) {
      case "literal":
        return { text: this.digits(false, true), prec: 8 };
      case "floorAbs":
        return this.call("floor", [this.call("abs", [this.expr(PLAIN, depth)])]);
      default:
        return this.call("abs", [this.expr(PLAIN, depth)]);
    }
  }
}
