/**
 * Tiers tables at run time (docs/language.md §5 "tiers"): a table's rows
 * are parsed once per program; `tier` and `marginal` (src/builtins/tiers.ts)
 * read them.
 */
import type { IrTiers } from "../ir/ir.ts";
import { Decimal } from "../eval/decimal.ts";
import type { TableRows, TierRow } from "../builtins/builtin.ts";

/** The rows of a table as decimals, or null when the IR is malformed. */
export function prepareTiers(t: IrTiers): TableRows | null {
  const rows: TierRow[] = [];
  for (const row of t.rows) {
    const low = Decimal.parseExact(row.low);
    const high = row.high === null ? null : Decimal.parseExact(row.high);
    const value = Decimal.parseExact(row.value);
    if (low === null || value === null || (row.high !== null && high === null)) return null;
    rows.push({ low, high, value });
  }
  return { name: t.name, rows, boundUnit: t.boundUnit ?? null };
}
