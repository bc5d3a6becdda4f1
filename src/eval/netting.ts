/**
 * Netting and totals (brief §5 `settle net`, §7).
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
import { Decimal } from "./decimal.ts";
import { formatMoney } from "./money.ts";
import type { MoneyRules } from "./money.ts";

export interface Payment {
  readonly payer: string;
  readonly payee: string;
  readonly amount: Decimal;
}

// Party names are identifiers, so a space never occurs inside one.
function orderedKey(a: string, b: string): string {
  return `${a} ${b}`;
}

export function netTransfers(payments: readonly Payment[], rules: MoneyRules): NetTransfer[] {
  const pairs = new Map<string, { from: string; to: string; balance: Decimal }>();
  for (const p of payments) {
    const forward = pairs.get(orderedKey(p.payer, p.payee));
    if (forward) {
      forward.balance = forward.balance.add(p.amount);
      continue;
    }
    const backward = pairs.get(orderedKey(p.payee, p.payer));
    if (backward) {
      backward.balance = backward.balance.sub(p.amount);
      continue;
    }
    pairs.set(orderedKey(p.payer, p.payee), { from: p.payer, to: p.payee, balance: p.amount });
  }
  const out: NetTransfer[] = [];
  for (const { from, to, balance } of pairs.values()) {
    if (balance.isZero()) continue;
    out.push(balance.isNegative()
      ? { from: to, to: from, amount: formatMoney(balance.neg(), rules) }
      : { from, to, amount: formatMoney(balance, rules) });
  }
  return out;
}

/** Running totals per ordered (payer, payee) pair. */
export class Totals {
  private readonly sums = new Map<string, { payer: string; payee: string; amount: Decimal }>();

  add(p: Payment): void {
    const key = orderedKey(p.payer, p.payee);
    const t = this.sums.get(key);
    if (t) t.amount = t.amount.add(p.amount);
    else this.sums.set(key, { payer: p.payer, payee: p.payee, amount: p.amount });
  }

  result(rules: MoneyRules): LedgerTotal[] {
    return [...this.sums.values()].map((t) => ({ payer: t.payer, payee: t.payee, amount: formatMoney(t.amount, rules) }));
  }
}
