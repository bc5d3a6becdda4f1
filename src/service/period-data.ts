/**
 * One period's data as the service takes it, from two parties: the
 * operator's inputs `{ name: value }` and the counterparty's events
 * `[{ date, event, args… }]`; and as the runtime reads them: the row
 * `{ period: START, name: value }` and the events of docs/language.md §11
 * "JSON". Each is stored as canonical JSON, so the same data sent twice is
 * recognised as the same bytes.
 */
import { canonicalJson } from "../ir/canonical-json.ts";
import { sha256Hex } from "./sha256.ts";
import type { Terms } from "../runtime/terms.ts";

export interface CanonicalData {
  readonly text: string;
  readonly sha256: string;
}

function canonical(value: unknown): CanonicalData {
  const text = canonicalJson(value);
  return { text, sha256: sha256Hex(text) };
}

/** The operator's inputs, as stored in `tenor_period_data.data`. */
export function canonicalInputs(inputs: Readonly<Record<string, unknown>>): CanonicalData {
  return canonical({ inputs });
}

/** The counterparty's events, as stored in `tenor_period_events.events`. */
export function canonicalEvents(events: readonly Record<string, unknown>[]): CanonicalData {
  return canonical(events);
}

/** A period's stored data: the inputs, and the events once posted (null: not yet). */
export interface StoredData {
  readonly start: string;
  readonly data: string;
  readonly events: string | null;
}

/**
 * The inputs and events of stored data; events null while the counterparty
 * has posted none. (Data stored before events had a table of their own
 * carries them inside.)
 */
export function parseData(d: StoredData): { inputs: Record<string, unknown>; events: object[] | null } {
  const data = JSON.parse(d.data) as { inputs: Record<string, unknown>; events?: object[] };
  const posted = d.events === null ? null : (JSON.parse(d.events) as object[]);
  return { inputs: data.inputs, events: data.events === undefined ? posted : [...data.events, ...(posted ?? [])] };
}

/** The runtime's row and events for stored data. */
export function rowAndEvents(d: StoredData): { row: object; events: object[] } {
  const { inputs, events } = parseData(d);
  return { row: { ...inputs, period: d.start }, events: events ?? [] };
}

/**
 * Whether a period can be settled under `terms`: its inputs are stored and,
 * when the terms declare events, the counterparty has posted the period's
 * (an empty list saying there were none) — a period never settles before
 * both parties have had their say.
 */
export function complete(terms: Terms, d: StoredData): boolean {
  // Parsed only when no events row is there (data stored before events had a table may carry them inside).
  return terms.header.events.length === 0 || d.events !== null || parseData(d).events !== null;
}
