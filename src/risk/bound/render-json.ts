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

/** One bound as JSON: money text, or null and why. */
export interface AmountJson {
  readonly amount: string | null;
  readonly unbounded?: string;
}

export interface TotalsJson {
  readonly term: AmountJson;
  readonly contract_years: readonly (AmountJson & { readonly contract_year: number })[];
}

export interface PairJson extends TotalsJson {
  readonly payer: string;
  readonly payee: string;
}

/** `tenor bound --format json`: plain data (structured-clone safe: the playground's worker sends it). */
export interface BoundJson {
  readonly deal: string;
  readonly currency: string;
  readonly clauses: readonly (TotalsJson & { readonly clause: string; readonly title: string; readonly pairs: readonly PairJson[] })[];
  readonly totals: readonly PairJson[];
}

function totalsJson(t: Totals, report: BoundReport): TotalsJson {
  const one = (a: Amount): AmountJson => (isUnbounded(a) ? { amount: null, unbounded: a.unbounded } : { amount: a.toFixed(report.decimals) });
  return {
    term: one(t.term),
    contract_years: report.contractYears.map((y, i) => ({ contract_year: y, ...one(t.contractYears[i]!) })),
  };
}

export function boundJson(report: BoundReport): BoundJson {
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
