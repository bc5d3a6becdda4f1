/**
 * The rows of a `tiers` table written back as source: `LOW to HIGH: VALUE`
 * or `LOW onward: VALUE`, one per line.
 *
 * Rows follow each other without a separator and a value extends as far as
 * an expression can, so a row's LOW must not read as the end of the value
 * above it. Brackets keep them apart, only where needed:
 * - a LOW starting with `-` (`1% - 5` would be a subtraction);
 * - a LOW starting with a name after a value ending in a plain number
 *   (`5 low` would read `low` as the number's unit);
 * - and then, when the bracketed LOW follows a value ending in a name or
 *   a unit, the value too (`x (-5)` would be a call, and a unit is only
 *   read as one when no `(` follows it).
 * The choice depends only on the tree, so formatting stays idempotent.
 */
import type { Expr, TierEntry } from "./ast.ts";

/** The printed rows, given how one expression prints. */
export function printTierRows(entries: readonly TierEntry[], print: (e: Expr) => string): string[] {
  const values = entries.map((entry) => print(entry.value));
  const lows = entries.map((entry, i) => {
    const low = print(entry.low);
    const previous = i === 0 ? null : values[i - 1]!;
    return previous !== null && (low.startsWith("-") || (/^[A-Za-z_]/.test(low) && endsWithPlainNumber(previous))) ? `(${low})` : low;
  });
  // A bracketed LOW after a value ending in a name: bracket the value too.
  for (let i = 1; i < entries.length; i++) {
    if (lows[i]!.startsWith("(") && endsWithName(entries[i - 1]!.value) && !values[i - 1]!.endsWith(")")) {
      values[i - 1] = `(${values[i - 1]})`;
    }
  }
  return entries.map((entry, i) => {
    const range = entry.high === null ? `${lows[i]} onward` : `${lows[i]} to ${print(entry.high)}`;
    return `${range}: ${values[i]}`;
  });
}

/** True when the printed value ends with a number literal written without `%` or a unit (`5`, `2 million`). */
function endsWithPlainNumber(text: string): boolean {
  return /(^|[^A-Za-z0-9_.])[0-9][0-9_.]*$/.test(text) || /(^|[^A-Za-z0-9_])(million|billion)$/.test(text);
}

/** True when the rightmost primary of `e` is a name or a number with a unit (which `(` after it would misread). */
function endsWithName(e: Expr): boolean {
  let x = e;
  for (;;) {
    switch (x.kind) {
      case "Binary": x = x.right; break;
      case "Unary": x = x.operand; break;
      case "IfExpr": x = x.else; break;
      default: return x.kind === "NameRef" || (x.kind === "NumberLit" && x.unit !== null);
    }
  }
}
