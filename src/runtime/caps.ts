/**
 * Caps (docs/language.md §7 "cap", §9): `cap AMOUNT over term | per contract_year | per
 * period` bounds a clause's total payments in that window. A clause may
 * have several caps; a payment is cut to the smallest headroom, and what
 * is paid counts against every one of them.
 *
 * Cap amounts are evaluated per period (they may use consts, schedules,
 * inputs and period facts). The headroom never goes below zero (a cap that
 * shrinks under what was already paid leaves nothing) and is rounded down
 * to the currency's minor unit, so a cut amount never exceeds the cap.
 *
 * The running totals live in plain records (`CapUse`) owned by the
 * engine's state, so they can be written to and read from a snapshot.
 */
import type { IrCap } from "../ir/ir.ts";
import { Decimal } from "../eval/decimal.ts";
import type { Period } from "../eval/periods.ts";

export type CapWindow = IrCap["window"];

/** What one cap has counted so far in its current window. */
export interface CapUse {
  /** Which window the running total belongs to: the contract year, the period index, or 0 for the term. */
  key: number;
  paid: Decimal;
}

export function windowKey(window: CapWindow, period: Period): number {
  switch (window) {
    case "term": return 0;
    case "contract_year": return period.contractYear;
    case "period": return period.index;
  }
}

/** The use of cap `i` in the window containing `period`, starting afresh in a new window. */
export function capUse(uses: (CapUse | null)[], i: number, window: CapWindow, period: Period): CapUse {
  const key = windowKey(window, period);
  let u = uses[i];
  if (u === null || u === undefined) {
    u = { key, paid: Decimal.ZERO };
    uses[i] = u;
  } else if (u.key !== key) {
    u.key = key;
    u.paid = Decimal.ZERO;
  }
  return u;
}

/**
 * The smallest headroom over a clause's caps in this period, rounded down
 * to `decimals`; `amountOf(i)` gives cap i's amount for the period. Null
 * when the clause has no cap.
 */
export function headroom(
  windows: readonly CapWindow[],
  uses: (CapUse | null)[],
  period: Period,
  amountOf: (i: number) => Decimal,
  decimals: number,
): Decimal | null {
  let least: Decimal | null = null;
  for (let i = 0; i < windows.length; i++) {
    const left = Decimal.max(amountOf(i).sub(capUse(uses, i, windows[i]!, period).paid), Decimal.ZERO);
    if (least === null || left.lt(least)) least = left;
  }
  return least === null ? null : least.round(decimals, "down");
}

/** Counts a paid amount against every cap of the clause. */
export function recordPaid(windows: readonly CapWindow[], uses: (CapUse | null)[], period: Period, amount: Decimal): void {
  for (let i = 0; i < windows.length; i++) {
    const u = capUse(uses, i, windows[i]!, period);
    u.paid = u.paid.add(amount);
  }
}
