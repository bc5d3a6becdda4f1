/**
 * Period rows pasted as CSV (the CLI's CSV inputs: a header with `period`
 * and the input names) or as tab-separated cells copied from a
 * spreadsheet. Quoting follows RFC 4180. Values stay text: the loader
 * checks them when the state is analysed.
 */
import type { InputsTable, PeriodRowState } from "./inputs-table.ts";

/** Splits delimited text into records of trimmed cells; blank lines are skipped. */
export function splitDelimited(text: string): string[][] {
  const body = text.replace(/^\uFEFF/, "");
  const firstLine = body.split(/\r?\n/, 1)[0] ?? "";
  const delimiter = firstLine.includes("\t") && !firstLine.includes(",") ? "\t" : ",";
  const records: string[][] = [];
  let record: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (quoted) {
      if (c === '"' && body[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') {
        quoted = false;
      } else {
        cell += c;
      }
    } else if (c === '"') {
      quoted = true;
    } else if (c === delimiter) {
      record.push(cell.trim());
      cell = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && body[i + 1] === "\n") i++;
      record.push(cell.trim());
      if (record.some((x) => x !== "")) records.push(record);
      record = [];
      cell = "";
    } else {
      cell += c;
    }
  }
  record.push(cell.trim());
  if (record.some((x) => x !== "")) records.push(record);
  return records;
}

export type PasteResult = { readonly table: InputsTable } | { readonly error: string };

/** Replaces the table's period rows with the pasted ones (events are kept). */
export function pasteRows(table: InputsTable, text: string): PasteResult {
  const [header, ...records] = splitDelimited(text);
  if (header === undefined) return { error: "nothing to paste: expected a header row with `period` and the input names" };
  const at = header.indexOf("period");
  if (at < 0) return { error: `the header has no "period" column (got: ${header.join(", ")})` };
  const names = header.filter((_, i) => i !== at);
  const rows: PeriodRowState[] = records.map((cells) => {
    const values: Record<string, string> = {};
    header.forEach((name, i) => {
      if (i !== at) values[name] = cells[i] ?? "";
    });
    return { period: cells[at] ?? "", values };
  });
  const columns = [...table.columns, ...names.filter((n) => !table.columns.includes(n))];
  return { table: { ...table, columns, rows } };
}
