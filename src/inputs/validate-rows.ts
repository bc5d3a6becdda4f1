/**
 * Period rows against the deal (docs/language.md §11 "Input errors"): every declared input has a
 * decimal value, every row names a period start of the term, and rows run
 * in ascending order, contiguous from period 1. Every defect is reported,
 * each naming the row (or its period) and the field.
 */
import type { Decimal } from "../eval/decimal.ts";
import { parseDate } from "../eval/dates.ts";
import type { Period } from "../eval/periods.ts";
import { periodOfDate } from "../eval/periods.ts";
import type { Diagnostic } from "../diagnostics/diagnostic.ts";
import { INPUT } from "../diagnostics/codes/input.ts";
import type { PeriodRow } from "./deal-data.ts";
import type { RawRow } from "./raw-data.ts";
import { showRaw } from "./raw-data.ts";
import { readValue } from "./read-value.ts";
import { suggestionText } from "./suggest.ts";
import { inputError } from "./input-error.ts";

export interface RowOptions {
  /** Inputs already reported as absent from the whole file (a CSV column): not reported again per row. */
  readonly absentInputs?: ReadonlySet<string>;
}

/** Validates rows; pushes diagnostics and returns the rows in period order (meaningful only without errors). */
export function validateRows(
  rows: readonly RawRow[],
  inputs: readonly string[],
  periods: readonly Period[],
  out: Diagnostic[],
  options: RowOptions = {},
): PeriodRow[] {
  const located: { row: RawRow; period: Period }[] = [];
  const result: PeriodRow[] = [];
  for (const row of rows) {
    const period = rowPeriod(row, periods, out);
    const name = period ? `period ${period.start}${row.suffix}` : row.label;
    const values = rowValues(row, name, inputs, out, options);
    if (period) {
      located.push({ row, period });
      result.push({ period: period.start, values });
    }
  }
  checkOrder(located, periods, out);
  return result;
}

/** The period a row names, or null after reporting why it names none. */
function rowPeriod(row: RawRow, periods: readonly Period[], out: Diagnostic[]): Period | null {
  const v = row.period;
  if (v === undefined) {
    out.push(inputError(INPUT.missingPeriod, `${row.label}: missing "period" (the start date of the row's period)`));
    return null;
  }
  const date = v.kind === "text" ? parseDate(v.text) : null;
  if (v.kind !== "text" || date === null) {
    out.push(inputError(INPUT.invalidDate, `${row.label}: period ${showRaw(v)} is not a date (expected YYYY-MM-DD)`));
    return null;
  }
  const text = v.text;
  const first = periods[0];
  const last = periods[periods.length - 1];
  if (first === undefined || last === undefined) {
    out.push(inputError(INPUT.periodOutsideTerm, `${row.label}: period ${text} is outside the term, which has no periods`));
    return null;
  }
  if (text < first.start) {
    out.push(inputError(INPUT.periodOutsideTerm, `${row.label}: period ${text} is before the term, which starts on ${first.start}`));
    return null;
  }
  if (text > last.end) {
    out.push(inputError(INPUT.periodOutsideTerm, `${row.label}: period ${text} is after the term, which ends on ${last.end}`));
    return null;
  }
  const containing = periodOfDate(periods, text)!;
  if (containing.start !== text) {
    out.push(inputError(INPUT.notAPeriodStart,
      `${row.label}: "${text}" is not the start of a period (periods start on ${startsList(periods)}; ` +
      `did you mean ${containing.start}?)`));
    return null;
  }
  return containing;
}

function startsList(periods: readonly Period[]): string {
  const shown = periods.slice(0, 2).map((p) => p.start);
  return periods.length > 2 ? `${shown.join(", ")}, …` : shown.join(", ");
}

/** The row's input values in declaration order; reports unknown, duplicate, missing and malformed fields. */
function rowValues(row: RawRow, name: string, inputs: readonly string[], out: Diagnostic[], options: RowOptions): Map<string, Decimal> {
  const declared = new Set(inputs);
  const found = new Map<string, Decimal>();
  const seen = new Set<string>();
  for (const f of row.fields) {
    if (!declared.has(f.name)) {
      out.push(inputError(INPUT.unknownField, `${name}: unknown field "${f.name}"${suggestionText(f.name, inputs, "inputs")}`));
      continue;
    }
    if (seen.has(f.name)) {
      out.push(inputError(INPUT.duplicateField, `${name}: input "${f.name}" is given more than once`));
      continue;
    }
    seen.add(f.name);
    const r = readValue(f.value);
    if (r.ok) found.set(f.name, r.value);
    else out.push(inputError(r.code, `${name}: input "${f.name}" ${r.problem}`));
  }
  const values = new Map<string, Decimal>();
  for (const input of inputs) {
    const v = found.get(input);
    if (v !== undefined) values.set(input, v);
    else if (!seen.has(input) && !options.absentInputs?.has(input)) {
      out.push(inputError(INPUT.missingValue, `${name}: missing value for input "${input}"`));
    }
  }
  return values;
}

/** Rows must run in ascending order, once per period, from period 1 without gaps (docs/language.md §11 "Input errors"). */
function checkOrder(located: readonly { row: RawRow; period: Period }[], periods: readonly Period[], out: Diagnostic[]): void {
  const firstRow = new Map<number, RawRow>();
  let latest: Period | null = null;
  for (const { row, period } of located) {
    const earlier = firstRow.get(period.index);
    if (earlier !== undefined) {
      out.push(inputError(INPUT.duplicatePeriod, `${row.label}: period ${period.start} is given twice; first in ${earlier.label}`));
      continue;
    }
    firstRow.set(period.index, row);
    if (latest !== null && period.index < latest.index) {
      out.push(inputError(INPUT.periodOutOfOrder,
        `${row.label}: period ${period.start} comes after period ${latest.start}: rows must be in ascending order`));
    } else {
      latest = period;
    }
  }
  let highest = 0;
  for (const i of firstRow.keys()) if (i > highest) highest = i;
  const first = periods[0];
  for (let i = 1; i <= highest; i++) {
    if (firstRow.has(i)) continue;
    let j = i;
    while (j + 1 <= highest && !firstRow.has(j + 1)) j++;
    const from = periods[i - 1]!.start;
    const what = i === j ? `period ${from} is missing` : `periods ${from} to ${periods[j - 1]!.start} are missing`;
    out.push(inputError(INPUT.periodMissing, `${what}: rows must be contiguous from period 1 (${first!.start})`));
    i = j;
  }
}
