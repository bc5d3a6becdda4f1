/**
 * `tenor bound --format json`: the report as plain JSON. Money is a string
 * with exactly the currency's decimals (as the ledger's, docs/language.md
 * §12); an unbounded amount is null beside `unbounded`, the reason.
 */
import { isUnbounded, type Amount } from "./amount.ts";
import type { BoundReport, Totals } from "./bound.ts";

/** An amount as the ledger writes money, or null when unbounded. */
export function formatAmount(a: Amount, decimals: number): string | null {
  return isUnbounded(a) ? null : a.toFixed(decimals);
}

function totalsJson(t: Totals, report: BoundReport): object {
  const one = (a: Amount): object => (isUnbounded(a) ? { amount: null, unbounded: a.unbounded } : { amount: a.toFixed(report.decimals) });
  return {
    term: one(t.term),
    contract_years: report.contractYears.map((y, i) => ({ contract_year: y, ...one(t.contractYears[i]!) })),
  };
}

export function boundJson(report: BoundReport): object {
  return {
    deal: report.deal,
    currency: report.currency,
    clauses: report.clauses.map((c) => ({
      clause: c.name,
      title: c.title,
      ...totalsJson(c, report),
      pairs: c.pairs.map((p) => ({ payer: p.payer, payee: p.payee, ...totalsJson(p, report) })),
    })),
    totals: report.pairs.map((p) => ({ payer: p.payer, payee: p.payee, ...totalsJson(p, report) })),
  };
}
