/**
 * Run-time values of Tenor expressions (brief §2).
 *
 * Units are not carried at run time: the checker already proved every
 * operation dimensionally sound, and the static type of an expression
 * (CheckedProgram.types) gives its unit whenever one must be displayed.
 */
import type { Type } from "../check/checked-program.ts";
import type { CalendarDate } from "./dates.ts";
import { formatDate } from "./dates.ts";
import type { Decimal } from "./decimal.ts";

export type DurationUnit = "days" | "months" | "years";

export interface NumberValue {
  readonly kind: "number";
  readonly value: Decimal;
}
export interface BoolValue {
  readonly kind: "bool";
  readonly value: boolean;
}
export interface DateValue {
  readonly kind: "date";
  readonly value: CalendarDate;
}
/** `30 days`, `3 months`: a whole count of calendar units, added to or subtracted from dates. */
export interface DurationValue {
  readonly kind: "duration";
  readonly amount: Decimal;
  readonly per: DurationUnit;
}

export type Value = NumberValue | BoolValue | DateValue | DurationValue;

export function num(value: Decimal): NumberValue {
  return { kind: "number", value };
}

const TRUE: BoolValue = { kind: "bool", value: true };
const FALSE: BoolValue = { kind: "bool", value: false };
export function bool(value: boolean): BoolValue {
  return value ? TRUE : FALSE;
}

export function date(value: CalendarDate): DateValue {
  return { kind: "date", value };
}

export function duration(amount: Decimal, per: DurationUnit): DurationValue {
  return { kind: "duration", amount, per };
}

/** The text of a value: canonical decimal, ISO date, `true`/`false`, or the duration's count. */
export function valueText(v: Value): string {
  switch (v.kind) {
    case "number": return v.value.toString();
    case "bool": return v.value ? "true" : "false";
    case "date": return formatDate(v.value);
    case "duration": return v.amount.toString();
  }
}

/** The display unit of a value of a static type, or undefined for plain numbers, dates and booleans. */
export function displayUnit(type: Type | undefined): string | undefined {
  if (type === undefined) return undefined;
  if (type.kind === "number") return type.unit.isNone ? undefined : type.unit.toString();
  if (type.kind === "duration") return type.per;
  return undefined;
}
