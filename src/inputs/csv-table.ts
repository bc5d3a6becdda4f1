/**
 * A CSV file as a header and data rows with their line numbers, read with
 * csv-parse (RFC 4180 quoting, a leading byte-order mark allowed, blank
 * lines skipped, cells trimmed). Malformed CSV becomes a diagnostic.
 */
import { parse } from "csv-parse/sync";
import type { Diagnostic } from "../diagnostics/diagnostic.ts";
import { INPUT } from "../diagnostics/codes/input.ts";
import { inputError } from "./input-error.ts";
import { groupDigits } from "../limits.ts";

export interface CsvRecord {
  /** 1-based data row (the header is not counted). */
  readonly row: number;
  /** 1-based line where the record starts. */
  readonly line: number;
  readonly cells: readonly string[];
}

export interface CsvTable {
  readonly header: readonly string[];
  readonly records: readonly CsvRecord[];
}

interface ParsedRecord {
  readonly record: string[];
  readonly info: { readonly lines: number };
}

/**
 * Longest CSV record read, in characters. A wrong delimiter or a runaway
 * quote makes one huge record, and csv-parse takes seconds per million
 * cells; real rows are a few hundred characters.
 */
export const MAX_CSV_RECORD_CHARS = 100_000;

/**
 * Parses CSV text; null (after reporting) when it is malformed or has no
 * header row. With `maxRecords`, reading stops one data row past it (the
 * caller reports the limit), so ten million rows cost no more than a few.
 */
export function readCsvTable(text: string, what: string, out: Diagnostic[], maxRecords?: number): CsvTable | null {
  let parsed: ParsedRecord[];
  try {
    parsed = parse(text, {
      bom: true, relax_column_count: true, skip_empty_lines: true, info: true, trim: true,
      max_record_size: MAX_CSV_RECORD_CHARS,
      ...(maxRecords === undefined ? {} : { to: maxRecords + 2 }), // the header, the rows allowed, one more
    }) as unknown as ParsedRecord[];
  } catch (e) {
    if ((e as { code?: unknown }).code === "CSV_MAX_RECORD_SIZE") {
      const line = (e as { lines?: unknown }).lines;
      const where = typeof line === "number" ? ` (line ${line})` : "";
      out.push(inputError(INPUT.inputFileTooLarge,
        `${what} has a record longer than ${groupDigits(MAX_CSV_RECORD_CHARS)} characters${where}; is the delimiter a comma?`));
      return null;
    }
    // csv-parse reports malformed quoting by throwing; its message names the line.
    out.push(inputError(INPUT.invalidCsv, `${what} is not valid CSV: ${e instanceof Error ? e.message : String(e)}`));
    return null;
  }
  const [first, ...rest] = parsed;
  if (first === undefined) {
    out.push(inputError(INPUT.wrongShape, `${what} is empty: expected a header row`));
    return null;
  }
  const records = rest.map((r, i): CsvRecord => ({
    row: i + 1,
    // info.lines is where the record ends; newlines inside quoted cells push it down.
    line: r.info.lines - r.record.reduce((n, cell) => n + (cell.match(/\n/g)?.length ?? 0), 0),
    cells: r.record,
  }));
  return { header: first.record, records };
}

/** A hint for a header that is probably not comma-separated. */
export function delimiterHint(header: readonly string[]): string {
  return header.some((h) => h.includes(";") || h.includes("\t")) ? " (columns must be separated by commas)" : "";
}
