/**
 * Data rows and events as read from a file, before validation: what the
 * JSON and CSV readers share, so every defect is judged (and worded) once.
 */

/** A cell or JSON value, kept as written. */
export type RawValue =
  /** A JSON string or a CSV cell. */
  | { readonly kind: "text"; readonly text: string }
  /** A JSON number: its source text. */
  | { readonly kind: "number"; readonly text: string }
  /** Anything else (null, true, an object, …), described for messages. */
  | { readonly kind: "other"; readonly shown: string };

export interface RawField {
  readonly name: string;
  readonly value: RawValue;
}

/** One period row of a data file. */
export interface RawRow {
  /** How messages name the row while its period is unknown: `row 3` or `row 3 (line 4)`. */
  readonly label: string;
  /** Written after `period 2026-08-01` in messages: "" for JSON, ` (row 2, line 3)` for CSV. */
  readonly suffix: string;
  readonly period: RawValue | undefined;
  /** Every other field in source order, duplicates kept. */
  readonly fields: readonly RawField[];
}

/** One event of a data file. */
export interface RawEvent {
  /** `event 2` (JSON) or `event row 2` (CSV). */
  readonly label: string;
  /** Where the event is written when the label alone does not say: "" (JSON) or `line 3` (CSV). */
  readonly where: string;
  readonly date: RawValue | undefined;
  readonly event: RawValue | undefined;
  /** Every other field in source order, duplicates kept. */
  readonly args: readonly RawField[];
}

/** How a value is quoted in messages. */
export function showRaw(v: RawValue): string {
  return v.kind === "text" ? JSON.stringify(v.text) : v.kind === "number" ? v.text : v.shown;
}
