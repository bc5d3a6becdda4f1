/**
 * The arithmetic of tiers tables (docs/language.md §4 `tier`, `marginal`),
 * shared by the checker's constant evaluation and the runtime. Exact: only
 * comparisons, `+`, `−` and `×`.
 *
 * A table's rows are ascending and contiguous (the checker proves it): row
 * i covers `[low, high)`, `high` null meaning no upper end (`onward`).
 */
import { Decimal } from "./decimal.ts";

export interface TierRow {
  readonly low: Decimal;
  /** null for `onward`. */
  readonly high: Decimal | null;
  readonly value: Decimal;
}

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
