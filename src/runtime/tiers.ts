/**
 * `tier(TABLE, X)` and `marginal(TABLE, BASE_BEFORE, AMOUNT)` at run time
 * (docs/language.md §4): the table's rows are parsed once per program, each
 * call becomes a closure over its table. The arithmetic is src/eval/tiers.ts.
 */
import type { IrCall, IrTiers } from "../ir/ir.ts";
import { RUN } from "../diagnostics/codes/run.ts";
import type { Range } from "../diagnostics/range.ts";
import { Decimal } from "../eval/decimal.ts";
import { marginalSum, tierIndex, type TierRow } from "../eval/tiers.ts";
import type { Ev } from "./frame.ts";
import { RunError } from "./run-error.ts";

/** A tiers table ready for calls. */
export interface PreparedTiers {
  readonly name: string;
  readonly rows: readonly TierRow[];
  readonly boundUnit: string | undefined;
}

/** The rows of a table as decimals, or null when the IR is malformed. */
export function prepareTiers(t: IrTiers): PreparedTiers | null {
  const rows: TierRow[] = [];
  for (const row of t.rows) {
    const low = Decimal.parse(row.low);
    const high = row.high === null ? null : Decimal.parse(row.high);
    const value = Decimal.parse(row.value);
    if (low === null || value === null || (row.high !== null && high === null)) return null;
    rows.push({ low, high, value });
  }
  return { name: t.name, rows, boundUnit: t.boundUnit };
}

/**
 * The closure of a tier/marginal call whose other arguments are `args`.
 * Every argument is evaluated before the function applies.
 */
export function tierCall(e: IrCall, args: readonly Ev[], table: PreparedTiers, range: Range): Ev {
  const text = e.text ?? e.fn;
  const show = (v: Decimal): string => (table.boundUnit === undefined ? v.toString() : `${v.toString()} ${table.boundUnit}`);
  const { rows, name } = table;
  if (e.fn === "tier") {
    const x = args[0]!;
    return (f) => {
      const v = x(f) as Decimal;
      const i = tierIndex(rows, v);
      if (i >= 0 && i < rows.length) return rows[i]!.value;
      const why = i < 0
        ? `is below the first tier of ${name}, which starts at ${show(rows[0]!.low)}`
        : `is at or above the end of the last tier of ${name} (${show(rows[rows.length - 1]!.high!)}), which has no onward entry`;
      throw new RunError(RUN.tierOutOfRange, `${text}: the value ${show(v)} ${why}`, range);
    };
  }
  const [base, amount] = args as [Ev, Ev];
  return (f) => {
    const b = base(f) as Decimal;
    const a = amount(f) as Decimal;
    if (a.isNegative()) {
      throw new RunError(
        RUN.marginalNegativeAmount,
        `${text}: the amount is ${show(a)} (on a base of ${show(b)}); it must not be negative, since a cumulative base does not go back`,
        range,
      );
    }
    return marginalSum(rows, b, a);
  };
}
