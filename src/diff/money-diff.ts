/**
 * The money half of `tenor diff`: two ledgers of the same data, subtracted
 * line by line. Periods are matched by their first day (a moved term
 * leaves some periods in one version only: the other pays nothing there);
 * lines by clause and payer → payee. Amounts stay exact decimal text,
 * added and subtracted with the project's Decimal.
 */
import { Decimal } from "../eval/decimal.ts";
import type { Ledger, LedgerPeriod } from "../ledger/ledger.ts";
import type { ClauseMoney, GrantChange, LineMoney, MoneyChange, MoneyReport, PairMoney, PeriodMoney } from "./report.ts";
import { summarySentences } from "./summary.ts";

/** A sum kept exact, printed with the currency's decimals. */
class Sum {
  private value = Decimal.ZERO;
  add(text: string): void {
    this.value = this.value.add(parse(text));
  }
  get(): Decimal {
    return this.value;
  }
}

function parse(text: string): Decimal {
  const d = Decimal.parse(text);
  if (d === null) throw new Error(`tenor diff: the ledger amount ${JSON.stringify(text)} is not a decimal`);
  return d;
}

function moneyChange(old: Decimal, now: Decimal, decimals: number): MoneyChange {
  return { old: old.toFixed(decimals), new: now.toFixed(decimals), delta: now.sub(old).toFixed(decimals) };
}

/** Old and new sums under one key, in first-seen order (new version first). */
class Pairs<K> {
  private readonly keys: string[] = [];
  private readonly byKey = new Map<string, { key: K; old: Sum; new: Sum }>();
  at(id: string, key: K): { old: Sum; new: Sum } {
    let entry = this.byKey.get(id);
    if (entry === undefined) {
      entry = { key, old: new Sum(), new: new Sum() };
      this.byKey.set(id, entry);
      this.keys.push(id);
    }
    return entry;
  }
  entries(): { key: K; old: Decimal; new: Decimal }[] {
    return this.keys.map((id) => {
      const e = this.byKey.get(id)!;
      return { key: e.key, old: e.old.get(), new: e.new.get() };
    });
  }
}

const lineId = (clause: string, payer: string, payee: string) => JSON.stringify([clause, payer, payee]);

function periodLines(period: LedgerPeriod | undefined, side: "old" | "new", into: Pairs<{ clause: string; payer: string; payee: string }>): void {
  for (const l of period?.lines ?? []) into.at(lineId(l.clause, l.payer, l.payee), { clause: l.clause, payer: l.payer, payee: l.payee })[side].add(l.amount);
}

/** Clause titles from both ledgers: the new title wins. */
function titles(oldLedger: Ledger, newLedger: Ledger): Map<string, string> {
  const out = new Map<string, string>();
  for (const ledger of [oldLedger, newLedger]) for (const p of ledger.periods) for (const l of p.lines) out.set(l.clause, l.title);
  return out;
}

/**
 * The money delta of two ledgers of the same data (`tenor run` of each
 * version). `decimals` is the currency's (2 for USD); `parties` gives the
 * legal names the summary sentences use.
 */
export function diffLedgers(oldLedger: Ledger, newLedger: Ledger, decimals: number, parties: Readonly<Record<string, string>>): MoneyReport {
  const oldPeriods = new Map(oldLedger.periods.map((p) => [p.start, p]));
  const newPeriods = new Map(newLedger.periods.map((p) => [p.start, p]));
  const starts = [...new Set([...oldLedger.periods.map((p) => p.start), ...newLedger.periods.map((p) => p.start)])].sort();

  const clauses = new Pairs<string>();
  const clausePresence = new Map<string, Set<"old" | "new">>();
  const pairs = new Pairs<{ payer: string; payee: string }>();
  const grants = new Pairs<{ clause: string; grantor: string; grantee: string; instrument: string }>();
  const total = { old: new Sum(), new: new Sum() };
  const periods: PeriodMoney[] = [];

  // The new version's clauses first, so the tables read in its order.
  for (const [side, ledger] of [["new", newLedger], ["old", oldLedger]] as const) {
    for (const p of ledger.periods) {
      for (const l of p.lines) {
        clauses.at(l.clause, l.clause)[side].add(l.amount);
        (clausePresence.get(l.clause) ?? clausePresence.set(l.clause, new Set()).get(l.clause)!).add(side);
        pairs.at(JSON.stringify([l.payer, l.payee]), { payer: l.payer, payee: l.payee })[side].add(l.amount);
        total[side].add(l.amount);
      }
      for (const g of p.grants) {
        const key = { clause: g.clause, grantor: g.grantor, grantee: g.grantee, instrument: g.instrument };
        grants.at(JSON.stringify(key), key)[side].add(g.quantity);
      }
    }
  }

  for (const start of starts) {
    const o = oldPeriods.get(start);
    const n = newPeriods.get(start);
    const lines = new Pairs<{ clause: string; payer: string; payee: string }>();
    periodLines(n, "new", lines);
    periodLines(o, "old", lines);
    const changed: LineMoney[] = [];
    const sum = { old: Decimal.ZERO, new: Decimal.ZERO };
    for (const e of lines.entries()) {
      sum.old = sum.old.add(e.old);
      sum.new = sum.new.add(e.new);
      if (!e.old.eq(e.new)) changed.push({ ...e.key, ...moneyChange(e.old, e.new, decimals) });
    }
    if (changed.length === 0) continue;
    periods.push({ index: (n ?? o)!.index, start, lines: changed, ...moneyChange(sum.old, sum.new, decimals) });
  }

  const title = titles(oldLedger, newLedger);
  const clauseRows: ClauseMoney[] = clauses.entries().map((e) => {
    const seen = clausePresence.get(e.key)!;
    return { clause: e.key, title: title.get(e.key) ?? e.key, presence: seen.size === 2 ? "both" : seen.has("new") ? "new" : "old", ...moneyChange(e.old, e.new, decimals) };
  });
  const pairRows: PairMoney[] = pairs.entries().map((e) => ({ ...e.key, ...moneyChange(e.old, e.new, decimals) }));
  const grantRows: GrantChange[] = grants.entries()
    .filter((e) => !e.old.eq(e.new))
    .map((e) => ({ ...e.key, old: e.old.toString(), new: e.new.toString(), delta: e.new.sub(e.old).toString() }));
  const report = {
    currency: newLedger.currency,
    clauses: clauseRows,
    pairs: pairRows,
    periods,
    grants: grantRows,
    total: moneyChange(total.old.get(), total.new.get(), decimals),
  };
  return { ...report, summary: summarySentences(report, parties) };
}

/** True when no amount and no grant differs. */
export function moneyEqual(m: MoneyReport): boolean {
  return m.periods.length === 0 && m.grants.length === 0;
}
