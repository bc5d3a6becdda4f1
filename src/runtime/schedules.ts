/**
 * Schedule lookup (docs/language.md §5 "schedule"): which entry of a step table applies to a
 * period. The IR gives each entry plain bounds, so the per-period lookup
 * is a scan of a few integer or string comparisons.
 *
 * - `by contract_year` / `by period`: whole-number bounds against the
 *   period's contract year / index;
 * - `by date`: ISO-date bounds against the period's start date (a single
 *   date matches the period that starts on it).
 * Overlaps are the checker's concern; the first matching entry wins.
 */
import type { IrSchedule } from "../ir/ir.ts";
import type { Period } from "../eval/periods.ts";

/** An entry's bounds: inclusive, `hi` null for `onward`. */
export interface EntryBounds {
  readonly lo: number | string;
  readonly hi: number | string | null;
}

/** The index of the first entry that applies to `period`, or −1 when none does. */
export function entryIndex(basis: IrSchedule["basis"], entries: readonly EntryBounds[], period: Period): number {
  if (basis === "date") {
    // ISO dates of four-digit years order as strings.
    const start = period.start;
    for (let i = 0; i < entries.length; i++) {
      const e = entries[i]!;
      if (start >= (e.lo as string) && (e.hi === null || start <= (e.hi as string))) return i;
    }
    return -1;
  }
  const key = basis === "contract_year" ? period.contractYear : period.index;
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i]!;
    if (key >= (e.lo as number) && (e.hi === null || key <= (e.hi as number))) return i;
  }
  return -1;
}
