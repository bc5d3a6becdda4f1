/**
 * Schedule lookup (brief §5): which entry of a step table applies to a
 * period. Keys are resolved to plain bounds once per program, so the
 * per-period lookup is a scan of a few integer or string comparisons.
 *
 * - `by contract_year` / `by period`: `year N`, `year N to M`, `year N onward`
 *   against the period's contract year / index;
 * - `by date`: `DATE`, `DATE to DATE`, `DATE onward` against the period's
 *   start date (a single date matches the period that starts on it).
 * Overlaps are the checker's concern; the first matching entry wins.
 */
import type { ScheduleDecl, ScheduleEntry } from "../syntax/ast.ts";
import type { Period } from "./periods.ts";

interface IndexBound {
  readonly lo: number;
  /** Inclusive; Infinity for `onward`. */
  readonly hi: number;
  readonly entry: ScheduleEntry;
}
interface DateBound {
  readonly lo: string;
  /** Inclusive ISO date; null for `onward`. */
  readonly hi: string | null;
  readonly entry: ScheduleEntry;
}

/** Finds the entry of one schedule for a period. */
export interface ScheduleMatcher {
  entryFor(period: Period): ScheduleEntry | null;
}

function wholeNumber(digits: string): number {
  // Keys are whole-number literals (checked); anything else matches nothing.
  return /^\d+$/.test(digits) ? Number(digits) : Number.NaN;
}

export function scheduleMatcher(decl: ScheduleDecl): ScheduleMatcher {
  if (decl.basis === "date") {
    const bounds: DateBound[] = [];
    for (const entry of decl.entries) {
      const k = entry.key;
      if (k.kind !== "DateKey") continue;
      bounds.push({ lo: k.from.text, hi: k.onward ? null : (k.to ?? k.from).text, entry });
    }
    return {
      entryFor(period) {
        // ISO dates of four-digit years order as strings.
        const s = period.start;
        for (const b of bounds) if (s >= b.lo && (b.hi === null || s <= b.hi)) return b.entry;
        return null;
      },
    };
  }
  const bounds: IndexBound[] = [];
  for (const entry of decl.entries) {
    const k = entry.key;
    if (k.kind !== "IndexKey") continue;
    const lo = wholeNumber(k.from.digits);
    bounds.push({ lo, hi: k.onward ? Infinity : k.to ? wholeNumber(k.to.digits) : lo, entry });
  }
  const byYear = decl.basis === "contract_year";
  return {
    entryFor(period) {
      const key = byYear ? period.contractYear : period.index;
      for (const b of bounds) if (key >= b.lo && key <= b.hi) return b.entry;
      return null;
    },
  };
}
