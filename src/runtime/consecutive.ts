/**
 * `when COND for N consecutive periods` (docs/language.md §7 "when … for N consecutive periods"): holds in a period when
 * COND holds in it and in the N−1 periods before it. COND is observed in
 * every period of the run, whatever encloses the `when` and whether or not
 * the clause's window is open, so the history is never interrupted by the
 * clause being idle. A gap in the observed periods (a test block may list
 * periods 1 and 5 only) breaks the streak: what happened in between is unknown.
 *
 * The state is a plain record per condition so a snapshot can carry it.
 */

export interface Streak {
  /** Periods in a row, ending with the latest observed one, in which the condition held (at most N). */
  count: number;
  /** The index of the period observed last; 0 before any. */
  last: number;
}

export function newStreak(): Streak {
  return { count: 0, last: 0 };
}

/** Records the condition's value in period `index`; call once per period, in period order. */
export function observe(s: Streak, n: number, index: number, held: boolean): void {
  const follows = s.last !== 0 && s.last === index - 1;
  s.last = index;
  // Streaks stop growing at N: only "at least N" matters.
  s.count = held ? Math.min((follows ? s.count : 0) + 1, n) : 0;
}

/** Whether the condition held in the latest observed period and the N−1 before it. */
export function holds(s: Streak | undefined, n: number): boolean {
  return s !== undefined && s.last !== 0 && s.count >= n;
}
