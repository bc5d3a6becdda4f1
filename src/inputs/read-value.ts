/**
 * Turns one raw value into a Decimal or the words of a diagnostic: shared
 * by period inputs and event arguments.
 */
import type { Decimal } from "../eval/decimal.ts";
import { INPUT } from "../diagnostics/codes/input.ts";
import type { RawValue } from "./raw-data.ts";
import { showRaw } from "./raw-data.ts";
import { expandNumberText, readDecimalText, readJsonNumber } from "./read-number.ts";

export type ValueReading =
  | { readonly ok: true; readonly value: Decimal }
  /** `problem` completes a sentence that starts with what was read, e.g. `input "revenue"`. */
  | { readonly ok: false; readonly code: string; readonly problem: string };

export function readValue(v: RawValue): ValueReading {
  if (v.kind === "number") {
    const r = readJsonNumber(v.text);
    if (r.ok) return r;
    const exact = expandNumberText(v.text);
    const fix = exact === null ? "write it as a decimal string" : `write it as a string: "${exact}"`;
    return {
      ok: false,
      code: INPUT.lossyNumber,
      problem: `is the JSON number ${v.text}, which cannot be read without loss (a float reader sees ${r.readsAs}); ${fix}`,
    };
  }
  if (v.kind === "text") {
    const d = readDecimalText(v.text);
    if (d !== null) return { ok: true, value: d };
  }
  return { ok: false, code: INPUT.notADecimal, problem: `is not a decimal: ${showRaw(v)}` };
}
