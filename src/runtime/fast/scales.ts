/**
 * The static scale of an expression for the scaled-integer fast path
 * (fast-expr.ts): how many decimal places its value has at most, when that
 * is known before any data is seen — literals by their digits, period
 * counts (days, period_index, contract_year) whole, `+ − min max abs if` the
 * largest scale of their operands, `×` the sum, round/floor/ceil to a whole
 * number 0. Division, balances and every other built-in have no known
 * scale: those stay on the Decimal path.
 *
 * Inputs and event arguments carry no declared digits, so their scale is
 * assumed (the currency's decimals for amounts in the deal currency,
 * ASSUMED_PLACES otherwise) and checked on every value: a value with more
 * places sends the whole expression back to the Decimal path for that
 * evaluation, so an assumption can cost time, never a cent.
 */
import type { IrExpr, TermsIr } from "../../ir/ir.ts";

/** Places assumed for inputs that are not amounts in the deal currency (hours, rates, plain numbers). */
export const ASSUMED_PLACES = 6;
/** Beyond this many places the integers grow large for nothing: such an expression stays on the Decimal path. */
const MOST_PLACES = 40;

export class Scales {
  private readonly known = new Map<IrExpr, number | null>();
  /** How many expressions were prepared on the fast path (what tests and the bench read). */
  fastExpressions = 0;

  constructor(private readonly ir: Pick<TermsIr, "header" | "consts" | "schedules">) {}

  private unitPlaces(unit: string): number {
    const c = this.ir.header.currency;
    return unit === c.code ? c.decimals : ASSUMED_PLACES;
  }

  /** The scale of a number expression, or null when it is not known; `lets` are the enclosing clause's let expressions. */
  of(e: IrExpr, lets: readonly IrExpr[] | null): number | null {
    if (e.type !== "number") return null;
    const known = this.known.get(e);
    if (known !== undefined) return known;
    this.known.set(e, null); // a cycle (never checked) stays unknown
    const s = this.compute(e, lets);
    const r = s === null || s > MOST_PLACES ? null : s;
    this.known.set(e, r);
    return r;
  }

  private all(es: readonly IrExpr[], lets: readonly IrExpr[] | null): number[] | null {
    const out: number[] = [];
    for (const a of es) {
      const s = this.of(a, lets);
      if (s === null) return null;
      out.push(s);
    }
    return out;
  }

  private compute(e: IrExpr, lets: readonly IrExpr[] | null): number | null {
    switch (e.kind) {
      case "Number": {
        if (!/^-?\d+(\.\d+)?$/.test(e.value)) return null;
        const dot = e.value.indexOf(".");
        return dot < 0 ? 0 : e.value.length - dot - 1;
      }
      case "Input": {
        const input = this.ir.header.inputs[e.slot];
        return input === undefined ? null : this.unitPlaces(input.unit);
      }
      case "EventArg": {
        const param = this.ir.header.events[e.event]?.params[e.arg];
        return param === undefined ? null : this.unitPlaces(param.unit);
      }
      case "PeriodFact":
        return e.fact === "days" || e.fact === "period_index" || e.fact === "contract_year" ? 0 : null;
      case "Const": {
        const c = this.ir.consts[e.slot];
        return c === undefined ? null : this.of(c.value, null);
      }
      case "Schedule": {
        const s = this.ir.schedules[e.slot];
        if (s === undefined || s.entries.length === 0) return null;
        const scales = this.all(s.entries.map((x) => x.value), null);
        return scales === null ? null : Math.max(...scales);
      }
      case "Let": {
        const l = lets?.[e.slot];
        return l === undefined ? null : this.of(l, lets);
      }
      case "Unary":
        return e.op === "-" ? this.of(e.operand, lets) : null;
      case "Binary": {
        if (e.op !== "+" && e.op !== "-" && e.op !== "*") return null;
        const l = this.of(e.left, lets);
        const r = l === null ? null : this.of(e.right, lets);
        if (l === null || r === null) return null;
        return e.op === "*" ? l + r : Math.max(l, r);
      }
      case "Call": {
        if (e.fn === "min" || e.fn === "max" || (e.fn === "abs" && e.args.length === 1)) {
          const scales = this.all(e.args, lets);
          return scales === null || scales.length === 0 ? null : Math.max(...scales);
        }
        if ((e.fn === "round" || e.fn === "floor" || e.fn === "ceil") && e.args.length === 1) {
          return this.of(e.args[0]!, lets) === null ? null : 0;
        }
        return null;
      }
      case "If": {
        const t = this.of(e.then, lets);
        const x = t === null ? null : this.of(e.else, lets);
        return t === null || x === null ? null : Math.max(t, x);
      }
      default:
        return null;
    }
  }
}
