/**
 * `tenor bound` (docs/risk.md "tenor bound", issue 12): for every clause and
 * every payer → payee pair, the most the ledger can total over the term
 * and in each contract year, found statically from the IR — every period
 * of the term run abstractly (./clause.ts) with the inputs inside their
 * declared ranges, then the periods summed under the caps and the events'
 * count bounds (./windows.ts).
 *
 * It is a proof, not an estimate: for any data `tenor run` accepts (inside
 * the declared ranges and counts, any number of the term's periods), each
 * ledger total is at most its bound (test/risk/bound-sound.test.ts). A
 * total with no finite bound says why, and is a warning (TN6101).
 */
import type { Diagnostic, Result } from "../../diagnostics/diagnostic.ts";
import { BOUND } from "../../diagnostics/codes/bound.ts";
import type { Range } from "../../diagnostics/range.ts";
import { Decimal } from "../../eval/decimal.ts";
import type { IrClause, TermsIr } from "../../ir/ir.ts";
import { termPeriods } from "../../runtime/term-periods.ts";
import { prepareTiers } from "../../runtime/tiers.ts";
import { isUnbounded, plus, smaller, sum, ZERO, type Amount } from "./amount.ts";
import { emptyPay, pairKey, runClause, type PeriodPay } from "./clause.ts";
import { BoundError, evaluate } from "./evaluate.ts";
import { PeriodValues } from "./period-values.ts";
import { unbounded, type Span } from "./span.ts";
import { spanOf } from "./values.ts";
import { capPeriods, capped, periodCounts, type CapTops, type Windows } from "./windows.ts";

/** The most paid over the term and in each contract year (in `BoundReport.contractYears` order). */
export interface Totals {
  readonly term: Amount;
  readonly contractYears: readonly Amount[];
}

export interface PairBound extends Totals {
  readonly payer: string;
  readonly payee: string;
}

export interface ClauseBound extends Totals {
  readonly name: string;
  readonly title: string;
  readonly range: Range;
  /** Each pair the clause can pay, in the order its statements name them. */
  readonly pairs: readonly PairBound[];
}

export interface BoundReport {
  readonly deal: string;
  readonly currency: string;
  /** The currency's minor unit: every amount is a whole number of it. */
  readonly decimals: number;
  /** The term's contract years, 1-based. */
  readonly contractYears: readonly number[];
  readonly clauses: readonly ClauseBound[];
  /** Each pair over all clauses: the ledger's `totals`. */
  readonly pairs: readonly PairBound[];
}

/** The bound of a checked program's IR (lowered: `lowerProgram(checked)`). */
export function boundTerms(ir: TermsIr): Result<BoundReport> {
  const header = ir.header;
  const term = termPeriods(header.term);
  const periods = term.periods;
  const tiers = (ir.tiers ?? []).map(prepareTiers);
  const values = periods.map((p) => new PeriodValues(ir, p, term.factsOf(p), tiers));
  const w: Windows = { periods, events: header.events.map((e) => ({ name: e.name, ...(e.limit === undefined ? {} : { limit: e.limit }) })) };
  const counts = periodCounts(w.events);
  const decimals = header.currency.decimals;
  const years = [...new Set(periods.map((p) => p.contractYear))];
  const yearAt = years.map((y) => periods.flatMap((p, i) => (p.contractYear === y ? [i] : [])));
  const all = periods.map((_, i) => i);
  const diagnostics: Diagnostic[] = [];
  const floor = (a: Amount): Amount => (isUnbounded(a) ? a : a.round(decimals, "down"));

  const clauses = ir.clauses.map((clause): ClauseBound => {
    const range = { start: clause.range[0], end: clause.range[1] };
    let series: ClauseSeries;
    try {
      series = clauseSeries(ir, clause, values, counts, decimals);
    } catch (error) {
      if (!(error instanceof BoundError)) throw error;
      const why = { unbounded: error.message };
      diagnostics.push({ code: BOUND.clauseNotAnalysed, severity: "warning", message: `clause ${clause.name} could not be bounded: ${error.message}`, range });
      return { name: clause.name, title: clause.title, range, pairs: [], term: why, contractYears: years.map(() => why) };
    }
    const whole = capPeriods(series.total, series.caps, counts);
    const totalOf = (at: readonly number[]): Amount => floor(capped(w, whole, at, series.caps));
    const term = totalOf(all);
    const contractYears = yearAt.map(totalOf);
    const pairs = [...series.pairs].map(([key, s]): PairBound => {
      const [payer, payee] = key.split("\u0000") as [string, string];
      const own = capPeriods(s, series.caps, counts);
      const of = (at: readonly number[], clauseTotal: Amount): Amount => smaller(floor(capped(w, own, at, series.caps)), clauseTotal);
      return { payer, payee, term: of(all, term), contractYears: yearAt.map((at, i) => of(at, contractYears[i]!)) };
    });
    if (isUnbounded(term)) {
      diagnostics.push({
        code: BOUND.clauseUnbounded,
        severity: "warning",
        message: `clause ${clause.name} has no finite bound: ${term.unbounded}`,
        range,
      });
    }
    return { name: clause.name, title: clause.title, range, pairs, term, contractYears };
  });

  return {
    value: { deal: header.title, currency: header.currency.code, decimals, contractYears: years, clauses, pairs: pairTotals(clauses) },
    diagnostics,
  };
}

interface ClauseSeries {
  /** Per pair, per period of the term: the most paid. */
  readonly pairs: Map<string, PeriodPay[]>;
  /** The clause's lines together, per period. */
  readonly total: PeriodPay[];
  readonly caps: CapTops;
}

/** Every period of the term run abstractly for one clause, its balances carried from period to period. */
function clauseSeries(ir: TermsIr, clause: IrClause, values: readonly PeriodValues[], counts: readonly Amount[], decimals: number): ClauseSeries {
  const first = values[0];
  let balances: Span[] = clause.balances.map((b) => (first === undefined ? unbounded("no period") : spanOf(evaluate(b.initial, first))));
  const pairs = new Map<string, PeriodPay[]>();
  const total: PeriodPay[] = [];
  const eventName = (k: number): string => ir.header.events[k]?.name ?? "event";
  values.forEach((v, i) => {
    const open = (clause.from === null || v.period.start >= clause.from) && (clause.until === null || v.period.start <= clause.until);
    const out = new Map<string, PeriodPay>();
    if (open) {
      const state = [...balances];
      runClause(clause, v, counts, decimals, state, out, eventName);
      balances = state;
    }
    const sumPay = emptyPay();
    for (const [key, pay] of out) {
      let s = pairs.get(key);
      if (s === undefined) pairs.set(key, (s = []));
      s[i] = pay;
      sumPay.base = plus(sumPay.base, pay.base);
      for (const [k, m] of pay.perEvent) sumPay.perEvent.set(k, plus(sumPay.perEvent.get(k) ?? ZERO, m));
    }
    total[i] = sumPay;
  });
  for (const s of pairs.values()) for (let i = 0; i < values.length; i++) s[i] ??= emptyPay();
  const tops = (window: "term" | "contract_year" | "period"): Amount[] | null => {
    const cap = clause.caps.find((c) => c.window === window);
    if (cap === undefined) return null;
    return values.map((v) => {
      const hi = spanOf(evaluate(cap.amount, v));
      return hi.hi === null ? { unbounded: hi.whyHi ?? "the cap has no upper bound" } : Decimal.max(hi.hi, Decimal.ZERO);
    });
  };
  return { pairs, total, caps: { term: tops("term"), contractYear: tops("contract_year"), period: tops("period") } };
}

/** Each pair over all clauses, in order of first appearance: the sum of its bounds in each clause. */
function pairTotals(clauses: readonly ClauseBound[]): PairBound[] {
  const order: string[] = [];
  const found = new Map<string, PairBound[]>();
  for (const c of clauses) {
    for (const p of c.pairs) {
      const key = pairKey(p.payer, p.payee);
      if (!found.has(key)) {
        order.push(key);
        found.set(key, []);
      }
      found.get(key)!.push(p);
    }
  }
  return order.map((key) => {
    const parts = found.get(key)!;
    const { payer, payee } = parts[0]!;
    const years = parts[0]!.contractYears.map((_, i) => sum(parts.map((p) => p.contractYears[i]!)));
    return { payer, payee, term: sum(parts.map((p) => p.term)), contractYears: years };
  });
}
