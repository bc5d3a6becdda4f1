/**
 * The redline's summary in sentences, one per payer → payee pair whose
 * payments changed: "NVIDIA Corporation pays Sharon AI $1,234,567.89 more
 * over the term, all under capacity_buyback, periods 7–12."
 */
import { Decimal } from "../eval/decimal.ts";
import { joinAnd, moneyWords } from "../explain/words.ts";
import type { MoneyReport } from "./report.ts";

/** `3`, `7–12`, `3, 7–12 and 15`: sorted period indices in runs. */
export function periodRanges(indices: readonly number[]): string {
  const sorted = [...new Set(indices)].sort((a, b) => a - b);
  const runs: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    runs.push(i === j ? `${sorted[i]}` : `${sorted[i]}–${sorted[j]}`);
    i = j + 1;
  }
  return `${sorted.length === 1 ? "period" : "periods"} ${joinAnd(runs)}`;
}

/** An amount with its direction: `$1,234.50 more`, `$80.00 less`. */
export function moreOrLess(delta: string, currency: string): string {
  const negative = delta.startsWith("-");
  return `${moneyWords(negative ? delta.slice(1) : delta, currency)} ${negative ? "less" : "more"}`;
}

type Report = Omit<MoneyReport, "summary">;

export function summarySentences(m: Report, parties: Readonly<Record<string, string>>): string[] {
  const name = (p: string) => parties[p] ?? p;
  const out: string[] = [];
  for (const pair of m.pairs) {
    const byClause = new Map<string, Decimal>();
    const periods: number[] = [];
    for (const p of m.periods) {
      for (const l of p.lines) {
        if (l.payer !== pair.payer || l.payee !== pair.payee) continue;
        byClause.set(l.clause, (byClause.get(l.clause) ?? Decimal.ZERO).add(Decimal.parse(l.delta)!));
        periods.push(p.index);
      }
    }
    if (periods.length === 0) continue;
    const who = `${name(pair.payer)} pays ${name(pair.payee)}`;
    const when = periodRanges(periods);
    if (Decimal.parse(pair.delta)!.isZero()) {
      out.push(`${who} the same over the term, but at different times: ${when}.`);
      continue;
    }
    const moved = [...byClause].filter(([, d]) => !d.isZero());
    const decimals = pair.delta.includes(".") ? pair.delta.length - pair.delta.indexOf(".") - 1 : 0;
    const under = moved.length === 1
      ? `all under ${moved[0]![0]}`
      : `under ${joinAnd(moved.map(([c, d]) => `${c} (${moreOrLess(d.toFixed(decimals), m.currency)})`))}`;
    out.push(`${who} ${moreOrLess(pair.delta, m.currency)} over the term, ${under}, ${when}.`);
  }
  return out;
}
