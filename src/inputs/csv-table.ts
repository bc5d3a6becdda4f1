/**
 * A CSV file as a header and data rows with their line numbers, read with
 * csv-parse (RFC 4180 quoting, a leading byte-order mark allowed, blank
 * lines skipped, cells trimmed). Malformed CSV becomes a diagnostic.
 */
import { parse } from "csv-parse/sync";
import type { Diagnostic } from "../diagnostics/diagnostic.ts";
import { INPUT } from "../diagnostics/codes/input.ts";
import { inputError } from "./input-error.ts";

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

/** Parses CSV text; null (after reporting) when it is malformed or has no header row. */
export function readCsvTable(text: string, what: string, out: Diagnostic[]): CsvTable | null {
  let parsed: ParsedRecord[];
  try {
    parsed = parse(text, {
      bom: true, relax_column_count: true, skip_empty_lines: true, info: true, trim: true,
    }) as unknown as ParsedRecord[];
  } catch (e) {
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
