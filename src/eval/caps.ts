/**
 * Caps (brief §5, §6.3): `cap AMOUNT over term | per contract_year | per
 * period` bounds a clause's total payments in that window. A clause may
 * have several caps; a payment is cut to the smallest headroom, and what
 * is paid counts against every one of them.
 *
 * Cap amounts are evaluated per period (they may use consts, schedules,
 * inputs and period facts). The headroom never goes below zero (a cap that
 * shrinks under what was already paid leaves nothing) and is rounded down
 * to the currency's minor unit, so a cut amount never exceeds the cap.
 */
import type { CapStmt, CapWindow } from "../syntax/ast.ts";
import { Decimal } from "./decimal.ts";
import type { MoneyRules } from "./money.ts";
import type { Period } from "./periods.ts";

interface WindowState {
  /** Which window the running total belongs to (contract year, period index, or 0 for the term). */
  key: number;
  paid: Decimal;
}

function windowKey(window: CapWindow, period: Period): number {
  switch (window) {
    case "term": return 0;
    case "contract_year": return period.contractYear;
    case "period": return period.index;
  }
}

/** The running totals of one clause's caps over a run. */
export class ClauseCaps {
  private readonly state = new Map<CapStmt, WindowState>();

  constructor(private readonly caps: readonly CapStmt[], private readonly rules: MoneyRules) {}

  get isEmpty(): boolean {
    return this.caps.length === 0;
  }

  private paidIn(cap: CapStmt, period: Period): WindowState {
    const key = windowKey(cap.window, period);
    let s = this.state.get(cap);
    if (s === undefined) {
      s = { key, paid: Decimal.ZERO };
      this.state.set(cap, s);
    } else if (s.key !== key) {
      s.key = key;
      s.paid = Decimal.ZERO;
    }
    return s;
  }

  /** The smallest headroom over the clause's caps in this period; null when the clause has none. */
  headroom(period: Period, amountOf: (cap: CapStmt) => Decimal): Decimal | null {
    let least: Decimal | null = null;
    for (const cap of this.caps) {
      const left = Decimal.max(amountOf(cap).sub(this.paidIn(cap, period).paid), Decimal.ZERO);
      if (least === null || left.lt(least)) least = left;
    }
    return least === null ? null : least.round(this.rules.decimals, "down");
  }

  /** Counts a paid amount against every cap of the clause. */
  record(period: Period, amount: Decimal): void {
    for (const cap of this.caps) {
      const s = this.paidIn(cap, period);
      s.paid = s.paid.add(amount);
    }
  }
}
