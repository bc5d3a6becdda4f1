/**
 * The CSV inputs form (docs/language.md §11 "CSV"): one row per period, header = `period` plus
 * the input names in any order; events in a second file, either CSV
 * (`date,event,<argument columns…>`, blank cells for arguments an event
 * lacks) or JSON (`{"events": […]}` or a bare array). Defects name the row,
 * its line and the column.
 */
import type { DealHeader } from "../check/checked-program.ts";
import type { Period } from "../eval/periods.ts";
import type { Diagnostic, Result } from "../diagnostics/diagnostic.ts";
import { hasErrors } from "../diagnostics/diagnostic.ts";
import { INPUT } from "../diagnostics/codes/input.ts";
import type { DealData } from "./deal-data.ts";
import type { RawEvent, RawField, RawRow } from "./raw-data.ts";
import { validateRows } from "./validate-rows.ts";
import { validateEvents } from "./validate-events.ts";
import { eventsFromJson, parseJsonDocument } from "./load-json.ts";
import { describeJson } from "./json-scan.ts";
import { delimiterHint, readCsvTable } from "./csv-table.ts";
import type { CsvTable } from "./csv-table.ts";
import { suggestionText } from "./suggest.ts";
import { inputError } from "./input-error.ts";
import { limitsWith, type Limits } from "../limits.ts";
import { checkEventCount, checkFileSize, checkRowCount, fileLabel, jsonValueBudget } from "./input-limits.ts";

/** File names for messages, and the limits to enforce. */
export interface CsvLoadOptions {
  readonly periodsName?: string;
  readonly eventsName?: string;
  readonly limits?: Partial<Limits>;
}

/**
 * Reads and validates the periods CSV and an optional events file (CSV or
 * JSON, told apart by a leading `{` or `[`). The value is null when any
 * error was found; every defect is reported.
 */
export function loadInputsCsv(
  periodsCsv: string,
  eventsText: string | null,
  header: DealHeader,
  periods: readonly Period[],
  options: CsvLoadOptions = {},
): Result<DealData | null> {
  const out: Diagnostic[] = [];
  const limits = limitsWith(options.limits);
  const periodsLabel = fileLabel(options.periodsName, "periods CSV");
  const eventsLabel = fileLabel(options.eventsName, "events file");
  // Limits first, each before the work it bounds; one error per file, not one per row.
  const tooLarge = [
    checkFileSize(periodsCsv, periodsLabel, limits),
    eventsText === null ? null : checkFileSize(eventsText, eventsLabel, limits),
  ].filter((d) => d !== null);
  if (tooLarge.length > 0) return { value: null, diagnostics: tooLarge };
  const inputs = header.inputs.map((i) => i.name);
  const table = readCsvTable(periodsCsv, "periods CSV", out, limits.maxInputRows);
  const tooMany = table === null ? null : checkRowCount(table.records.length, periodsLabel, limits);
  if (tooMany !== null) return { value: null, diagnostics: [...out, tooMany] };
  const absentInputs = new Set<string>();
  const rows = table === null ? [] : rowsFromCsv(table, inputs, absentInputs, out);
  const events = eventsText === null ? [] : readEvents(eventsText, header, out, eventsLabel, limits);
  if (events === null) return { value: null, diagnostics: out };
  const dataRows = validateRows(rows, inputs, periods, out, { absentInputs });
  const lastGiven = dataRows.length > 0 ? dataRows[dataRows.length - 1]!.period : null;
  const occurrences = validateEvents(events, header.events, periods, lastGiven, out);
  return { value: hasErrors(out) ? null : { periods: dataRows, events: occurrences }, diagnostics: out };
}

/** Column positions by name; reports duplicate, unnamed-but-used and (via `known`) unknown columns. */
function columns(
  table: CsvTable,
  what: string,
  known: (name: string) => boolean,
  unknown: (name: string) => string,
  out: Diagnostic[],
): Map<string, number> {
  const byName = new Map<string, number>();
  table.header.forEach((name, i) => {
    if (name === "") {
      const used = table.records.find((r) => (r.cells[i] ?? "") !== "");
      if (used) out.push(inputError(INPUT.unknownField, `${what}: column ${i + 1} has no name in the header, but row ${used.row} (line ${used.line}) has a value in it`));
    } else if (byName.has(name)) {
      out.push(inputError(INPUT.duplicateField, `${what}: column "${name}" appears more than once in the header`));
    } else if (!known(name)) {
      out.push(inputError(INPUT.unknownField, `${what}: unknown column "${name}"${unknown(name)}`));
    } else {
      byName.set(name, i);
    }
  });
  return byName;
}

/** Reports cells past the header's last column that hold something. */
function checkWidth(table: CsvTable, label: (r: { row: number; line: number }) => string, out: Diagnostic[]): void {
  for (const r of table.records) {
    if (r.cells.slice(table.header.length).some((c) => c !== "")) {
      out.push(inputError(INPUT.extraCells, `${label(r)}: ${r.cells.length} cells, but the header has ${table.header.length} columns`));
    }
  }
}

function rowsFromCsv(table: CsvTable, inputs: readonly string[], absentInputs: Set<string>, out: Diagnostic[]): RawRow[] {
  const what = "periods CSV";
  const declared = new Set(inputs);
  const cols = columns(table, what, (n) => n === "period" || declared.has(n), (n) => suggestionText(n, ["period", ...inputs], "columns"), out);
  const periodCol = cols.get("period");
  if (periodCol === undefined) {
    out.push(inputError(INPUT.missingColumn, `${what}: no "period" column in the header (line 1)${delimiterHint(table.header)}`));
    return [];
  }
  for (const input of inputs) {
    if (!cols.has(input)) {
      absentInputs.add(input);
      out.push(inputError(INPUT.missingColumn, `${what}: no column for input "${input}" in the header (line 1)`));
    }
  }
  const label = (r: { row: number; line: number }) => `row ${r.row} (line ${r.line})`;
  checkWidth(table, label, out);
  return table.records.map((r): RawRow => {
    const period = r.cells[periodCol] ?? "";
    const fields: RawField[] = [];
    for (const input of inputs) {
      const cell = r.cells[cols.get(input) ?? -1] ?? "";
      if (cell !== "") fields.push({ name: input, value: { kind: "text", text: cell } });
    }
    return {
      label: label(r),
      suffix: ` (row ${r.row}, line ${r.line})`,
      period: period === "" ? undefined : { kind: "text", text: period },
      fields,
    };
  });
}

/** The events of an events file (CSV or JSON); null after reporting that there are more than the limit. */
function readEvents(text: string, header: DealHeader, out: Diagnostic[], label: string, limits: Limits): RawEvent[] | null {
  const start = text.replace(/^\uFEFF/, "").trimStart();
  if (start.startsWith("{") || start.startsWith("[")) return eventsFromJsonFile(text, out, label, header, limits);
  const table = readCsvTable(text, "events CSV", out, limits.maxEvents);
  if (table === null) return [];
  const tooMany = checkEventCount(table.records.length, label, limits);
  if (tooMany !== null) {
    out.push(tooMany);
    return null;
  }
  return eventsFromCsv(table, header, out);
}

function eventsFromJsonFile(text: string, out: Diagnostic[], label: string, header: DealHeader, limits: Limits): RawEvent[] | null {
  const root = parseJsonDocument(text, "events file", out, { label, budget: jsonValueBudget(header, limits) });
  if (root === null) return [];
  const list = root.kind === "array" ? root : root.kind === "object" ? root.entries.find((e) => e.key === "events")?.value : undefined;
  const tooMany = list?.kind === "array" ? checkEventCount(list.items.length, label, limits) : null;
  if (tooMany !== null) {
    out.push(tooMany);
    return null;
  }
  if (root.kind === "array") return eventsFromJson(root, out);
  if (root.kind !== "object") {
    out.push(inputError(INPUT.wrongShape, `the events file must be {"events": […]} or an array of events, got ${describeJson(root)}`));
    return [];
  }
  let events: RawEvent[] | null = null;
  for (const e of root.entries) {
    if (e.key !== "events") {
      out.push(inputError(INPUT.unknownField, `events file: unknown top-level field "${e.key}"${suggestionText(e.key, ["events"], "fields")}`));
    } else if (events !== null) {
      out.push(inputError(INPUT.duplicateField, `events file: top-level field "events" is given more than once`));
    } else {
      events = eventsFromJson(e.value, out);
    }
  }
  return events ?? [];
}

function eventsFromCsv(table: CsvTable, header: DealHeader, out: Diagnostic[]): RawEvent[] {
  const what = "events CSV";
  const argNames = [...new Set(header.events.flatMap((e) => e.params.map((p) => p.name)))];
  const args = new Set(argNames);
  const cols = columns(table, what, (n) => n === "date" || n === "event" || args.has(n),
    (n) => suggestionText(n, ["date", "event", ...argNames], "columns"), out);
  const dateCol = cols.get("date");
  const eventCol = cols.get("event");
  for (const [name, col] of [["date", dateCol], ["event", eventCol]] as const) {
    if (col === undefined) out.push(inputError(INPUT.missingColumn, `${what}: no "${name}" column in the header (line 1)${delimiterHint(table.header)}`));
  }
  if (dateCol === undefined || eventCol === undefined) return [];
  checkWidth(table, (r) => `event row ${r.row} (line ${r.line})`, out);
  return table.records.map((r): RawEvent => {
    const cell = (i: number) => r.cells[i] ?? "";
    const fields: RawField[] = [];
    for (const name of argNames) {
      const col = cols.get(name);
      if (col !== undefined && cell(col) !== "") fields.push({ name, value: { kind: "text", text: cell(col) } });
    }
    return {
      label: `event row ${r.row}`,
      where: `line ${r.line}`,
      date: cell(dateCol) === "" ? undefined : { kind: "text", text: cell(dateCol) },
      event: cell(eventCol) === "" ? undefined : { kind: "text", text: cell(eventCol) },
      args: fields,
    };
  });
}
