/**
 * The ledger as CSV for spreadsheets: one row per line, grant and net
 * transfer, told apart by `kind`. RFC 4180: CRLF line ends, fields quoted
 * when they hold a comma, quote, line break or edge space. Money stays a
 * plain decimal string (no thousands separators) so it reads as a number.
 * Totals are left out: a spreadsheet sums the `line` rows itself.
 */
import type { Ledger, LedgerPeriod } from "./ledger.ts";

export const LEDGER_CSV_COLUMNS = [
  "kind", "period", "start", "end", "payment_date", "contract_year", "days",
  "clause", "title", "payer", "payee", "computed", "amount", "capped",
  "quantity", "instrument", "price",
] as const;

type Column = (typeof LEDGER_CSV_COLUMNS)[number];
type CsvRow = Partial<Record<Column, string>>;

/** One field, quoted only when needed. */
export function csvField(value: string): string {
  return /[",\r\n]|^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** The ledger CSV text: a header row, then rows in ledger order, CRLF after every row. */
export function ledgerToCsv(ledger: Ledger): string {
  const rows: CsvRow[] = [];
  for (const p of ledger.periods) {
    const at = periodColumns(p);
    for (const l of p.lines) {
      rows.push({ ...at, kind: "line", clause: l.clause, title: l.title, payer: l.payer, payee: l.payee,
        computed: l.computed, amount: l.amount, capped: String(l.capped) });
    }
    for (const g of p.grants) {
      rows.push({ ...at, kind: "grant", clause: g.clause, payer: g.grantor, payee: g.grantee,
        quantity: g.quantity, instrument: g.instrument, price: g.price });
    }
    for (const n of p.net ?? []) rows.push({ ...at, kind: "net", payer: n.from, payee: n.to, amount: n.amount });
  }
  const lines = [LEDGER_CSV_COLUMNS.join(","), ...rows.map((r) => LEDGER_CSV_COLUMNS.map((c) => csvField(r[c] ?? "")).join(","))];
  return lines.map((l) => `${l}\r\n`).join("");
}

function periodColumns(p: LedgerPeriod): CsvRow {
  return { period: String(p.index), start: p.start, end: p.end, payment_date: p.payment_date, contract_year: String(p.contract_year), days: String(p.days) };
}
