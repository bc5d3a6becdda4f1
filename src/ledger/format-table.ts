/**
 * The ledger as a plain-text table for terminals: per period a heading
 * (its dates, contract year, days and payment date), then its lines (title, payer → payee, computed, amount, a `capped`
 * marker), grants and net transfers; then the totals. Money is
 * right-aligned with thousands separators for reading; columns are aligned
 * across the whole ledger. No colours, so nothing to turn off for NO_COLOR.
 * Titles and names are shown with hidden characters as U+XXXX
 * (src/text/display.ts), so a NUL or an escape sequence in a clause title
 * cannot reach the terminal raw; the JSON and CSV ledgers keep them exact.
 */
import { traceEntryText, type Ledger } from "./ledger.ts";
import { displayText } from "../text/display.ts";

export interface TableOptions {
  /** Print each line's trace (the values that produced it) under it. */
  readonly trace: boolean;
}

/** `1234567.50` → `1,234,567.50`; other text unchanged. */
export function groupThousands(amount: string): string {
  const m = /^(-?)(\d+)(\.\d+)?$/.exec(amount);
  if (!m) return amount;
  return `${m[1]}${m[2]!.replace(/\B(?=(\d{3})+$)/g, ",")}${m[3] ?? ""}`;
}

const pair = (a: string, b: string) => `${displayText(a)} → ${displayText(b)}`;
/** The longest length among texts (a loop: a spread of a big ledger could exceed the argument limit). */
const widest = (texts: Iterable<string>, min: number) => {
  let w = min;
  for (const t of texts) if (t.length > w) w = t.length;
  return w;
};
const NET = "Net transfer";
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** The table text, ending with a newline. */
export function ledgerToTable(ledger: Ledger, options: TableOptions = { trace: false }): string {
  const allLines = ledger.periods.flatMap((p) => p.lines);
  const nets = ledger.periods.flatMap((p) => p.net ?? []);
  const titleW = widest([...allLines.map((l) => displayText(l.title)), ...(nets.length > 0 ? [NET] : [])], "Clause".length);
  const partyW = widest([
    ...allLines.map((l) => pair(l.payer, l.payee)),
    ...nets.map((n) => pair(n.from, n.to)),
    ...ledger.totals.map((t) => pair(t.payer, t.payee)),
  ], "Payer → payee".length);
  const moneyW = widest([
    ...allLines.flatMap((l) => [l.computed, l.amount]),
    ...nets.map((n) => n.amount),
    ...ledger.totals.map((t) => t.amount),
  ].map(groupThousands), "Computed".length);
  const money = (a: string) => groupThousands(a).padStart(moneyW);
  const row = (title: string, parties: string, computed: string, amount: string, mark = "") =>
    `  ${title.padEnd(titleW)}  ${parties.padEnd(partyW)}  ${computed.padStart(moneyW)}  ${amount.padStart(moneyW)}${mark}`.trimEnd();

  const out: string[] = [`${displayText(ledger.deal)} (amounts in ${ledger.currency})`];
  for (const p of ledger.periods) {
    out.push("", `Period ${p.index}: ${p.start} to ${p.end}, contract year ${p.contract_year}, ${plural(p.days, "day")}, payment date ${p.payment_date}`);
    if (p.lines.length === 0) out.push("  no payments");
    else out.push(row("Clause", "Payer → payee", "Computed", "Amount"));
    for (const l of p.lines) {
      out.push(row(displayText(l.title), pair(l.payer, l.payee), money(l.computed), money(l.amount), l.capped ? "  capped" : ""));
      if (options.trace && l.trace.length > 0) {
        out.push(`      ${l.trace.map(traceEntryText).join(", ")}`);
      }
    }
    for (const g of p.grants) {
      out.push(displayText(`  Grant: ${g.grantor} grants ${g.grantee} ${groupThousands(g.quantity)} ${g.instrument} at ${groupThousands(g.price)} ${ledger.currency} (${g.clause})`));
    }
    for (const n of p.net ?? []) out.push(row(NET, pair(n.from, n.to), "", money(n.amount)));
  }
  out.push("", "Totals");
  if (ledger.totals.length === 0) out.push("  no payments");
  for (const t of ledger.totals) out.push(row("", pair(t.payer, t.payee), "", money(t.amount)));
  return `${out.join("\n")}\n`;
}
