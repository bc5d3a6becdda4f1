/**
 * The scaled-integer fast path (issue 17): an expression whose scale is
 * known (scales.ts) is evaluated on BigInt integers at that scale — amounts
 * in cents, rates in their declared digits, whole counts — with no Decimal
 * made on the way, and turned into one Decimal (or a boolean) at its root.
 *
 * Exactly the Decimal path's values, errors and traces:
 * - `+ − ×`, comparisons, min/max/abs and rounding to a whole number are
 *   exact on integers, as on Decimals (docs/language.md §9);
 * - operands are evaluated in the same order, and named values through the
 *   very closures of the Decimal path (memos, traces, missing-input errors);
 * - a value that does not fit the scale (an input with more places than
 *   assumed, a quotient that does not terminate) or an integer past the
 *   Decimal limits makes the evaluation give up (null), and the root then
 *   evaluates the expression on the Decimal path, which decides: its memos
 *   make the second evaluation cheap, and a trace keeps each name once, in
 *   first-use order, which the abandoned evaluation shared.
 */
import type { IrExpr, RoundingMode } from "../../ir/ir.ts";
import { Decimal, powerOfTen, roundScaled, SCALED_LIMIT } from "../../eval/decimal.ts";
import type { Ev, Frame } from "../frame.ts";
import type { Scales } from "./scales.ts";

/** An integer at a known scale, or null: not representable here, evaluate on the Decimal path. */
type IntEv = (f: Frame) => bigint | null;

export interface FastContext {
  readonly scales: Scales;
  /** The enclosing clause's let expressions (null outside a clause). */
  readonly lets: readonly IrExpr[] | null;
  readonly rounding: RoundingMode;
  /** The Decimal path's closure of a node (for named values and non-number operands such as an `if` condition). */
  readonly slow: (e: IrExpr) => Ev;
}

const NEG_LIMIT = -SCALED_LIMIT;

/** Scales an integer from scale `from` up to `to` (to ≥ from). */
function widen(ev: IntEv, from: number, to: number): IntEv {
  if (from === to) return ev;
  const k = powerOfTen(to - from);
  return (f) => {
    const n = ev(f);
    return n === null ? null : n * k;
  };
}

/** The integer closure of a number expression at its static scale `scale`. */
function int(e: IrExpr, ctx: FastContext): { ev: IntEv; scale: number } | null {
  const scale = ctx.scales.of(e, ctx.lets);
  if (scale === null) return null;
  switch (e.kind) {
    case "Number": {
      const v = Decimal.parse(e.value)?.scaledTo(scale);
      if (v === null || v === undefined) return null;
      return { ev: () => v, scale };
    }
    case "Input":
    case "EventArg":
    case "PeriodFact":
    case "Const":
    case "Schedule":
    case "Let": {
      const slow = ctx.slow(e);
      return { ev: (f) => (slow(f) as Decimal).scaledTo(scale), scale };
    }
    case "Unary": {
      const o = int(e.operand, ctx);
      if (o === null) return null;
      const ev = o.ev;
      return { ev: (f) => { const n = ev(f); return n === null ? null : -n; }, scale };
    }
    case "Binary": {
      const l = int(e.left, ctx);
      const r = int(e.right, ctx);
      if (l === null || r === null) return null;
      if (e.op === "*") {
        const a = l.ev;
        const b = r.ev;
        return { ev: (f) => {
          const x = a(f);
          if (x === null) return null;
          const y = b(f);
          if (y === null) return null;
          const n = x * y;
          return n >= SCALED_LIMIT || n <= NEG_LIMIT ? null : n;
        }, scale };
      }
      const a = widen(l.ev, l.scale, scale);
      const b = widen(r.ev, r.scale, scale);
      const minus = e.op === "-";
      return { ev: (f) => {
        const x = a(f);
        if (x === null) return null;
        const y = b(f);
        if (y === null) return null;
        const n = minus ? x - y : x + y;
        return n >= SCALED_LIMIT || n <= NEG_LIMIT ? null : n;
      }, scale };
    }
    case "Call": {
      const args: IntEv[] = [];
      for (const a of e.args) {
        const x = int(a, ctx);
        if (x === null) return null;
        args.push(widen(x.ev, x.scale, e.fn === "round" || e.fn === "floor" || e.fn === "ceil" ? x.scale : scale));
      }
      const first = args[0]!;
      switch (e.fn) {
        case "abs": return { ev: (f) => { const n = first(f); return n === null ? null : n < 0n ? -n : n; }, scale };
        case "min":
        case "max": {
          const max = e.fn === "max";
          return { ev: (f) => {
            let best = first(f);
            if (best === null) return null;
            for (let i = 1; i < args.length; i++) {
              const n = args[i]!(f);
              if (n === null) return null;
              // The first of equal values wins, as on the Decimal path (the same number either way).
              if (max ? n > best : n < best) best = n;
            }
            return best;
          }, scale };
        }
        default: {
          const from = ctx.scales.of(e.args[0]!, ctx.lets)!;
          const rule = e.fn === "round" ? ctx.rounding : e.fn === "floor" ? "floor" : "ceil";
          return { ev: (f) => { const n = first(f); return n === null ? null : roundScaled(n, from, 0, rule); }, scale };
        }
      }
    }
    case "If": {
      const cond = ctx.slow(e.cond);
      const t = int(e.then, ctx);
      const x = int(e.else, ctx);
      if (t === null || x === null) return null;
      const a = widen(t.ev, t.scale, scale);
      const b = widen(x.ev, x.scale, scale);
      return { ev: (f) => ((cond(f) as boolean) ? a(f) : b(f)), scale };
    }
    default:
      return null;
  }
}

const COMPARE = ["<", "<=", ">", ">=", "==", "!="] as const;
type CompareOp = typeof COMPARE[number];

/**
 * The fast closure of `e`, or null when `e` has no fast path: a number
 * expression with at least one operation, or a comparison of two numbers of
 * known scale. `slow` is the Decimal path's closure of the same expression.
 */
export function fastExpr(e: IrExpr, ctx: FastContext, slow: () => Ev): Ev | null {
  if (e.kind === "Binary" && (COMPARE as readonly string[]).includes(e.op) && e.left.type === "number" && e.right.type === "number") {
    const l = int(e.left, ctx);
    const r = int(e.right, ctx);
    if (l === null && r !== null) return quotientComparison(e.left, e.op as CompareOp, r, ctx, slow);
    if (l === null || r === null) return null;
    const s = Math.max(l.scale, r.scale);
    const a = widen(l.ev, l.scale, s);
    const b = widen(r.ev, r.scale, s);
    const back = slow();
    const test = TESTS[e.op as CompareOp];
    ctx.scales.fastExpressions++;
    return (f) => {
      const x = a(f);
      const y = x === null ? null : b(f);
      return x === null || y === null ? back(f) : test(x, y);
    };
  }
  if (e.type !== "number") return null;
  switch (e.kind) {
    case "Unary":
    case "Binary":
    case "Call":
    case "If":
      break;
    default:
      return null; // a literal or a name alone: nothing to gain
  }
  const n = int(e, ctx);
  if (n === null) return null;
  const { ev, scale } = n;
  const back = slow();
  ctx.scales.fastExpressions++;
  return (f) => {
    const v = ev(f);
    return v === null ? back(f) : Decimal.ofScaled(v, scale);
  };
}

/**
 * `a / b < c` (any comparison), the quotient written there or as a let
 * (`let utilization = sold / capacity`), with a, b and c of known scale:
 * compared multiplied out, without the quotient and its gcd, when nothing
 * is being traced and the let has not been computed yet. b = 0 and every
 * value that does not fit go to the Decimal path, which reports the
 * division by zero as it would. The let, left uncomputed, is computed by
 * its next reference as it would have been here: values do not change
 * within a clause run.
 */
function quotientComparison(left: IrExpr, op: CompareOp, right: { ev: IntEv; scale: number }, ctx: FastContext, slow: () => Ev): Ev | null {
  const letSlot = left.kind === "Let" ? left.slot : null;
  const q = left.kind === "Let" ? ctx.lets?.[left.slot] : left;
  if (q === undefined || q === null || q.kind !== "Binary" || q.op !== "/") return null;
  const num = int(q.left, ctx);
  const den = int(q.right, ctx);
  if (num === null || den === null) return null;
  // (n / 10^sn) / (d / 10^sd) op c / 10^sc  ⇔  n·10^(sd+sc) op c·d·10^sn  (d > 0; reversed for d < 0).
  const kn = powerOfTen(den.scale + right.scale);
  const kc = powerOfTen(num.scale);
  const test = TESTS[op];
  const reversed = TESTS[REVERSED[op]];
  const back = slow();
  const n = num.ev;
  const d = den.ev;
  const c = right.ev;
  ctx.scales.fastExpressions++;
  return (f) => {
    if (f.trace !== null || (letSlot !== null && f.lets[letSlot] !== undefined)) return back(f);
    const x = n(f);
    const y = x === null ? null : d(f);
    // Far inside the Decimal limits, so that the quotient the Decimal path would make could not exceed them either.
    if (x === null || y === null || y === 0n || x >= QUOTIENT_BOUND || x <= -QUOTIENT_BOUND || y >= QUOTIENT_BOUND || y <= -QUOTIENT_BOUND) return back(f);
    const z = c(f);
    if (z === null) return back(f);
    return y > 0n ? test(x * kn, z * y * kc) : reversed(x * kn, z * y * kc);
  };
}

const QUOTIENT_BOUND = powerOfTen(400);

/** The comparison that holds of (−a, −b) when `op` holds of (a, b): dividing by a negative number turns it round. */
const REVERSED: Readonly<Record<CompareOp, CompareOp>> = { "<": ">", "<=": ">=", ">": "<", ">=": "<=", "==": "==", "!=": "!=" };

const TESTS: Readonly<Record<CompareOp, (a: bigint, b: bigint) => boolean>> = {
  "<": (a, b) => a < b,
  "<=": (a, b) => a <= b,
  ">": (a, b) => a > b,
  ">=": (a, b) => a >= b,
  "==": (a, b) => a === b,
  "!=": (a, b) => a !== b,
};
