/**
 * The ledger as CSV for spreadsheets: one row per line, grant and net
 * transfer, told apart by `kind`. RFC 4180: CRLF line ends, fields quoted
 * when they hold a comma, quote, line break or edge space. Money stays a
 * plain decimal string (no thousands separators) so it reads as a number.
 * Totals are left out: a spreadsheet sums the `line` rows itself.
 *
 * Text from the term sheet (titles above all) may start with a character a
 * spreadsheet takes for a formula (`=HYPERLINK(…)`, `+cmd|…`, `@SUM(A1)`):
 * as OWASP recommends, such a text cell gets a leading `'`, so it shows as
 * text and runs nothing (docs/language.md §12). Numbers are never touched:
 * `-20.00` stays a number. Rows are written a period at a time.
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

/** The columns that hold text from the term sheet; every other column is a number, a date or a fixed word. */
const TEXT_COLUMNS: ReadonlySet<Column> = new Set(["clause", "title", "payer", "payee", "instrument"]);

/** A text cell a spreadsheet would run as a formula, given a leading `'` (OWASP's CSV injection advice). */
export function inertText(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** The ledger CSV text: a header row, then rows in ledger order, CRLF after every row. */
export function ledgerToCsv(ledger: Ledger): string {
  return [...ledgerCsvChunks(ledger)].join("");
}

/** The header row. */
export const CSV_HEADER = `${LEDGER_CSV_COLUMNS.join(",")}\r\n`;

/** The ledger CSV text in pieces: the header row, then the rows of one period at a time. */
export function* ledgerCsvChunks(ledger: Ledger): Generator<string> {
  yield CSV_HEADER;
  for (const p of ledger.periods) yield csvPeriodRows(p);
}

/** The rows of one period: its lines, grants and net transfers ("" for a period with none). */
export function csvPeriodRows(p: LedgerPeriod): string {
  const at = periodColumns(p);
  const rows: CsvRow[] = [];
  for (const l of p.lines) {
    rows.push({ ...at, kind: "line", clause: l.clause, title: l.title, payer: l.payer, payee: l.payee,
      computed: l.computed, amount: l.amount, capped: String(l.capped) });
  }
  for (const g of p.grants) {
    rows.push({ ...at, kind: "grant", clause: g.clause, payer: g.grantor, payee: g.grantee,
      quantity: g.quantity, instrument: g.instrument, price: g.price });
  }
  for (const n of p.net ?? []) rows.push({ ...at, kind: "net", payer: n.from, payee: n.to, amount: n.amount });
  return rows.map(rowText).join("");
}

function rowText(r: CsvRow): string {
  return `${LEDGER_CSV_COLUMNS.map((c) => {
    const v = r[c] ?? "";
    return csvField(TEXT_COLUMNS.has(c) ? inertText(v) : v);
  }).join(",")}\r\n`;
}

function periodColumns(p: LedgerPeriod): CsvRow {
  return { period: String(p.index), start: p.start, end: p.end, payment_date: p.payment_date, contract_year: String(p.contract_year), days: String(p.days) };
}
