/**
 * What each clause came to in a ledger: per payer → payee, the sum of its
 * paid amounts (exact, with the currency's decimals, as the ledger writes
 * them), how many lines and how many of them a cap cut; per grantor →
 * grantee and instrument, the quantities granted. The language server shows
 * this above each clause and in its hover (docs/editors.md).
 */
import { Decimal } from "../eval/decimal.ts";
import type { Ledger } from "../ledger/ledger.ts";
import { groupDigits } from "../text/group-digits.ts";

export interface PaymentTotal {
  readonly payer: string;
  readonly payee: string;
  /** Decimal text with the currency's decimals, like the ledger's amounts. */
  readonly amount: string;
  readonly lines: number;
  readonly capped: number;
}

export interface GrantTotal {
  readonly grantor: string;
  readonly grantee: string;
  readonly instrument: string;
  readonly quantity: string;
}

export interface ClauseTotal {
  readonly clause: string;
  readonly payments: readonly PaymentTotal[];
  readonly grants: readonly GrantTotal[];
}

/** Places after the point in a decimal text (`12.50` → 2). */
function places(text: string): number {
  const dot = text.indexOf(".");
  return dot < 0 ? 0 : text.length - dot - 1;
}

interface Sum {
  total: Decimal;
  places: number;
  lines: number;
  capped: number;
}

function addTo(sums: Map<string, Sum>, key: string, amount: string, capped: boolean): void {
  const value = Decimal.parse(amount) ?? Decimal.ZERO;
  const sum = sums.get(key) ?? { total: Decimal.ZERO, places: 0, lines: 0, capped: 0 };
  sum.total = sum.total.add(value);
  sum.places = Math.max(sum.places, places(amount));
  sum.lines += 1;
  if (capped) sum.capped += 1;
  sums.set(key, sum);
}

const SEP = "\u0000";

/** Every clause with a line or grant in the ledger, by name, in the order they first appear. */
export function clauseTotals(ledger: Ledger): Map<string, ClauseTotal> {
  const payments = new Map<string, Map<string, Sum>>();
  const grants = new Map<string, Map<string, Sum>>();
  const clauses: string[] = [];
  const seen = (clause: string) => {
    if (!clauses.includes(clause)) clauses.push(clause);
  };
  for (const period of ledger.periods) {
    for (const line of period.lines) {
      seen(line.clause);
      if (!payments.has(line.clause)) payments.set(line.clause, new Map());
      addTo(payments.get(line.clause)!, [line.payer, line.payee].join(SEP), line.amount, line.capped);
    }
    for (const grant of period.grants) {
      seen(grant.clause);
      if (!grants.has(grant.clause)) grants.set(grant.clause, new Map());
      addTo(grants.get(grant.clause)!, [grant.grantor, grant.grantee, grant.instrument].join(SEP), grant.quantity, false);
    }
  }
  const out = new Map<string, ClauseTotal>();
  for (const clause of clauses) {
    out.set(clause, {
      clause,
      payments: [...(payments.get(clause) ?? new Map<string, Sum>())].map(([key, s]) => {
        const [payer, payee] = key.split(SEP) as [string, string];
        return { payer, payee, amount: s.total.toFixed(s.places), lines: s.lines, capped: s.capped };
      }),
      grants: [...(grants.get(clause) ?? new Map<string, Sum>())].map(([key, s]) => {
        const [grantor, grantee, instrument] = key.split(SEP) as [string, string, string];
        return { grantor, grantee, instrument, quantity: s.total.toFixed(s.places) };
      }),
    });
  }
  return out;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/**
 * One line for a clause: `sharon → nvidia 1,234,567.89 USD (60 lines, 2 capped); grants nvidia → sharon 1,000 warrants`;
 * `no payments in the ledger` for a clause the ledger never names.
 */
export function clauseTotalText(total: ClauseTotal | undefined, currency: string): string {
  if (total === undefined) return "no payments in the ledger";
  const parts = total.payments.map((p) => {
    const capped = p.capped === 0 ? "" : `, ${p.capped} capped`;
    return `${p.payer} → ${p.payee} ${groupDigits(p.amount)} ${currency} (${plural(p.lines, "line")}${capped})`;
  });
  if (total.grants.length > 0) {
    parts.push(`grants ${total.grants.map((g) => `${g.grantor} → ${g.grantee} ${groupDigits(g.quantity)} ${g.instrument}`).join(", ")}`);
  }
  return parts.join("; ");
}

/** The ledger's totals per payer → payee on one line, or `no payments` when there are none. */
export function ledgerTotalsText(ledger: Ledger): string {
  if (ledger.totals.length === 0) return "no payments";
  return ledger.totals.map((t) => `${t.payer} → ${t.payee} ${groupDigits(t.amount)} ${ledger.currency}`).join("; ");
}
