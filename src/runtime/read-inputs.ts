/**
 * The inputs of docs/language.md §11 "JSON" (`{ "periods": […], "events": […] }`, as JSON text
 * or as an already-parsed object) turned into the engine's per-period form.
 *
 * Two paths, one answer:
 * - the fast path reads a well-formed file with the engine's own data
 *   structures (slots instead of maps; the plainest files scanned straight
 *   into decimals by scan-inputs.ts, the others through native JSON.parse)
 *   and accepts it only when the full reader would accept it without a
 *   single diagnostic, giving the same values;
 * - anything else — a defect, a warning, a JSON number (whose source text
 *   decides whether it reads without loss), a duplicate key — goes to the
 *   full reader (src/inputs/load-json.ts), which words every diagnostic.
 * A production service settling thousands of deals pays for validation
 * only when something is wrong.
 */
import { INPUT } from "../diagnostics/codes/input.ts";
import type { Result } from "../diagnostics/diagnostic.ts";
import { hasErrors } from "../diagnostics/diagnostic.ts";
import { parseDate } from "../eval/dates.ts";
import { Decimal } from "../eval/decimal.ts";
import { periodOfDate } from "../eval/periods.ts";
import type { Period } from "../eval/periods.ts";
import type { TermsHeader } from "../ir/ir.ts";
import { loadInputsJson } from "../inputs/load-json.ts";
import { exceedsUtf8Bytes, limitsWith } from "../limits.ts";
import type { Limits } from "../limits.ts";
import type { PeriodInput } from "./engine.ts";
import type { EventInput } from "./frame.ts";
import { scanInputs } from "./scan-inputs.ts";
import { periodInputs } from "./settle-data.ts";

/**
 * Reads inputs against a deal header and the periods of its term: the
 * periods to settle, or null with the diagnostics (warnings may come with
 * a value).
 */
export function readInputs(
  header: TermsHeader,
  term: readonly Period[],
  inputs: string | object,
  limitsGiven: Partial<Limits> = {},
): Result<PeriodInput[] | null> {
  const limits = limitsWith(limitsGiven);
  const fast = fastPath(header, term, inputs, limits);
  if (fast !== null) return { value: fast, diagnostics: [] };
  let text: string;
  if (typeof inputs === "string") text = inputs;
  else {
    try {
      text = JSON.stringify(inputs) ?? "null";
    } catch (e) {
      const why = e instanceof Error ? e.message : String(e);
      return { value: null, diagnostics: [{ code: INPUT.wrongShape, severity: "error", message: `the inputs object cannot be read as JSON: ${why}` }] };
    }
  }
  const data = loadInputsJson(text, header, term, { limits });
  if (data.value === null || hasErrors(data.diagnostics)) return { value: null, diagnostics: data.diagnostics };
  const periods = periodInputs(header, term, data.value);
  if (!Array.isArray(periods)) return { value: null, diagnostics: [...data.diagnostics, periods] };
  return { value: periods, diagnostics: data.diagnostics };
}

const hasOwn = Object.prototype.hasOwnProperty;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** The periods when the inputs are flawless (no diagnostic at all from the full reader), else null: let the full reader judge. */
export function fastPath(header: TermsHeader, term: readonly Period[], inputs: string | object, limits: Limits): PeriodInput[] | null {
  let doc: unknown;
  // An object is measured as it goes (each string at most 3 bytes a unit, plus quotes and punctuation).
  let bytes = 0;
  if (typeof inputs === "string") {
    if (exceedsUtf8Bytes(inputs, limits.maxInputBytes)) return null;
    const scanned = scanInputs(inputs, header, term, limits);
    if (scanned !== undefined) return scanned;
    try {
      doc = JSON.parse(inputs);
    } catch {
      return null;
    }
    // JSON.parse lets a repeated key silently win; the full reader reports it.
    if (keysInText(inputs) !== keysInValue(doc)) return null;
  } else {
    doc = inputs;
  }
  if (!isRecord(doc)) return null;
  const top = Object.keys(doc);
  for (const k of top) if (k !== "periods" && k !== "events") return null;
  const rows = doc["periods"];
  if (!Array.isArray(rows)) return null;
  const rawEvents = hasOwn.call(doc, "events") ? doc["events"] : [];
  if (!Array.isArray(rawEvents)) return null;

  const inputNames = header.inputs.map((i) => i.name);
  if (rows.length > term.length || rows.length > limits.maxInputRows || rawEvents.length > limits.maxEvents) return null;
  const measure = typeof inputs !== "string";
  const periods: { period: (typeof term)[number]; inputs: Decimal[]; events: EventInput[][] }[] = [];
  for (let i = 0; i < rows.length; i++) {
    const row: unknown = rows[i];
    const period = term[i]!;
    if (!isRecord(row) || row["period"] !== period.start || !hasOwn.call(row, "period")) return null;
    if (Object.keys(row).length !== inputNames.length + 1) return null;
    const values: Decimal[] = [];
    for (const name of inputNames) {
      const v = hasOwn.call(row, name) ? row[name] : undefined;
      if (typeof v !== "string") return null;
      const d = Decimal.parse(v);
      if (d === null) return null;
      values.push(d);
      if (measure) bytes += 3 * (name.length + v.length) + 6;
    }
    if (measure) bytes += 3 * period.start.length + 16 + 2 * inputNames.length;
    periods.push({ period, inputs: values, events: header.events.map(() => []) });
  }

  // Events: declared, dated inside a period with data, every argument a decimal string.
  const events: { date: string; slot: number; input: EventInput; index: number }[] = [];
  for (let i = 0; i < rawEvents.length; i++) {
    const e: unknown = rawEvents[i];
    if (!isRecord(e)) return null;
    const date = e["date"];
    const name = e["event"];
    if (typeof date !== "string" || typeof name !== "string" || !hasOwn.call(e, "date") || !hasOwn.call(e, "event")) return null;
    const slot = header.events.findIndex((d) => d.name === name);
    if (slot < 0) return null;
    const params = header.events[slot]!.params;
    if (Object.keys(e).length !== params.length + 2) return null;
    if (parseDate(date) === null) return null;
    const period = periodOfDate(term, date);
    // An event after the last period with data earns a warning from the full reader.
    if (period === null || period.index > rows.length) return null;
    const args: Decimal[] = [];
    for (const p of params) {
      const v = hasOwn.call(e, p.name) ? e[p.name] : undefined;
      if (typeof v !== "string") return null;
      const d = Decimal.parse(v);
      if (d === null) return null;
      args.push(d);
      if (measure) bytes += 3 * (p.name.length + v.length) + 6;
    }
    if (measure) bytes += 3 * (date.length + name.length) + 32;
    events.push({ date, slot, input: { date, args }, index: period.index });
  }
  if (measure && bytes + 64 > limits.maxInputBytes) return null;
  // Array.prototype.sort is stable, so equal dates keep input order (docs/language.md §7 "on EVENT").
  events.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  for (const e of events) periods[e.index - 1]!.events[e.slot]!.push(e.input);
  return periods;
}

/** How many object keys a valid JSON text writes (repeats included). */
function keysInText(text: string): number {
  let n = 0;
  // In valid JSON a quote outside strings only opens one; indexOf finds quotes natively.
  let open = text.indexOf('"');
  while (open >= 0) {
    let close = text.indexOf('"', open + 1);
    while (close >= 0 && escaped(text, close)) close = text.indexOf('"', close + 1);
    if (close < 0) break;
    let i = close + 1;
    let c = text.charCodeAt(i);
    while (c === 32 || c === 9 || c === 10 || c === 13) c = text.charCodeAt(++i);
    if (c === 58 /* : */) n++;
    open = text.indexOf('"', i);
  }
  return n;
}

/** Whether the quote at `at` is escaped: preceded by an odd run of backslashes. */
function escaped(text: string, at: number): boolean {
  let i = at - 1;
  while (text.charCodeAt(i) === 92 /* backslash */) i--;
  return (at - 1 - i) % 2 === 1;
}

/** How many object keys a parsed JSON value holds. */
function keysInValue(v: unknown): number {
  if (Array.isArray(v)) {
    let n = 0;
    for (const x of v) n += keysInValue(x);
    return n;
  }
  if (typeof v === "object" && v !== null) {
    const keys = Object.keys(v);
    let n = keys.length;
    for (const k of keys) n += keysInValue((v as Record<string, unknown>)[k]);
    return n;
  }
  return 0;
}

