/**
 * Run-time values (docs/language.md §3), unboxed: the IR gives every expression its
 * static type, so a value is just its payload — a Decimal (number), a
 * boolean, a CalendarDate (date) or a Duration — and each operation is
 * specialized on the types once, when the program is prepared.
 *
 * Units are not carried at run time: the checker proved every operation
 * dimensionally sound, and the IR's name references carry their display
 * unit for traces.
 */
import type { ValueType } from "../ir/ir.ts";
import type { CalendarDate, Duration } from "../eval/dates.ts";
import { formatDate } from "../eval/dates.ts";
import type { Decimal } from "../eval/decimal.ts";

export type { Duration, DurationUnit } from "../eval/dates.ts";

/** The text of a value of a type: canonical decimal, ISO date, `true`/`false`, or the duration's count. */
export function valueText(type: ValueType, v: unknown): string {
  switch (type) {
    case "number": return (v as Decimal).toString();
    case "bool": return v ? "true" : "false";
    case "date": return formatDate(v as CalendarDate);
    case "duration": return (v as Duration).amount.toString();
  }
}
