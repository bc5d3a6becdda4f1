/**
 * Tiers tables (docs/language.md §5 "tiers", §15): the rules of a table and
 * of the two built-ins that read one.
 *
 * A table: at least one entry; every bound and value constant; all bounds
 * numbers of one unit, all values numbers of one unit; LOW < HIGH in each
 * entry; each LOW equal to the previous HIGH (a gap or an overlap names
 * both entries); only the last entry `onward`. A checked table is
 * evaluated exactly here, once, and kept in ctx.tiers for calls, the const
 * evaluator and the lowering.
 *
 * `tier(TABLE, X)` and `marginal(TABLE, BASE_BEFORE, AMOUNT)`: TABLE must be
 * a tiers table's name (it is not a value: it is resolved, never typed); X,
 * BASE_BEFORE and AMOUNT are in the bounds' unit. tier gives the values'
 * unit, marginal the bounds' unit times the values' unit.
 */
import { CHECK } from "../diagnostics/codes/check.ts";
import { Decimal } from "../eval/decimal.ts";
import type { TierRow } from "../builtins/builtin.ts";
import type { Expr, TierEntry, TiersDecl } from "../syntax/ast.ts";
import { printExpr } from "../syntax/print-expr.ts";
import type { CheckedTiers, Type } from "./checked-program.ts";
import type { ConstEvaluator } from "./const-eval.ts";
import type { CheckContext } from "./context.ts";
import type { ExprChecker, ExprEnv } from "./expressions.ts";
import { describeType, unitWord } from "../types/types.ts";

type NumberType = Extract<Type, { kind: "number" }>;

/** `entry 2 (100 million USD to 500 million USD)`: an entry as messages name it. */
function entryName(d: TiersDecl, entry: TierEntry): string {
  const index = d.entries.indexOf(entry) + 1;
  const range = entry.high === null ? `${printExpr(entry.low)} onward` : `${printExpr(entry.low)} to ${printExpr(entry.high)}`;
  return `entry ${index} (${range})`;
}

/**
 * Types and evaluates a table, reporting every broken rule; records the
 * result (or null) in ctx.tiers. `cyclic`: the table is part of a
 * declaration cycle, already reported.
 */
export function checkTiers(d: TiersDecl, ctx: CheckContext, exprs: ExprChecker, consts: ConstEvaluator, env: ExprEnv, cyclic: boolean): void {
  const name = d.name.text;
  if (d.entries.length === 0) {
    if (!d.recovered) ctx.error(CHECK.tiersEmpty, d.name.range, `tiers ${name} has no entries; write at least one, such as 0 onward: 10%`);
    ctx.tiers.set(d, null);
    return;
  }
  let ok = !cyclic && d.recovered !== true;
  const bound = sameUnit(d, ctx, exprs, env, "bound");
  const value = sameUnit(d, ctx, exprs, env, "value");
  if (bound === null || value === null) ok = false;

  d.entries.forEach((entry, i) => {
    if (entry.high === null && i < d.entries.length - 1) {
      ok = false;
      ctx.error(CHECK.tiersOnwardNotLast, entry.range, `only the last entry of ${name} may be onward, but ${entryName(d, entry)} is followed by more entries`);
    }
  });

  const rows: TierRow[] = [];
  for (const entry of d.entries) {
    const low = constant(ctx, consts, entry.low, d, "bound");
    const high = entry.high === null ? null : constant(ctx, consts, entry.high, d, "bound");
    const v = constant(ctx, consts, entry.value, d, "value");
    if (low === null || v === null || (entry.high !== null && high === null)) {
      ok = false;
      continue;
    }
    rows.push({ low, high, value: v });
  }

  // Bounds of mixed units do not compare: their order is not checked.
  if (rows.length === d.entries.length && bound !== null) ok = checkOrder(d, rows, ctx, bound) && ok;
  ctx.tiers.set(d, ok && bound !== null && value !== null ? { decl: d, rows, bound, value } : null);
}

/** Types the bounds (or values) of every entry: all numbers of the first one's unit. Null after an error. */
function sameUnit(d: TiersDecl, ctx: CheckContext, exprs: ExprChecker, env: ExprEnv, part: "bound" | "value"): NumberType | null {
  const code = part === "bound" ? CHECK.tiersBoundUnitMismatch : CHECK.tiersValueUnitMismatch;
  const parts = d.entries.flatMap((entry) => (part === "value" ? [entry.value] : entry.high === null ? [entry.low] : [entry.low, entry.high]));
  let first: { readonly e: Expr; readonly t: NumberType } | null = null;
  let ok = true;
  for (const e of parts) {
    const t = exprs.check(e, env);
    if (t.kind === "error") {
      ok = false;
      continue;
    }
    if (t.kind !== "number") {
      ok = false;
      ctx.error(code, e.range, `every ${part} of ${d.name.text} must be a number, but ${printExpr(e)} is ${describeType(t)}`);
      continue;
    }
    if (first === null) {
      first = { e, t };
    } else if (!first.t.unit.equals(t.unit)) {
      ok = false;
      ctx.error(
        code,
        e.range,
        `every ${part} of ${d.name.text} must have the same unit, but ${printExpr(first.e)} is ${unitWord(first.t)} and ${printExpr(e)} is ${unitWord(t)}`,
        [{ range: first.e.range, message: `${printExpr(first.e)} is ${unitWord(first.t)}` }],
      );
    }
  }
  return ok && first !== null ? first.t : null;
}

/** The exact value of a typed bound or value, or null (reported TN2120 when it is not constant). */
function constant(ctx: CheckContext, consts: ConstEvaluator, e: Expr, d: TiersDecl, part: "bound" | "value"): Decimal | null {
  const t = ctx.types.get(e);
  if (t === undefined || t.kind !== "number") return null;
  const v = consts.eval(e);
  if (v instanceof Decimal) return v;
  ctx.error(
    CHECK.tiersNotConstant,
    e.range,
    `every ${part} of ${d.name.text} must be a constant, but ${printExpr(e)} cannot be worked out before the run (write it with numbers, consts and arithmetic, without dividing by zero)`,
  );
  return null;
}

/** LOW < HIGH in every entry, and each LOW equal to the previous HIGH. */
function checkOrder(d: TiersDecl, rows: readonly TierRow[], ctx: CheckContext, bound: NumberType): boolean {
  let ok = true;
  const show = (v: Decimal): string => (bound.unit.isNone ? v.toString() : `${v.toString()} ${bound.unit.toString()}`);
  const name = d.name.text;
  rows.forEach((row, i) => {
    const entry = d.entries[i]!;
    if (row.high !== null && !row.low.lt(row.high)) {
      ok = false;
      ctx.error(
        CHECK.tiersEmptyRange,
        entry.range,
        `${entryName(d, entry)} of ${name} is empty: its low (${show(row.low)}) must be below its high (${show(row.high)})`,
      );
    }
    const previous = rows[i - 1];
    if (previous === undefined || previous.high === null) return;
    const before = d.entries[i - 1]!;
    const related = [{ range: before.range, message: `${entryName(d, before)} ends at ${show(previous.high)}` }];
    const c = row.low.cmp(previous.high);
    if (c > 0) {
      ok = false;
      ctx.error(
        CHECK.tiersGap,
        entry.low.range,
        `${name} has a gap between ${entryName(d, before)} and ${entryName(d, entry)}: nothing covers ${show(previous.high)} to ${show(row.low)}; each entry must start where the one before it ends`,
        related,
      );
    } else if (c < 0) {
      ok = false;
      ctx.error(
        CHECK.tiersOverlap,
        entry.low.range,
        `${entryName(d, before)} and ${entryName(d, entry)} of ${name} overlap: ${show(row.low)} is below ${show(previous.high)}; entries go in ascending order, each starting where the one before it ends`,
        related,
      );
    }
  });
  return ok;
}
