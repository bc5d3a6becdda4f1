/**
 * The front door for inputs files: picks the reader by extension.
 *
 * - one `.json` file: the inputs file of docs/language.md §11 "JSON";
 * - one `.csv` periods file (header has `period`), optionally with one
 *   events file: a `.csv` whose header has `date` and `event` but no
 *   `period`, or a `.json` (`{"events": […]}` or a bare array);
 * - no file at all: no data, so an empty ledger.
 */
import type { DealHeader } from "../check/checked-program.ts";
import type { Period } from "../eval/periods.ts";
import type { Result } from "../diagnostics/diagnostic.ts";
import { INPUT } from "../diagnostics/codes/input.ts";
import type { DealData } from "./deal-data.ts";
import { loadInputsJson } from "./load-json.ts";
import { loadInputsCsv } from "./load-csv.ts";
import { inputError } from "./input-error.ts";
import { limitsWith, type Limits } from "../limits.ts";
import { checkFileSize, fileLabel } from "./input-limits.ts";

export interface InputFile {
  /** File name or path; only its extension matters. */
  readonly name: string;
  readonly text: string;
}

const extension = (name: string) => /\.([^./\\]+)$/.exec(name)?.[1]?.toLowerCase() ?? "";

/** True when a CSV's first line names `date` and `event` columns and no `period` column. */
function isEventsCsv(text: string): boolean {
  const first = text.replace(/^\uFEFF/, "").split(/\r?\n/, 1)[0] ?? "";
  const names = first.split(",").map((c) => c.trim().replace(/^"(.*)"$/, "$1"));
  return names.includes("date") && names.includes("event") && !names.includes("period");
}

/**
 * Loads inputs from the given files; every defect is reported, the value is
 * null on any error. `limits` (src/limits.ts) bound file size, rows and
 * events; a file over the size limit is refused before it is parsed.
 */
export function loadInputs(
  files: readonly InputFile[],
  header: DealHeader,
  periods: readonly Period[],
  limitsGiven: Partial<Limits> = {},
): Result<DealData | null> {
  if (files.length === 0) return { value: { periods: [], events: [] }, diagnostics: [] };
  const limits = limitsWith(limitsGiven);
  const tooLarge = files.map((f) => checkFileSize(f.text, fileLabel(f.name), limits)).filter((d) => d !== null);
  if (tooLarge.length > 0) return { value: null, diagnostics: tooLarge };
  const unsupported = files.filter((f) => extension(f.name) !== "json" && extension(f.name) !== "csv");
  if (unsupported.length > 0) {
    return fail(unsupported.map((f) => `inputs file ${f.name}: unsupported kind (expected .json or .csv)`));
  }
  const json = files.filter((f) => extension(f.name) === "json");
  const csv = files.filter((f) => extension(f.name) === "csv");
  if (csv.length === 0) {
    if (json.length === 1) return loadInputsJson(json[0]!.text, header, periods, { name: json[0]!.name, limits });
    return fail([`give one JSON inputs file, not ${json.length} (${json.map((f) => f.name).join(", ")})`]);
  }
  const eventsCsv = csv.filter((f) => isEventsCsv(f.text));
  const periodsCsv = csv.filter((f) => !isEventsCsv(f.text));
  const events = [...eventsCsv, ...json];
  if (periodsCsv.length !== 1 || events.length > 1) {
    return fail([
      `expected one periods CSV (header with "period") and at most one events file (CSV with "date" and "event", or JSON); ` +
      `got ${periodsCsv.length} periods CSV and ${events.length} events files (${files.map((f) => f.name).join(", ")})`,
    ]);
  }
  return loadInputsCsv(periodsCsv[0]!.text, events[0]?.text ?? null, header, periods, {
    periodsName: periodsCsv[0]!.name,
    ...(events[0] === undefined ? {} : { eventsName: events[0].name }),
    limits,
  });
}

function fail(messages: readonly string[]): Result<DealData | null> {
  return { value: null, diagnostics: messages.map((m) => inputError(INPUT.unsupportedInputFiles, m)) };
}
