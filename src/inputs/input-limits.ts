/**
 * The inputs' share of the resource limits (src/limits.ts): file size,
 * period rows and events. Each is checked before the work it bounds, so a
 * 100 MB upload or ten million rows fail fast with one diagnostic that
 * names the file, instead of exhausting memory or printing an error per row.
 */
import type { DealHeader } from "../check/checked-program.ts";
import type { Diagnostic } from "../diagnostics/diagnostic.ts";
import { INPUT } from "../diagnostics/codes/input.ts";
import { exceedsUtf8Bytes, groupDigits, type Limits } from "../limits.ts";
import { inputError } from "./input-error.ts";

/** How a loader names its file in messages, and the limits it enforces. */
export interface LoadOptions {
  /** The file's name (or path), for messages; "the inputs file" when absent. */
  readonly name?: string;
  readonly limits?: Partial<Limits>;
}

/** `inputs file data.json`, or `the inputs file` for a file without a name. */
export function fileLabel(name: string | undefined, what = "inputs file"): string {
  return name === undefined ? `the ${what}` : `${what} ${name}`;
}

/** TN3125 when `text` is larger than the limit; checked before anything reads the text. */
export function checkFileSize(text: string, label: string, limits: Limits): Diagnostic | null {
  if (!exceedsUtf8Bytes(text, limits.maxInputBytes)) return null;
  return inputError(INPUT.inputFileTooLarge, `${label} is larger than ${groupDigits(limits.maxInputBytes)} bytes, the limit for an inputs file`);
}

/** TN3126 when there are more period rows than the limit (a CSV reader stops counting just past it). */
export function checkRowCount(count: number, label: string, limits: Limits): Diagnostic | null {
  if (count <= limits.maxInputRows) return null;
  return inputError(INPUT.tooManyRows, `${label} has more than ${groupDigits(limits.maxInputRows)} period rows, the limit`);
}

/** TN3127 when there are more events than the limit. */
export function checkEventCount(count: number, label: string, limits: Limits): Diagnostic | null {
  if (count <= limits.maxEvents) return null;
  return inputError(INPUT.tooManyEvents, `${label} has more than ${groupDigits(limits.maxEvents)} events, the limit`);
}

/**
 * Most JSON values a valid inputs file for this deal can hold, with room to
 * spare (twice as many): each row is an object with `period` and one field
 * per input, each event an object with `date`, `event` and its arguments.
 * Reading stops past it, so the row and event limits bound memory too.
 */
export function jsonValueBudget(header: DealHeader, limits: Limits): number {
  const maxParams = Math.max(0, ...header.events.map((e) => e.params.length));
  return 2 * (limits.maxInputRows * (header.inputs.length + 2) + limits.maxEvents * (maxParams + 3)) + 16;
}

/** TN3125 for JSON with more values than the budget. */
export function tooManyValues(label: string, budget: number): Diagnostic {
  return inputError(INPUT.inputFileTooLarge,
    `${label} holds more than ${groupDigits(budget)} JSON values, more than the row and event limits allow; it cannot be a valid inputs file for this deal`);
}
