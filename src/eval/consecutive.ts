/**
 * `when COND for N consecutive periods` (brief §5): holds in a period when
 * COND holds in it and in the N−1 periods before it. COND is observed in
 * every period of the run, whatever encloses the `when` and whether or not
 * the clause's window is open, so the history is never interrupted by the
 * clause being idle. A gap in the observed periods (a test block may list
 * periods 1 and 5 only) breaks the streak: what happened in between is unknown.
 */
import type { WhenStmt } from "../syntax/ast.ts";
import type { ConsecutiveWhen } from "./program-plan.ts";

export class ConsecutiveHistory {
  /** Periods in a row, ending with the latest observed one, in which the condition held. */
  private readonly streaks = new Map<WhenStmt, number>();
  private readonly n = new Map<WhenStmt, number>();
  /** The index of the period observed last, per condition. */
  private readonly lastIndex = new Map<WhenStmt, number>();

  /** Records the condition's value in period `index`; call once per period, in period order. */
  observe(c: ConsecutiveWhen, index: number, held: boolean): void {
    this.n.set(c.stmt, c.n);
    const follows = this.lastIndex.get(c.stmt) === index - 1;
    this.lastIndex.set(c.stmt, index);
    // Streaks stop growing at N: only "at least N" matters.
    const before = follows ? (this.streaks.get(c.stmt) ?? 0) : 0;
    this.streaks.set(c.stmt, held ? Math.min(before + 1, c.n) : 0);
  }

  /** Whether the condition held in the latest observed period and the N−1 before it. */
  holds(stmt: WhenStmt): boolean {
    const n = this.n.get(stmt);
    return n !== undefined && (this.streaks.get(stmt) ?? 0) >= n;
  }
}
