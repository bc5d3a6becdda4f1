/**
 * `when COND for N consecutive periods` (brief §5): holds in a period when
 * COND holds in it and in the N−1 periods before it. COND is observed in
 * every period of the run, whatever encloses the `when` and whether or not
 * the clause's window is open, so the history is never interrupted by the
 * clause being idle.
 */
import type { WhenStmt } from "../syntax/ast.ts";
import type { ConsecutiveWhen } from "./program-plan.ts";

export class ConsecutiveHistory {
  /** Periods in a row, ending with the latest observed one, in which the condition held. */
  private readonly streaks = new Map<WhenStmt, number>();
  private readonly n = new Map<WhenStmt, number>();

  /** Records this period's value of the condition; call once per period, in period order. */
  observe(c: ConsecutiveWhen, held: boolean): void {
    this.n.set(c.stmt, c.n);
    // Streaks stop growing at N: only "at least N" matters.
    this.streaks.set(c.stmt, held ? Math.min((this.streaks.get(c.stmt) ?? 0) + 1, c.n) : 0);
  }

  /** Whether the condition held in the latest observed period and the N−1 before it. */
  holds(stmt: WhenStmt): boolean {
    const n = this.n.get(stmt);
    return n !== undefined && (this.streaks.get(stmt) ?? 0) >= n;
  }
}
