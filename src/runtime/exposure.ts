/**
 * Cap headroom after a settled period (a service's `exposure` read): for
 * each cap of each clause, the window it counts in, what was paid in that
 * window, the cap's amount as the last settled period evaluated it, and
 * what is left. The amount is evaluated exactly as settling evaluates it
 * (caps may use inputs and period facts), in the frame of that period.
 */
import { Decimal } from "../eval/decimal.ts";
import { windowKey, type CapWindow } from "./caps.ts";
import type { PeriodInput } from "./engine.ts";
import { Frame, type Memo } from "./frame.ts";
import { formatMoney } from "./money.ts";
import { fromSnapshot, type Snapshot } from "./snapshot.ts";
import type { Terms } from "./terms.ts";

export interface CapExposure {
  readonly clause: string;
  /** The cap's place in the clause, from 1. */
  readonly cap: number;
  readonly window: CapWindow;
  /** Which window: 0 for the term, the contract year, or the period index. */
  readonly windowKey: number;
  /** Paid in that window so far, exact to the currency. */
  readonly paid: string;
  /** The cap's amount in the last settled period; null when it could not be evaluated there. */
  readonly amount: string | null;
  /** What the cap still allows in the window (never below zero, rounded down to the currency). */
  readonly headroom: string | null;
}

/** The caps' exposure after `last` was settled, `snapshot` being the state after it. */
export function capExposure(terms: Terms, snapshot: Snapshot | string, last: PeriodInput): CapExposure[] {
  const program = terms.program;
  const state = fromSnapshot(program, terms.irSha256, snapshot);
  const period = last.period;
  const frame = new Frame(period, program.factsOf(period), last.inputs, last.events, program.constCount, program.scheduleCount);
  const rules = program; // the currency's decimals and the deal's rounding
  const out: CapExposure[] = [];
  program.clauses.forEach((clause, ci) => {
    if (clause.capWindows.length === 0) return;
    frame.lets = new Array<Memo | undefined>(clause.letCount);
    frame.balances = state.balances[ci]!.map((b, i) => b ?? (clause.balanceInitials[i]!(frame) as Decimal));
    clause.capWindows.forEach((window, i) => {
      const key = windowKey(window, period);
      const use = state.caps[ci]![i];
      const paid = use !== null && use !== undefined && use.key === key ? use.paid : Decimal.ZERO;
      let amount: Decimal | null;
      try {
        amount = clause.capAmounts[i]!(frame) as Decimal;
      } catch {
        amount = null; // e.g. a cap that divides by an input that was zero in that period
      }
      out.push({
        clause: clause.name,
        cap: i + 1,
        window,
        windowKey: key,
        paid: formatMoney(paid, rules),
        amount: amount === null ? null : formatMoney(amount.round(rules.decimals, "down"), rules),
        headroom: amount === null ? null : formatMoney(Decimal.max(amount.sub(paid), Decimal.ZERO).round(rules.decimals, "down"), rules),
      });
    });
  });
  return out;
}
