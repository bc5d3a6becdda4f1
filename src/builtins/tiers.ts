/**
 * `tier(TABLE, x)` and `marginal(TABLE, base_before, amount)`
 * (docs/language.md §4): the first argument names a tiers table, resolved
 * by the checker and carried as a slot in the IR; x, base_before and amount
 * are in the unit of the table's bounds. Exact: only comparisons, `+`, `−`
 * and `×`.
 */
import { CHECK } from "../diagnostics/codes/check.ts";
import { RUN } from "../diagnostics/codes/run.ts";
import { Decimal } from "../eval/decimal.ts";
import { ERROR_TYPE, numberType, unitWord } from "../types/types.ts";
import type { Type } from "../types/types.ts";
import type { Builtin, Interval, TableRows, TierRow, TypingCall } from "./builtin.ts";
import { NO_PERIOD, UNBOUNDED } from "./builtin.ts";
import { kinds } from "./args.ts";

/**
 * The index of the row whose `[low, high)` holds `x`; -1 when `x` is below
 * the first low, `rows.length` when it is at or above the last high.
 */
export function tierIndex(rows: readonly TierRow[], x: Decimal): number {
  if (rows.length === 0 || x.lt(rows[0]!.low)) return -1;
  for (let i = 0; i < rows.length; i++) {
    const high = rows[i]!.high;
    if (high === null || x.lt(high)) return i;
  }
  return rows.length;
}

/**
 * Σ value × |[base, base + amount) ∩ [low, high)| over the rows: what
 * `amount` more on a cumulative base of `base` earns, each part at the rate
 * of the tier it falls in. Parts below the first low or above the last high
 * earn nothing. `amount` must not be negative (the caller reports it).
 */
export function marginalSum(rows: readonly TierRow[], base: Decimal, amount: Decimal): Decimal {
  const end = base.add(amount);
  let sum = Decimal.ZERO;
  for (const row of rows) {
    const from = Decimal.max(base, row.low);
    const to = row.high === null ? end : Decimal.min(end, row.high);
    if (to.gt(from)) sum = sum.add(row.value.mul(to.sub(from)));
  }
  return sum;
}

/** The other arguments in the unit of the table's bounds; the result type from the table. */
function typeTableCall(call: TypingCall, roles: readonly string[], result: (bound: Type & { kind: "number" }, value: Type & { kind: "number" }) => Type): Type {
  const table = call.table;
  if (table === null) return ERROR_TYPE;
  for (let i = 0; i < call.args.length; i++) {
    const t = call.args[i]!;
    if (t.kind === "number" && t.unit.equals(table.bound.unit)) continue;
    return call.error(
      CHECK.argumentUnitMismatch,
      i,
      `${call.name} needs ${roles[i]} in the unit of ${table.name}'s bounds (${unitWord(table.bound)}), but ${call.argText(i)} is ${unitWord(t)}`,
    );
  }
  return result(table.bound, table.value);
}

function tableOf(site: { readonly table: TableRows | null; fail(code: string, message: string): never; readonly text: string }): TableRows {
  return site.table ?? site.fail(RUN.internalError, `${site.text} has no tiers table`);
}

function show(table: TableRows, v: Decimal): string {
  return table.boundUnit === null ? v.toString() : `${v.toString()} ${table.boundUnit}`;
}

/** The smallest interval holding every value of the table. */
function valueRange(table: TableRows | null): Interval {
  if (table === null || table.rows.length === 0) return UNBOUNDED;
  const values = table.rows.map((r) => r.value);
  return { lo: values.reduce((m, v) => Decimal.min(m, v)), hi: values.reduce((m, v) => Decimal.max(m, v)) };
}

export const tier: Builtin = {
  name: "tier",
  arity: { min: 2, max: 2 },
  usage: "tier(tiers, x)",
  summary: "the value of the entry of a tiers table whose [low, high) holds x",
  takesTable: true,
  roundsToCurrency: false,
  type: (call) => typeTableCall(call, ["x"], (_bound, value) => value),
  irType: kinds("number", ["number"]),
  evaluate: ([x], site) => {
    const table = tableOf(site);
    const v = x as Decimal;
    const { rows, name } = table;
    if (rows.length === 0) return site.fail(RUN.tierOutOfRange, `${site.text}: ${name} has no tiers`);
    const i = tierIndex(rows, v);
    if (i >= 0 && i < rows.length) return rows[i]!.value;
    const why = i < 0
      ? `is below the first tier of ${name}, which starts at ${show(table, rows[0]!.low)}`
      : `is at or above the end of the last tier of ${name} (${show(table, rows[rows.length - 1]!.high!)}), which has no onward entry`;
    return site.fail(RUN.tierOutOfRange, `${site.text}: the value ${show(table, v)} ${why}`);
  },
  readsPeriod: () => NO_PERIOD,
  costly: () => false,
  english: ([table, x]) => `the rate of ${table} for ${x}`,
  interval: (_args, site) => valueRange(site.table),
};

export const marginal: Builtin = {
  name: "marginal",
  arity: { min: 3, max: 3 },
  usage: "marginal(tiers, base_before, amount)",
  summary: "what amount earns on top of base_before, each part at the value of the tier it falls in",
  takesTable: true,
  roundsToCurrency: false,
  type: (call) => typeTableCall(call, ["base_before", "amount"], (bound, value) => numberType(bound.unit.times(value.unit))),
  irType: kinds("number", ["number", "number"]),
  evaluate: ([base, amount], site) => {
    const table = tableOf(site);
    const b = base as Decimal;
    const a = amount as Decimal;
    if (a.isNegative()) {
      site.fail(
        RUN.marginalNegativeAmount,
        `${site.text}: the amount is ${show(table, a)} (on a base of ${show(table, b)}); it must not be negative, since a cumulative base does not go back`,
      );
    }
    return marginalSum(table.rows, b, a);
  },
  readsPeriod: () => NO_PERIOD,
  costly: () => false,
  english: ([table, base, amount]) => `${amount} charged through the tiers of ${table}, on top of ${base} already counted`,
  // Each part of the amount earns a value of the table: between the least and the most of them times the amount.
  interval: ([, amount], site) => {
    const values = valueRange(site.table);
    const most = amount?.hi ?? null;
    if (values.lo === null || values.hi === null || most === null) return UNBOUNDED;
    const a = Decimal.max(most, Decimal.ZERO);
    return { lo: Decimal.min(Decimal.ZERO, values.lo.mul(a)), hi: Decimal.max(Decimal.ZERO, values.hi.mul(a)) };
  },
};
