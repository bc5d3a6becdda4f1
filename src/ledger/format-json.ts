/**
 * The ledger as JSON (docs/language.md §12): keys in exactly the documented order,
 * 2-space indentation, a trailing newline. Built from fresh objects so the
 * key order never depends on how the ledger was assembled, and written a
 * period at a time: a ledger of any size the limits allow is written
 * without ever holding its whole text (one JavaScript string is at most
 * 512 MB).
 */
import type { Ledger, LedgerGrant, LedgerLine, LedgerPeriod, LedgerTotal, NetTransfer, TraceEntry } from "./ledger.ts";

export interface JsonOptions {
  /** Add each line's `trace` (the values that produced it) after `capped`. */
  readonly trace: boolean;
}

/** The ledger JSON text, byte-for-byte deterministic. */
export function ledgerToJson(ledger: Ledger, options: JsonOptions = { trace: false }): string {
  return [...ledgerJsonChunks(ledger, options)].join("");
}

/**
 * The ledger JSON text in pieces, one a period: the same bytes as
 * JSON.stringify of the whole document with 2-space indentation.
 */
export function* ledgerJsonChunks(ledger: Ledger, options: JsonOptions = { trace: false }): Generator<string> {
  yield jsonLedgerHead(ledger.deal, ledger.currency);
  for (let i = 0; i < ledger.periods.length; i++) yield jsonLedgerPeriod(ledger.periods[i]!, i === 0, options);
  yield jsonLedgerTail(ledger.totals, ledger.periods.length);
}

/**
 * The three kinds of piece, for a writer that gets periods one by one as
 * they settle (and so cannot know which is the last): the head, each
 * period (a comma before every one but the first), the tail.
 */
export function jsonLedgerHead(deal: string, currency: string): string {
  return `{\n  "deal": ${JSON.stringify(deal)},\n  "currency": ${JSON.stringify(currency)},\n  "periods": `;
}

export function jsonLedgerPeriod(p: LedgerPeriod, first: boolean, options: JsonOptions): string {
  return `${first ? "[\n" : ",\n"}${indented(JSON.stringify(period(p, options), null, 2), "    ")}`;
}

export function jsonLedgerTail(totals: readonly LedgerTotal[], periodCount: number): string {
  return `${periodCount === 0 ? "[]" : "\n  ]"},\n  "totals": ${indented(JSON.stringify(totals.map(total), null, 2), "  ").trimStart()}\n}\n`;
}

/** Every line of `text` after `prefix`: a value written at a deeper level of the document. */
function indented(text: string, prefix: string): string {
  return prefix + text.replace(/\n/g, `\n${prefix}`);
}

function period(p: LedgerPeriod, options: JsonOptions): object {
  const out: Record<string, unknown> = {
    index: p.index,
    start: p.start,
    end: p.end,
    payment_date: p.payment_date,
    contract_year: p.contract_year,
    days: p.days,
    lines: p.lines.map((l) => line(l, options)),
    grants: p.grants.map(grant),
  };
  if (p.net !== undefined) out["net"] = p.net.map(net);
  return out;
}

function line(l: LedgerLine, options: JsonOptions): object {
  const out: Record<string, unknown> = {
    clause: l.clause,
    title: l.title,
    payer: l.payer,
    payee: l.payee,
    computed: l.computed,
    amount: l.amount,
    capped: l.capped,
  };
  if (options.trace) out["trace"] = l.trace.map(traceEntry);
  return out;
}

function traceEntry(t: TraceEntry): object {
  const out: Record<string, string> = { name: t.name, value: t.value };
  if (t.unit !== undefined) out["unit"] = t.unit;
  if (t.exact !== undefined) out["exact"] = t.exact;
  return out;
}

function grant(g: LedgerGrant): object {
  return { clause: g.clause, grantor: g.grantor, grantee: g.grantee, quantity: g.quantity, instrument: g.instrument, price: g.price };
}

function net(n: NetTransfer): object {
  return { from: n.from, to: n.to, amount: n.amount };
}

function total(t: LedgerTotal): object {
  return { payer: t.payer, payee: t.payee, amount: t.amount };
}
