/**
 * One period's data as the service takes it — `{ inputs: { name: value },
 * events: [{ date, event, args… }] }` — and as the runtime reads it: the
 * row `{ period: START, name: value }` and the events of docs/language.md
 * §11 "JSON". Stored as canonical JSON, so the same data sent twice is
 * recognised as the same bytes.
 */
import { canonicalJson } from "../ir/canonical-json.ts";
import { sha256Hex } from "../ir/sha256.ts";

export interface PeriodDataBody {
  readonly inputs: Readonly<Record<string, unknown>>;
  readonly events?: readonly Record<string, unknown>[];
}

export interface CanonicalData {
  readonly text: string;
  readonly sha256: string;
}

export function canonicalData(body: PeriodDataBody): CanonicalData {
  const text = canonicalJson({ inputs: body.inputs, events: body.events ?? [] });
  return { text, sha256: sha256Hex(text) };
}

/** The runtime's row and events for stored data of the period starting `start`. */
export function rowAndEvents(start: string, stored: string): { row: object; events: object[] } {
  const data = JSON.parse(stored) as { inputs: Record<string, unknown>; events: object[] };
  return { row: { ...data.inputs, period: start }, events: data.events };
}
