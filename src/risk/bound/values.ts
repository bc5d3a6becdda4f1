/**
 * Abstract values for `tenor bound`: what an expression of each IR type may
 * be in a period. Numbers are spans; booleans say which of true and false
 * may occur; dates and durations are known exactly or not at all (period
 * dates and literals are known, so dates almost always are).
 */
import type { CalendarDate, Duration } from "../../eval/dates.ts";
import { compareDates } from "../../eval/dates.ts";
import { hull, point, unbounded, type Span } from "./span.ts";
import type { Decimal } from "../../eval/decimal.ts";

export type AbstractValue =
  | { readonly kind: "number"; readonly span: Span }
  | { readonly kind: "bool"; readonly canTrue: boolean; readonly canFalse: boolean }
  | { readonly kind: "date"; readonly date: CalendarDate | null }
  | { readonly kind: "duration"; readonly duration: Duration | null };

export const num = (span: Span): AbstractValue => ({ kind: "number", span });
export const exactNumber = (v: Decimal): AbstractValue => num(point(v));
export const bool = (canTrue: boolean, canFalse: boolean): AbstractValue => ({ kind: "bool", canTrue, canFalse });
export const MAYBE = bool(true, true);
export const date = (d: CalendarDate | null): AbstractValue => ({ kind: "date", date: d });
export const duration = (d: Duration | null): AbstractValue => ({ kind: "duration", duration: d });

/** The span of a number value (anything else has none: unbounded). */
export function spanOf(v: AbstractValue): Span {
  return v.kind === "number" ? v.span : unbounded("not a number");
}

/** Either value: what an `if` whose condition may go both ways gives. */
export function join(a: AbstractValue, b: AbstractValue): AbstractValue {
  if (a.kind === "number" && b.kind === "number") return num(hull(a.span, b.span));
  if (a.kind === "bool" && b.kind === "bool") return bool(a.canTrue || b.canTrue, a.canFalse || b.canFalse);
  if (a.kind === "date" && b.kind === "date") return date(a.date !== null && b.date !== null && compareDates(a.date, b.date) === 0 ? a.date : null);
  if (a.kind === "duration" && b.kind === "duration") {
    const same = a.duration !== null && b.duration !== null && a.duration.per === b.duration.per && a.duration.amount.eq(b.duration.amount);
    return duration(same ? a.duration : null);
  }
  return a;
}
