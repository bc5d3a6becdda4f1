/**
 * The inputs panel's model: one row per period (columns = declared
 * inputs) and a list of dated events, all values kept as the text the
 * user typed. It converts to and from the JSON inputs file of docs/language.md §11,
 * which is what the analysis hands to the CLI's own loader, so every
 * check on the data (missing value, bad number, unknown field) is the
 * loader's, not the panel's.
 */

export interface PeriodRowState {
  readonly period: string;
  /** Input name → value text ("" or absent: not given). */
  readonly values: Readonly<Record<string, string>>;
}

export interface EventRowState {
  readonly date: string;
  readonly event: string;
  /** Argument name → value text. */
  readonly args: Readonly<Record<string, string>>;
}

export interface InputsTable {
  /** Column order: the declared inputs, then any other field that has data. */
  readonly columns: readonly string[];
  readonly rows: readonly PeriodRowState[];
  readonly events: readonly EventRowState[];
}

export const EMPTY_TABLE: InputsTable = { columns: [], rows: [], events: [] };

/** A JSON value as the text the loader would read (strings as is, numbers as written by JSON). */
function text(v: unknown): string {
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  return v === null || v === undefined ? "" : JSON.stringify(v);
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Reads a JSON inputs file; anything unreadable gives an empty table (the loader reports it when run). */
export function tableFromInputsJson(json: string): InputsTable {
  let doc: unknown;
  try {
    doc = JSON.parse(json);
  } catch {
    return EMPTY_TABLE;
  }
  if (!isRecord(doc)) return EMPTY_TABLE;
  const columns: string[] = [];
  const rows: PeriodRowState[] = [];
  for (const r of Array.isArray(doc["periods"]) ? doc["periods"] : []) {
    if (!isRecord(r)) continue;
    const values: Record<string, string> = {};
    for (const [k, v] of Object.entries(r)) {
      if (k === "period") continue;
      if (!columns.includes(k)) columns.push(k);
      values[k] = text(v);
    }
    rows.push({ period: text(r["period"]), values });
  }
  const events: EventRowState[] = [];
  for (const e of Array.isArray(doc["events"]) ? doc["events"] : []) {
    if (!isRecord(e)) continue;
    const args: Record<string, string> = {};
    for (const [k, v] of Object.entries(e)) if (k !== "date" && k !== "event") args[k] = text(v);
    events.push({ date: text(e["date"]), event: text(e["event"]), args });
  }
  return { columns, rows, events };
}

/**
 * The JSON inputs file for the table. Empty cells are left out (the loader
 * then names the missing value); a row keeps the column order.
 */
export function tableToInputsJson(table: InputsTable): string {
  const periods = table.rows.map((r) => {
    const row: Record<string, string> = { period: r.period };
    for (const c of table.columns) {
      const v = r.values[c];
      if (v !== undefined && v !== "") row[c] = v;
    }
    return row;
  });
  const events = table.events.map((e) => {
    const out: Record<string, string> = { date: e.date, event: e.event };
    for (const [k, v] of Object.entries(e.args)) if (v !== "") out[k] = v;
    return out;
  });
  return `${JSON.stringify({ periods, events }, null, 2)}\n`;
}

/**
 * Columns for the declared inputs: every declared input, in declaration
 * order, then the other columns that still hold data (so a renamed input
 * does not silently drop its column; the loader reports it as unknown).
 */
export function withDeclaredColumns(table: InputsTable, declared: readonly string[]): InputsTable {
  const extra = table.columns.filter((c) => !declared.includes(c) && table.rows.some((r) => (r.values[c] ?? "") !== ""));
  const columns = [...declared, ...extra];
  if (columns.length === table.columns.length && columns.every((c, i) => c === table.columns[i])) return table;
  return { ...table, columns };
}

export function setCell(table: InputsTable, row: number, column: string, value: string): InputsTable {
  const rows = table.rows.map((r, i) => (i === row ? { ...r, values: { ...r.values, [column]: value } } : r));
  return { ...table, rows };
}

export function setPeriod(table: InputsTable, row: number, period: string): InputsTable {
  return { ...table, rows: table.rows.map((r, i) => (i === row ? { ...r, period } : r)) };
}

/** Adds a row for the period after the last one (`periodStarts`: the term's period starts), copying nothing. */
export function addRow(table: InputsTable, periodStarts: readonly string[]): InputsTable {
  const last = table.rows[table.rows.length - 1];
  const next = last === undefined ? periodStarts[0] : periodStarts[periodStarts.indexOf(last.period) + 1];
  return { ...table, rows: [...table.rows, { period: next ?? "", values: {} }] };
}

export function removeRow(table: InputsTable, row: number): InputsTable {
  return { ...table, rows: table.rows.filter((_, i) => i !== row) };
}

export function addEvent(table: InputsTable, event: EventRowState): InputsTable {
  return { ...table, events: [...table.events, event] };
}

export function updateEvent(table: InputsTable, index: number, event: EventRowState): InputsTable {
  return { ...table, events: table.events.map((e, i) => (i === index ? event : e)) };
}

export function removeEvent(table: InputsTable, index: number): InputsTable {
  return { ...table, events: table.events.filter((_, i) => i !== index) };
}
