/**
 * Netting and totals (docs/language.md §5 `settle net`, §12).
 *
 * - net: per period, the payments between each pair of parties are summed
 *   into one signed balance (in the direction of the pair's first line);
 *   one transfer per pair with a non-zero balance, from the party that owes
 *   on balance, in order of the pair's first appearance.
 * - totals: the paid amounts per ordered (payer, payee) over the run, in
 *   order of first appearance, including pairs whose lines were all cut to
 *   0.00 by a cap.
 */
import type { LedgerTotal, NetTransfer } from "../ledger/ledger.ts";
import { Decimal } from "../eval/decimal.ts";
import { formatMoney } from "./money.ts";
import type { MoneyRules } from "./money.ts";

export interface Payment {
  readonly payer: string;
  readonly payee: string;
  readonly amount: Decimal;
}

// A deal has a handful of parties, so pairs are few: a scan of a short
// list beats building string keys for a Map on every payment.

export function netTransfers(payments: readonly Payment[], rules: MoneyRules): NetTransfer[] {
  const pairs: { from: string; to: string; balance: Decimal }[] = [];
  for (const p of payments) {
    let found = false;
    for (const q of pairs) {
      if (q.from === p.payer && q.to === p.payee) {
        q.balance = q.balance.add(p.amount);
        found = true;
        break;
      }
      if (q.from === p.payee && q.to === p.payer) {
        q.balance = q.balance.sub(p.amount);
        found = true;
        break;
      }
    }
    if (!found) pairs.push({ from: p.payer, to: p.payee, balance: p.amount });
  }
  const out: NetTransfer[] = [];
  for (const { from, to, balance } of pairs) {
    if (balance.isZero()) continue;
    out.push(balance.isNegative()
      ? { from: to, to: from, amount: formatMoney(balance.neg(), rules) }
      : { from, to, amount: formatMoney(balance, rules) });
  }
  return out;
}

/** Running totals per ordered (payer, payee) pair. */
export class Totals {
  private readonly sums: { payer: string; payee: string; amount: Decimal }[] = [];

  add(p: Payment): void {
    for (const t of this.sums) {
      if (t.payer === p.payer && t.payee === p.payee) {
        t.amount = t.amount.add(p.amount);
        return;
      }
    }
    this.sums.push({ payer: p.payer, payee: p.payee, amount: p.amount });
  }

  result(rules: MoneyRules): LedgerTotal[] {
    return this.sums.map((t) => ({ payer: t.payer, payee: t.payee, amount: formatMoney(t.amount, rules) }));
  }

  /** The running sums, in order of first appearance (what a snapshot keeps). */
  list(): Payment[] {
    return this.sums.map((t) => ({ payer: t.payer, payee: t.payee, amount: t.amount }));
  }

  /** Totals that continue from sums listed in order of first appearance. */
  static of(sums: readonly Payment[]): Totals {
    const t = new Totals();
    for (const p of sums) t.add(p);
    return t;
  }
}
