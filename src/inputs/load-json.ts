/**
 * The JSON inputs file (docs/language.md §11 "JSON"):
 *
 *   { "periods": [ { "period": "2026-07-01", "revenue": "12000000.00", … } ],
 *     "events":  [ { "date": "2028-03-15", "event": "lease_default", "missed_rent": "1500000.00" } ] }
 *
 * Values are decimal strings; a JSON number is accepted only if it reads
 * without loss. Keys are compared as plain strings held in arrays and Maps,
 * so `__proto__` or `constructor` are just unknown fields.
 */
import type { DealHeader } from "../check/checked-program.ts";
import type { Period } from "../eval/periods.ts";
import type { Diagnostic, Result } from "../diagnostics/diagnostic.ts";
import { hasErrors } from "../diagnostics/diagnostic.ts";
import { LineMap } from "../diagnostics/positions.ts";
import { INPUT } from "../diagnostics/codes/input.ts";
import type { DealData } from "./deal-data.ts";
import type { JsonEntry, JsonNode } from "./json-scan.ts";
import { describeJson, scanJson } from "./json-scan.ts";
import type { RawEvent, RawField, RawRow, RawValue } from "./raw-data.ts";
import { validateRows } from "./validate-rows.ts";
import { validateEvents } from "./validate-events.ts";
import { suggestionText } from "./suggest.ts";
import { inputError } from "./input-error.ts";
import { limitsWith, type Limits } from "../limits.ts";
import { checkEventCount, checkFileSize, checkRowCount, fileLabel, jsonValueBudget, tooManyValues } from "./input-limits.ts";
import type { LoadOptions } from "./input-limits.ts";

const TOP_LEVEL = ["periods", "events"];

/**
 * Reads and validates a JSON inputs file against the deal header and the
 * term's periods. The value is null when any error was found; every defect
 * is reported, each naming the row (or period) and the field.
 */
export function loadInputsJson(
  text: string,
  header: DealHeader,
  periods: readonly Period[],
  options: LoadOptions = {},
): Result<DealData | null> {
  const out: Diagnostic[] = [];
  const limits = limitsWith(options.limits);
  const label = fileLabel(options.name);
  const tooLarge = checkFileSize(text, label, limits);
  if (tooLarge !== null) return { value: null, diagnostics: [tooLarge] };
  const root = parseJsonDocument(text, "inputs file", out, { label, budget: jsonValueBudget(header, limits) });
  if (root === null) return { value: null, diagnostics: out };
  if (root.kind !== "object") {
    out.push(inputError(INPUT.wrongShape,
      `the inputs file must be a JSON object with "periods" and "events", got ${describeJson(root)}`));
    return { value: null, diagnostics: out };
  }
  const fields = topLevel(root.entries, out);
  const over = countLimits(fields, label, limits);
  if (over.length > 0) return { value: null, diagnostics: [...out, ...over] };
  const rowsNode = fields.get("periods");
  let rows: RawRow[] = [];
  if (rowsNode === undefined) {
    out.push(inputError(INPUT.wrongShape, `the inputs file has no "periods" array (one row per period)`));
  } else if (rowsNode.kind !== "array") {
    out.push(inputError(INPUT.wrongShape, `"periods" must be an array of rows, got ${describeJson(rowsNode)}`));
  } else {
    rows = rowsFromJson(rowsNode.items, out);
  }
  const eventsNode = fields.get("events");
  const events = eventsNode === undefined ? [] : eventsFromJson(eventsNode, out);

  const dataRows = validateRows(rows, header.inputs.map((i) => i.name), periods, out);
  const lastGiven = dataRows.length > 0 ? dataRows[dataRows.length - 1]!.period : null;
  const occurrences = validateEvents(events, header.events, periods, lastGiven, out);
  return { value: hasErrors(out) ? null : { periods: dataRows, events: occurrences }, diagnostics: out };
}

/** Rows and events over their limits (checked before either is validated, so a huge file gives one error, not one per row). */
function countLimits(fields: ReadonlyMap<string, JsonNode>, label: string, limits: Limits): Diagnostic[] {
  const rows = fields.get("periods");
  const events = fields.get("events");
  const over = [
    rows?.kind === "array" ? checkRowCount(rows.items.length, label, limits) : null,
    events?.kind === "array" ? checkEventCount(events.items.length, label, limits) : null,
  ];
  return over.filter((d) => d !== null);
}

/** Where a JSON document comes from, for the value budget's message. */
export interface JsonLimit {
  readonly label: string;
  /** Most values to read (see jsonValueBudget). */
  readonly budget: number;
}

/** Scans JSON text, reporting a syntax error with its line and column; null on error. */
export function parseJsonDocument(text: string, what: string, out: Diagnostic[], limit?: JsonLimit): JsonNode | null {
  const scan = scanJson(text, limit === undefined ? {} : { maxValues: limit.budget });
  if (scan.ok) return scan.value;
  if (scan.tooLarge === true && limit !== undefined) {
    out.push(tooManyValues(limit.label, limit.budget));
    return null;
  }
  const at = new LineMap(text).position(scan.offset);
  out.push(inputError(INPUT.invalidJson, `${what} is not valid JSON: ${scan.message} at line ${at.line}:${at.column}`));
  return null;
}

/** The top-level fields, reporting unknown and repeated ones. */
function topLevel(entries: readonly JsonEntry[], out: Diagnostic[]): Map<string, JsonNode> {
  const fields = new Map<string, JsonNode>();
  for (const e of entries) {
    if (!TOP_LEVEL.includes(e.key)) {
      out.push(inputError(INPUT.unknownField, `unknown top-level field "${e.key}"${suggestionText(e.key, TOP_LEVEL, "fields")}`));
    } else if (fields.has(e.key)) {
      out.push(inputError(INPUT.duplicateField, `top-level field "${e.key}" is given more than once`));
    } else {
      fields.set(e.key, e.value);
    }
  }
  return fields;
}

function rawValue(node: JsonNode): RawValue {
  if (node.kind === "string") return { kind: "text", text: node.value };
  if (node.kind === "number") return { kind: "number", text: node.text };
  return { kind: "other", shown: describeJson(node) };
}

/**
 * Splits an object's entries into the named special fields (first
 * occurrence; repeats reported) and the rest.
 */
function splitEntries(entries: readonly JsonEntry[], special: readonly string[], label: string, out: Diagnostic[]) {
  const named = new Map<string, RawValue>();
  const rest: RawField[] = [];
  for (const e of entries) {
    if (!special.includes(e.key)) {
      rest.push({ name: e.key, value: rawValue(e.value) });
    } else if (named.has(e.key)) {
      out.push(inputError(INPUT.duplicateField, `${label}: field "${e.key}" is given more than once`));
    } else {
      named.set(e.key, rawValue(e.value));
    }
  }
  return { named, rest };
}

function rowsFromJson(items: readonly JsonNode[], out: Diagnostic[]): RawRow[] {
  const rows: RawRow[] = [];
  items.forEach((item, i) => {
    const label = `row ${i + 1}`;
    if (item.kind !== "object") {
      out.push(inputError(INPUT.wrongShape, `${label} must be an object with "period" and the inputs, got ${describeJson(item)}`));
      return;
    }
    const { named, rest } = splitEntries(item.entries, ["period"], label, out);
    rows.push({ label, suffix: "", period: named.get("period"), fields: rest });
  });
  return rows;
}

/** Events from JSON: an array of event objects (`"events"` of an inputs file, or a separate events file). */
export function eventsFromJson(node: JsonNode, out: Diagnostic[]): RawEvent[] {
  if (node.kind !== "array") {
    out.push(inputError(INPUT.wrongShape, `"events" must be an array of events, got ${describeJson(node)}`));
    return [];
  }
  const events: RawEvent[] = [];
  node.items.forEach((item, i) => {
    const label = `event ${i + 1}`;
    if (item.kind !== "object") {
      out.push(inputError(INPUT.wrongShape, `${label} must be an object with "date", "event" and its arguments, got ${describeJson(item)}`));
      return;
    }
    const { named, rest } = splitEntries(item.entries, ["date", "event"], label, out);
    events.push({ label, where: "", date: named.get("date"), event: named.get("event"), args: rest });
  });
  return events;
}
